"""The registry's pages: intake on a phone in Russian, drafts, idempotent submission, who sees which page,
audited identity pages, headers that keep identities out of caches and search engines, and constant query counts."""

from __future__ import annotations

import re
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from observatory.audit.models import AuditEntry
from observatory.cases.models import Act, Case, CaseStatus, Term
from observatory.cases.tests.conftest import (
    CLIENT_CODE,
    CONTACT,
    NAME,
    NARRATIVE,
    verified_session,
)

IDENTITY_VALUES = (NAME, CONTACT, NARRATIVE, CLIENT_CODE)


def intake_post(idempotency_key="key-1", **overrides):
    data = {
        "idempotency_key": idempotency_key, "consent_document": "on", "consent_share_network": "on",
        "consent_contact": "on", "occurred_on": "2024-03-15", "region": "Kyiv", "channel": "outreach",
        "narrative": NARRATIVE, "victim_name": NAME, "victim_contact": CONTACT, "victim_client_code": CLIENT_CODE,
        "victim_sex": "female", "victim_key_populations": ["people_on_ost"],
        "acts-TOTAL_FORMS": "3", "acts-INITIAL_FORMS": "0", "acts-MIN_NUM_FORMS": "3", "acts-MAX_NUM_FORMS": "10",
        "acts-0-violation": "police_beating", "acts-0-perpetrators": ["police"], "acts-0-place_type": "street",
        "submit": "1",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def assert_private(response):
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]


@pytest.fixture
def documenter(client, personas, vocabularies):
    return verified_session(client, personas["documenter_ukr"])


def test_the_intake_form_in_russian_explains_consents_and_carries_a_fresh_key(documenter):
    page = documenter.get("/ru/cases/new/")
    assert page.status_code == 200
    assert_private(page)
    html = page.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert 'lang="ru"' in html and "Согласие" in html
    assert "Без этого ничего нельзя сохранить" in html  # the consent to document, in plain words
    keys = re.findall(r'name="idempotency_key" value="([^"]+)"', html)
    second = re.findall(r'name="idempotency_key" value="([^"]+)"', documenter.get("/ru/cases/new/").content.decode())
    assert keys and second and keys != second
    assert "<script>" not in html  # no inline script (CSP)


def test_submitting_records_the_case_and_redirects_to_an_opaque_address(documenter):
    response = documenter.post("/ru/cases/new/", intake_post())
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/ru/cases/{case.uuid}/"
    assert case.status == CaseStatus.SUBMITTED
    for value in IDENTITY_VALUES:
        assert value not in response["Location"]
    page = documenter.get(response["Location"])
    assert case.reference in page.content.decode()
    assert NAME not in page.content.decode()  # the case page shows no identity until asked


def test_a_double_submission_makes_one_case(documenter):
    first = documenter.post("/en/cases/new/", intake_post(idempotency_key="same-render"))
    second = documenter.post("/en/cases/new/", intake_post(idempotency_key="same-render"))
    assert Case.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert "already saved" in documenter.get(second["Location"]).content.decode()


def test_save_a_draft_then_finish_it(documenter):
    documenter.post("/en/cases/new/", intake_post(submit=None, draft="1", channel="", occurred_on=""))
    case = Case.objects.get()
    assert case.status == CaseStatus.DRAFT
    edit = documenter.get(f"/en/cases/{case.uuid}/edit/")
    assert edit.status_code == 200 and NAME in edit.content.decode()
    assert AuditEntry.objects.filter(action="case.identity_view", details__via="edit_form").exists()
    data = intake_post()
    data.pop("idempotency_key")
    assert documenter.post(f"/en/cases/{case.uuid}/edit/", data).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED


def test_server_side_validation_names_the_field_in_russian(documenter):
    page = documenter.post("/ru/cases/new/", intake_post(occurred_on="15 марта", consent_document=None,
                                                       **{"acts-0-violation": "", "acts-0-perpetrators": ["police"]}))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Исправьте, пожалуйста" in html
    assert "Когда это произошло?" in html and "2024-03-15" in html
    assert "Что было сделано" in html
    assert not Case.objects.exists()
    # The form keeps what was typed, and the same key, so correcting and resending saves one case.
    assert 'value="key-1"' in html


@pytest.mark.parametrize("persona,detail,identity", [
    ("documenter_ukr", 200, 200), ("case_manager_ukr", 200, 200), ("coordinator_ukr", 200, 200),
    ("documenter_ukr2", 404, 404), ("documenter_kgz", 404, 404), ("coordinator_kgz", 404, 404),
    ("analyst", 404, 404), ("admin", 404, 404),
])
def test_who_opens_which_case_page(client, personas, make_case, persona, detail, identity):
    case = make_case()
    verified_session(client, personas[persona])
    page = client.get(f"/en/cases/{case.uuid}/")
    assert page.status_code == detail
    shown = client.get(f"/en/cases/{case.uuid}/identity/")
    assert shown.status_code == identity
    assert_private(shown)
    if identity == 404:
        for value in IDENTITY_VALUES + (case.reference,):
            assert value not in shown.content.decode() and value not in page.content.decode()


def test_a_missing_case_and_a_forbidden_case_look_the_same(client, personas, make_case):
    other = make_case("documenter_kgz")
    verified_session(client, personas["documenter_ukr"])
    forbidden = client.get(f"/en/cases/{other.uuid}/")
    missing = client.get(f"/en/cases/{uuid.uuid4()}/")
    assert forbidden.status_code == missing.status_code == 404
    assert forbidden.content == missing.content


def test_the_identity_page_is_audited_and_coordinators_need_consent(client, personas, make_case):
    from observatory.cases.tests.conftest import case_data

    shared = make_case()
    private = case_data()
    private.consent.share_network = False
    hidden = make_case(data=private)
    verified_session(client, personas["coordinator_ukr"])
    page = client.get(f"/en/cases/{shared.uuid}/identity/")
    assert NAME in page.content.decode() and NARRATIVE in page.content.decode()
    entry = AuditEntry.objects.get(action="case.identity_view")
    assert entry.actor_username == "coordinator_ukr" and entry.object_id == str(shared.pk)
    assert "victim.name" in entry.details["fields"] and entry.details["via"] == "web"
    assert client.get(f"/en/cases/{hidden.uuid}/").status_code == 200
    assert client.get(f"/en/cases/{hidden.uuid}/identity/").status_code == 404
    assert "did not agree" in client.get(f"/en/cases/{hidden.uuid}/").content.decode()


def _clone(case, count):
    """Many cases quickly (the list reads no ciphertexts, so copies of one case's row are enough)."""
    violation = Term.objects.get(vocabulary__code="violations", code="police_beating")
    rows = [Case(organisation=case.organisation, country=case.country, status=case.status,
                 reference=f"UKR-24-T{i:06d}", occurred_on=case.occurred_on, occurred_year=2024,
                 consent_document=True, consent_share_network=True) for i in range(count)]
    created = Case.objects.bulk_create(rows)
    Act.objects.bulk_create(Act(case=c, violation=violation) for c in created)


def test_the_list_query_count_does_not_grow_with_page_size(client, personas, make_case,
                                                           django_assert_num_queries):
    case = make_case()
    _clone(case, 60)
    verified_session(client, personas["coordinator_ukr"])
    client.get("/en/cases/")  # warm caches (the session, translations)
    with CaptureQueriesContext(connection) as small:
        page = client.get("/en/cases/?per_page=10")
    assert page.status_code == 200 and page.content.decode().count('<th scope="row">') == 10
    with django_assert_num_queries(len(small)):
        big = client.get("/en/cases/?per_page=50")
    assert big.content.decode().count('<th scope="row">') == 50
    assert NAME not in big.content.decode()


def test_client_code_search_is_a_post_and_finds_the_case(documenter, make_case):
    case = make_case()
    form = documenter.get("/en/cases/search/")  # a bookmark or a reload: the empty form, never a blank 405
    assert form.status_code == 200 and 'name="client_code"' in form.content.decode()
    assert AuditEntry.objects.filter(action="case.client_code_search").count() == 0
    page = documenter.post("/en/cases/search/", {"client_code": "ол 1985 м"})
    assert case.reference in page.content.decode()
    assert_private(page)
    assert AuditEntry.objects.filter(action="case.client_code_search", details__found=1).exists()


def test_coordinator_verifies_and_case_manager_follows_up(client, personas, make_case):
    case = make_case()
    verified_session(client, personas["coordinator_ukr"])
    assert case.reference in client.get("/en/cases/moderation/").content.decode()
    assert client.post(f"/en/cases/{case.uuid}/status/", {"action": "verify"}).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.VERIFIED
    manager = Client()
    verified_session(manager, personas["case_manager_ukr"])
    response = manager.post(f"/en/cases/{case.uuid}/responses/new/", {
        "type": "legal_consultation", "status": "in_progress", "outcome": "pending", "follow_up_due": "2024-01-05",
        "notes": "адвокат назначен"})
    assert response.status_code == 302
    overdue = manager.get("/en/cases/follow-ups/")
    assert case.reference in overdue.content.decode()
    assert client.get("/en/cases/follow-ups/").status_code == 200


def test_documenters_cannot_verify_and_analysts_have_no_registry(client, personas, make_case):
    case = make_case()
    verified_session(client, personas["documenter_ukr"])
    assert client.post(f"/en/cases/{case.uuid}/status/", {"action": "verify"}).status_code == 404
    assert client.get("/en/cases/moderation/").status_code == 404
    analyst = verified_session(Client(), personas["analyst"])
    assert analyst.get("/en/cases/").status_code == 404
    assert analyst.get("/en/cases/new/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, make_case):
    case = make_case()
    response = client.get(f"/en/cases/{case.uuid}/identity/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_no_identity_reaches_the_logs(client, personas, make_case, caplog):
    import logging

    caplog.set_level(logging.DEBUG)
    verified_session(client, personas["documenter_ukr"])
    client.post("/en/cases/new/", intake_post())
    case = Case.objects.get()
    client.get(f"/en/cases/{case.uuid}/identity/")
    client.post("/en/cases/new/", intake_post(idempotency_key="k2", occurred_on="bad"))
    client.post("/en/cases/search/", {"client_code": CLIENT_CODE})
    client.get(f"/en/cases/{uuid.uuid4()}/")
    other = verified_session(Client(), personas["documenter_kgz"])
    other.get(f"/en/cases/{case.uuid}/identity/")
    assert caplog.records  # something was logged (the 404s)
    for value in IDENTITY_VALUES + ("ол 1985", "1985-04-12"):
        assert value not in caplog.text


def test_a_server_error_page_shows_no_identity(personas, make_case, caplog):
    """A ciphertext that fails to open is a server error: the page and the log carry no identity."""
    from observatory.cases.models import Victim

    case = make_case()
    victim = Victim.objects.get(case=case)
    Victim.objects.filter(pk=victim.pk).update(name_enc=bytes(victim.contact_enc))
    client = verified_session(Client(raise_request_exception=False), personas["documenter_ukr"])
    page = client.get(f"/en/cases/{case.uuid}/identity/")
    assert page.status_code == 500
    for value in IDENTITY_VALUES:
        assert value not in page.content.decode() and value not in caplog.text


def test_robots_and_headers_on_every_registry_page(documenter, make_case):
    case = make_case()
    for path in ("/en/cases/", "/en/cases/new/", f"/en/cases/{case.uuid}/", f"/en/cases/{case.uuid}/edit/",
                 "/en/cases/report/"):
        page = documenter.get(path)
        assert page.status_code == 200, path
        assert_private(page)
        assert "noindex" in page.content.decode() or path == "/en/cases/report/"
