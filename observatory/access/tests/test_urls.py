"""Every URL of the site, classified: who may reach it, and that out of scope is the same 404 as missing.

The test walks the URLconf. A route missing from ``URL_ACCESS`` fails it: a new page or API
endpoint must say who may use it. For each protected route a visitor never gets the page, and
for routes that load a record, a record out of the persona's scope answers exactly like a record
that does not exist.
"""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC = "public"            # anyone, no sign-in (public pages, open API, documents)
SIGN_IN = "sign-in"          # the sign-in flow itself
SIGNED_IN = "signed-in"      # a signed-in account; what it shows comes from the policy
POLICY = "policy"            # signed in, and the access policy decides (404 out of scope)
TOKEN = "token"              # API with a bearer token; the policy decides (404 out of scope)
OPERATOR = "operator"        # monitoring with the operator's metrics token; a 404 for anyone else
ADMIN_SITE = "admin-site"    # Django's admin: network staff (the administer_site capability)

URL_ACCESS = {
    "healthz": PUBLIC, "readyz": PUBLIC, "metrics": OPERATOR, "robots.txt": PUBLIC, "favicon.ico": PUBLIC,
    # API
    "api/v1/": PUBLIC, "api/v1/openapi.json": PUBLIC, "api/v1/docs": PUBLIC, "api/v1/countries": PUBLIC,
    "api/v1/indicators": PUBLIC, "api/v1/sources": PUBLIC, "api/v1/observations": PUBLIC, "api/v1/events": PUBLIC,
    "api/v1/events/<slug>": PUBLIC, "api/v1/vocabularies/<vocabulary>": PUBLIC, "api/v1/stats/violations": PUBLIC,
    "api/v1/network/members": PUBLIC, "api/v1/network/members/<member_id>": PUBLIC, "api/v1/network/stats": PUBLIC,
    "api/v1/laws": PUBLIC, "api/v1/laws/model": PUBLIC, "api/v1/scorecard": PUBLIC, "api/v1/scorecard/<iso3>": PUBLIC,
    "api/v1/reviews": PUBLIC, "api/v1/reviews/<code>/rounds/<year>": PUBLIC,
    "api/v1/auth/whoami": TOKEN, "api/v1/advocacy/actions": TOKEN, "api/v1/auth/tokens": SIGN_IN, "api/v1/cases": TOKEN, "api/v1/cases/<case_id>": TOKEN,
    "api/v1/reviews/<code>/rounds/<year>/countries/<iso3>/items/<item>": TOKEN,
    # pages
    "accounts/login/": SIGN_IN, "accounts/logout/": SIGN_IN, "accounts/two-factor/": SIGNED_IN,
    "": PUBLIC, "countries/<str:iso3>/": PUBLIC, "work/": SIGNED_IN,
    "about/": PUBLIC, "methodology/": PUBLIC, "glossary/": PUBLIC,
    "indicators/": PUBLIC, "indicators/template.csv": PUBLIC, "indicators/<slug:code>/": PUBLIC,
    "indicators/<slug:code>/embed/": PUBLIC, "indicators/<slug:code>/chart.<str:fmt>": PUBLIC,
    "charts/<slug:key>.svg": PUBLIC, "search/": PUBLIC,
    "indicators/import/": POLICY,
    "jobs/": SIGNED_IN, "jobs/<uuid:job_id>/": POLICY, "jobs/<uuid:job_id>/status.json": POLICY,
    "events/": PUBLIC, "events/<slug:slug>/": PUBLIC,
    "events/staff/": POLICY, "events/staff/new/": POLICY, "events/staff/<slug:slug>/": POLICY,
    "events/staff/<slug:slug>/delete/": POLICY,
    "impact/<str:iso3>/": PUBLIC, "impact/<str:iso3>/<slug:event>/<slug:indicator>/": PUBLIC,
    "impact/<str:iso3>/<slug:event>/<slug:indicator>/analysis.json": PUBLIC,
    "impact/<str:iso3>/<slug:event>/<slug:indicator>/publish/": POLICY,
    "impact/<str:iso3>/<slug:event>/<slug:indicator>/synth/": PUBLIC,
    "impact/<str:iso3>/<slug:event>/<slug:indicator>/synth/spec.yaml": PUBLIC,
    "impact/<str:iso3>/<slug:event>/<slug:indicator>/synth/panel.csv": PUBLIC,
    "cases/report/": PUBLIC, "cases/report/status/": PUBLIC, "cases/violations/": PUBLIC, "violations/": PUBLIC,
    "violations/estimates/": PUBLIC, "network/": PUBLIC, "network/<uuid:member_id>/": PUBLIC,
    "network/apply/": PUBLIC, "network/applications/": POLICY, "network/applications/<uuid:member_id>/": POLICY,
    "network/manage/": POLICY, "network/manage/<uuid:member_id>/": POLICY, "network/manage/export/": POLICY,
    "network/manage/<uuid:member_id>/edit/": POLICY,
    "advocacy/": POLICY, "advocacy/new/": POLICY, "advocacy/<uuid:action_id>/": POLICY,
    "rights/": PUBLIC, "rights/litigation/": PUBLIC, "rights/alternatives/": PUBLIC,
    "rights/recommendations/<slug:key>/": PUBLIC, "rights/<str:iso3>/": PUBLIC,
    # meetings: public calendar and registration; the private link's token opens one registration
    "meetings/": PUBLIC, "meetings/<slug:slug>/": PUBLIC, "meetings/<slug:slug>/calendar.ics": PUBLIC,
    "meetings/registration/<str:token>/": PUBLIC, "meetings/certificates/verify/": PUBLIC,
    "meetings/manage/": POLICY, "meetings/manage/new/": POLICY, "meetings/manage/<slug:slug>/": POLICY,
    "meetings/manage/<slug:slug>/participants/": POLICY, "meetings/manage/<slug:slug>/checkin/<str:code>/": POLICY,
    "meetings/manage/<slug:slug>/certificate/<str:code>.pdf": POLICY,
    "meetings/manage/recommendations/<uuid:uuid>/": POLICY,
    "data/coverage/": PUBLIC, "figures/": POLICY, "figures/new/": POLICY, "figures/<uuid:uuid>/": POLICY,
    "figures/<uuid:uuid>/document/": POLICY,
    "training/": PUBLIC, "training/toolkit/": PUBLIC, "training/manage/": POLICY, "training/results/<slug:slug>/": POLICY,
    "training/r/<str:token>/test/<slug:quiz>/<str:phase>/": PUBLIC, "training/r/<str:token>/feedback/": PUBLIC,
    "api/v1/recommendations": PUBLIC, "api/v1/litigation": PUBLIC, "api/v1/alternatives": PUBLIC,
    "api/v1/meetings": PUBLIC, "api/v1/meetings/<slug>/registrations": PUBLIC,
    "partners/": POLICY, "partners/new/": POLICY, "partners/<uuid:partner_id>/": POLICY,
    "partners/<uuid:partner_id>/edit/": POLICY, "partners/alliances/": POLICY, "partners/alliances/new/": POLICY,
    "partners/alliances/<uuid:alliance_id>/": POLICY, "partners/alliances/<uuid:alliance_id>/edit/": POLICY,
    "cases/": POLICY, "cases/new/": POLICY, "cases/search/": POLICY, "cases/follow-ups/": POLICY,
    "cases/moderation/": POLICY, "cases/duplicates/": POLICY, "cases/duplicates/find/": POLICY,
    "cases/duplicates/<uuid:pair_id>/": POLICY, "cases/duplicates/<uuid:pair_id>/decide/": POLICY, "cases/<uuid:case_id>/": POLICY, "cases/<uuid:case_id>/identity/": POLICY,
    "cases/<uuid:case_id>/edit/": POLICY, "cases/<uuid:case_id>/status/": POLICY,
    "cases/<uuid:case_id>/responses/new/": POLICY, "cases/<uuid:case_id>/responses/<uuid:response_id>/": POLICY,
    "cases/<uuid:case_id>/attachments/": POLICY, "cases/<uuid:case_id>/attachments/<uuid:attachment_id>/": POLICY,
    "laws/": PUBLIC, "laws/model/": PUBLIC, "laws/compare/": PUBLIC, "laws/<str:iso3>/": PUBLIC,
    "laws/<str:iso3>/reform/": PUBLIC,
    "scorecard/": PUBLIC, "scorecard/<str:iso3>/": PUBLIC, "scorecard/survey/": SIGNED_IN,
    "scorecard/survey/answer/<int:assignment_id>/": POLICY,
    "scorecard/survey/review/<slug:code>/<str:iso3>/<int:year>/": POLICY,
    "reviews/": PUBLIC, "reviews/<slug:code>/": PUBLIC, "reviews/<slug:code>/countries/<str:iso3>/": PUBLIC,
    "reviews/<slug:code>/<int:year>/": PUBLIC, "reviews/<slug:code>/<int:year>/<str:iso3>/": PUBLIC,
    "reviews/<slug:code>/<int:year>/<str:iso3>/items/<slug:item>/history/": PUBLIC,
    "reviews/<slug:code>/rounds/new/": POLICY, "reviews/<slug:code>/<int:year>/settings/": POLICY,
    "reviews/<slug:code>/<int:year>/<str:iso3>/report/": POLICY,
    "reviews/<slug:code>/<int:year>/<str:iso3>/items/<slug:item>/": POLICY,
    "reports/brief/<str:iso3>.pdf": PUBLIC, "reports/regional.pdf": PUBLIC,
    "reports/shadow/<slug:code>/<int:year>/<str:iso3>.pdf": PUBLIC,
    "reports/staff/": POLICY, "reports/staff/<str:iso3>/<str:language>/": POLICY,
    "reports/submissions/": POLICY, "reports/submissions/<int:pk>/": POLICY,
    "reports/submissions/<int:pk>/submission.<str:fmt>": POLICY, "reports/submissions/<int:pk>/delete/": POLICY,
    # stories: published ones are public (an image only once a published story shows it); editing by policy
    "sitemap.xml": PUBLIC, "your-country/": PUBLIC, "stories/": PUBLIC, "stories/feed/": PUBLIC,
    "stories/<slug:slug>/": PUBLIC, "stories/<slug:slug>/preview.png": PUBLIC, "stories/images/<int:pk>/": PUBLIC,
    "stories/manage/": POLICY, "stories/manage/new/": POLICY, "stories/manage/images/": POLICY,
    "stories/manage/<int:pk>/": POLICY, "stories/manage/<int:pk>/preview/": POLICY,
    "stories/manage/<int:pk>/history/": POLICY, "stories/manage/<int:pk>/<slug:action>/": POLICY,
}

_LANGUAGE = re.compile(r"^(en|ru)/")
SAMPLE = {"case_id": str(uuid.uuid4()), "pair_id": str(uuid.uuid4()), "member_id": str(uuid.uuid4()),
          "action_id": str(uuid.uuid4()), "partner_id": str(uuid.uuid4()), "alliance_id": str(uuid.uuid4()),
          "response_id": str(uuid.uuid4()), "attachment_id": str(uuid.uuid4()),
          "slug": "no-such-event", "code": "no-such-process", "iso3": "UKR", "year": "2024", "item": "no-item",
          "event": "no-event", "indicator": "no-indicator", "assignment_id": "999999", "language": "en",
          "fmt": "svg", "key": "no-such-recommendation", "vocabulary": "violations", "job_id": str(uuid.uuid4()),
          "pk": "999999", "token": "no-such-token", "quiz": "no-quiz", "phase": "pre", "uuid": str(uuid.uuid4()),
          "action": "publish"}


def _routes(resolver=None, prefix="") -> list[str]:
    resolver = resolver or get_resolver()
    found = []
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += _routes(pattern, route)
        elif isinstance(pattern, URLPattern):
            found.append(route)
    return found


def _classified() -> dict[str, str]:
    """Route (without the language prefix) -> class; the admin site's many routes are one class."""
    routes = {}
    for route in _routes():
        bare = _LANGUAGE.sub("", route)
        routes[bare] = ADMIN_SITE if bare.startswith("admin/") else URL_ACCESS.get(bare)
    return routes


def _path(route: str) -> str:
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: SAMPLE[m.group(1)], route)
    return "/" + (path if path.startswith(("api/", "healthz", "readyz", "metrics", "robots", "favicon", "sitemap"))
                  else "en/" + path)


def test_every_route_says_who_may_use_it():
    routes = _classified()
    unclassified = sorted(r for r, kind in routes.items() if kind is None)
    assert unclassified == [], "add these routes to URL_ACCESS with who may use them"
    stale = sorted(set(URL_ACCESS) - set(routes))
    assert stale == [], "URL_ACCESS names routes that no longer exist"


@pytest.mark.parametrize("route", sorted(r for r, k in URL_ACCESS.items()
                                          if k in (POLICY, SIGNED_IN, TOKEN, OPERATOR)))
def test_a_visitor_never_gets_a_protected_page(client, countries, route):
    response = client.get(_path(route))
    if URL_ACCESS[route] == OPERATOR:
        assert response.status_code == 404, route
    elif URL_ACCESS[route] == TOKEN:
        assert response.status_code in (401, 405), route
    else:
        assert response.status_code in (302, 404, 405), route
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"], route


def test_the_admin_site_is_for_network_staff_only(client, personas):
    from observatory.cases.tests.conftest import verified_session

    assert client.get("/en/admin/").status_code == 302
    for persona in ("coordinator_ukr", "case_manager_ukr", "documenter_ukr", "analyst"):
        verified_session(client, personas[persona])
        response = client.get("/en/admin/cases/term/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"], persona
    verified_session(client, personas["admin"])
    assert client.get("/en/admin/cases/term/").status_code == 200
    # The admin sees vocabularies, never case records.
    assert client.get("/en/admin/").status_code == 200


@pytest.mark.parametrize("persona", ["documenter_ukr", "coordinator_ukr", "analyst"])
def test_staff_pages_are_a_404_for_everyone_else(client, personas, persona):
    from observatory.cases.tests.conftest import verified_session

    verified_session(client, personas[persona])
    for route in ("indicators/import/", "events/staff/", "events/staff/new/", "reports/staff/",
                  "reports/staff/<str:iso3>/<str:language>/"):
        assert client.get(_path(route)).status_code == 404, route


def _same_404(client, out_of_scope: str, missing: str, *, method="get") -> None:
    a = getattr(client, method)(out_of_scope)
    b = getattr(client, method)(missing)
    assert (a.status_code, b.status_code) == (404, 404), (out_of_scope, a.status_code, b.status_code)
    assert a.content.replace(out_of_scope.encode(), b"") == b.content.replace(missing.encode(), b"")


@pytest.fixture
def kyrgyz_case(personas, countries):
    from observatory.access import SYSTEM
    from observatory.cases.services import case_create, vocabularies_load
    from observatory.cases.tests.conftest import case_data

    vocabularies_load(actor=SYSTEM)
    created, _ = case_create(actor=personas["documenter_kgz"], data=case_data(), submit=True)
    return created


CASE_ROUTES = ["cases/<uuid:case_id>/", "cases/<uuid:case_id>/identity/", "cases/<uuid:case_id>/edit/",
               "cases/<uuid:case_id>/responses/new/", "cases/<uuid:case_id>/responses/<uuid:response_id>/",
               "cases/<uuid:case_id>/attachments/<uuid:attachment_id>/"]


@pytest.mark.parametrize("persona", ["documenter_ukr", "case_manager_ukr", "coordinator_ukr"])
def test_another_countrys_case_is_the_same_404_as_a_missing_one(client, personas, kyrgyz_case, persona):
    from observatory.cases.tests.conftest import verified_session

    verified_session(client, personas[persona])
    for route in CASE_ROUTES:
        missing = _path(route)
        out_of_scope = missing.replace(SAMPLE["case_id"], str(kyrgyz_case.uuid))
        _same_404(client, out_of_scope, missing)
    status = _path("cases/<uuid:case_id>/status/")
    _same_404(client, status.replace(SAMPLE["case_id"], str(kyrgyz_case.uuid)), status, method="post")


def test_another_countrys_case_is_the_same_404_in_the_api(client, personas, kyrgyz_case):
    from observatory.access import SYSTEM
    from observatory.accounts.services import token_create

    _, secret = token_create(actor=SYSTEM, user=personas["documenter_ukr"])
    headers = {"Authorization": f"Bearer {secret}"}
    a = client.get(f"/api/v1/cases/{kyrgyz_case.uuid}", headers=headers)
    b = client.get(f"/api/v1/cases/{uuid.uuid4()}", headers=headers)
    assert (a.status_code, b.status_code) == (404, 404)
    assert a.json() == b.json()


def test_a_draft_event_is_the_same_404_as_a_missing_one(client, personas, countries):
    import datetime as dt

    from observatory.cases.tests.conftest import verified_session
    from observatory.events.models import PolicyEvent

    PolicyEvent.objects.create(slug="kgz-2016-draft", country=countries["KGZ"], date=dt.date(2016, 1, 1),
                               precision="year", type="law_change", title_en="Draft", title_ru="Черновик")
    for actor in (None, personas["coordinator_ukr"]):
        if actor is not None:
            verified_session(client, actor)
        _same_404(client, "/en/events/kgz-2016-draft/", "/en/events/no-such-event/")
        _same_404(client, "/api/v1/events/kgz-2016-draft", "/api/v1/events/no-such-event")


def test_someone_elses_survey_assignment_is_the_same_404_as_a_missing_one(client, personas, countries):
    from observatory.cases.tests.conftest import verified_session
    from observatory.scorecard.models import SurveyAssignment, SurveyQuestion

    question = SurveyQuestion.objects.create(code="q", text_en="Q", text_ru="В", options=[])
    theirs = SurveyAssignment.objects.create(question=question, country=countries["UKR"], year=2021,
                                             expert=personas["analyst"])
    verified_session(client, personas["documenter_ukr"])
    _same_404(client, f"/en/scorecard/survey/answer/{theirs.pk}/", "/en/scorecard/survey/answer/999999/")


def test_an_unpublished_review_round_is_the_same_404_as_a_missing_one(client, personas):
    from observatory.cases.tests.conftest import verified_session
    from observatory.reviews.models import ReviewProcess, ReviewRound

    process = ReviewProcess.objects.create(code="p", title_en="P", title_ru="П", short_title_en="P",
                                           short_title_ru="П", sources=[])
    ReviewRound.objects.create(process=process, year=2024, published=False, is_open=True)
    for actor in (None, personas["documenter_ukr"]):
        if actor is not None:
            verified_session(client, actor)
        _same_404(client, "/en/reviews/p/2024/", "/en/reviews/p/2031/")
        _same_404(client, "/en/reviews/p/2024/UKR/", "/en/reviews/p/2031/UKR/")
