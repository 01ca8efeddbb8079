"""Record-level checks of the filtered cells in ``test_matrix`` that no app's own matrix covers.

Each test builds records in and out of a persona's scope and asks the policy both ways:
``user_can`` on the record and ``scope`` as a list.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from observatory import access
from observatory.access import SYSTEM, VISITOR


def _both(actor, action, obj) -> bool:
    """The policy's answer for one record, after checking that the record and the list agree."""
    one = access.user_can(actor, action, obj)
    if obj.pk is not None:
        assert access.scope(actor, action, type(obj)).filter(pk=obj.pk).exists() is one, (action, obj)
    return one


@pytest.fixture
def events(countries):
    from observatory.events.models import EventSource, PolicyEvent

    made = {}
    for slug, published in (("ukr-2015-published", True), ("kgz-2016-draft", False)):
        event = PolicyEvent.objects.create(slug=slug, country=countries[slug[:3].upper()], date=dt.date(2015, 1, 1),
                                           precision="year", type="law_change", title_en=slug, title_ru=slug,
                                           published=published)
        made[published] = EventSource.objects.create(event=event, title="Source", url="https://example.org/a")
    return made


@pytest.mark.parametrize("persona", ["coordinator_ukr", "documenter_ukr", "analyst", "visitor", "admin"])
def test_event_sources_follow_their_event(personas, events, persona):
    actor = VISITOR if persona == "visitor" else personas[persona]
    staff = persona == "admin"
    assert _both(actor, "view", events[True]) is True
    assert _both(actor, "view", events[False]) is staff
    assert _both(actor, "change", events[True]) is staff


@pytest.fixture
def case(personas, countries):
    from observatory.cases.services import case_create, vocabularies_load
    from observatory.cases.tests.conftest import case_data

    vocabularies_load(actor=SYSTEM)
    created, _ = case_create(actor=personas["documenter_ukr"], data=case_data(), submit=True)
    return created


@pytest.mark.parametrize("persona,victim,response", [
    ("documenter_ukr", True, False),    # records and corrects; responses are for case managers
    ("case_manager_ukr", True, True),
    ("coordinator_ukr", False, True),   # verifies and responds, never edits what was recorded
    ("documenter_kgz", False, False),   # another country's organisation
    ("documenter_ukr2", False, False),  # another organisation in the same country
    ("analyst", False, False),
    ("admin", False, False),
])
def test_case_parts_are_created_with_the_case_rule(personas, case, persona, victim, response):
    from observatory.cases.models import Act, Response, Victim

    user = personas[persona]
    assert _both(user, "create", Victim(case=case)) is victim
    assert _both(user, "create", Act(case=case)) is victim
    assert _both(user, "create", Response(case=case)) is response
    assert _both(VISITOR, "create", Victim(case=case)) is False


def test_a_verified_case_takes_no_new_victims_from_its_documenter(personas, case):
    from observatory.cases.models import Victim
    from observatory.cases.services import case_verify

    case_verify(actor=personas["case_manager_ukr"], case=case)
    assert _both(personas["documenter_ukr"], "create", Victim(case=case)) is False
    assert _both(personas["case_manager_ukr"], "create", Victim(case=case)) is True


@pytest.mark.parametrize("persona,own,other", [
    ("admin", {"view", "change"}, {"view", "change"}),
    ("coordinator_ukr", {"view", "change"}, {"view"}),
    ("analyst", {"view"}, {"view"}),
    ("visitor", {"view"}, {"view"}),
])
def test_published_findings(personas, countries, persona, own, other):
    from observatory.impact.models import PublishedFinding

    actor = VISITOR if persona == "visitor" else personas[persona]
    ukr = PublishedFinding.objects.create(country=countries["UKR"], event_slug="e", indicator_code="i",
                                          published_by="admin")
    kgz = PublishedFinding.objects.create(country=countries["KGZ"], event_slug="e", indicator_code="i",
                                          published_by="admin")
    withdrawn = PublishedFinding.objects.create(country=countries["KGZ"], event_slug="old", indicator_code="i",
                                                published_by="admin", withdrawn_at=timezone.now())
    for action in ("view", "change"):
        assert _both(actor, action, ukr) is (action in own), (action, "own")
        assert _both(actor, action, kgz) is (action in other), (action, "other")
    assert _both(actor, "view", withdrawn) is (persona == "admin")


@pytest.fixture
def survey(personas, countries):
    from observatory.scorecard.models import SurveyAnswer, SurveyAssignment, SurveyFinal, SurveyQuestion

    question = SurveyQuestion.objects.create(code="q", text_en="Q", text_ru="В",
                                             options=[{"value": "a", "label_en": "A", "label_ru": "А", "score": 0}])
    made = {}
    for iso3 in ("UKR", "KGZ"):
        assignment = SurveyAssignment.objects.create(question=question, country=countries[iso3], year=2021,
                                                     expert=personas["analyst"])
        made[iso3] = {
            "assignment": assignment,
            "answer": SurveyAnswer.objects.create(assignment=assignment, option="a", evidence="e", confidence="high"),
            "final": SurveyFinal.objects.create(question=question, country=countries[iso3], year=2021, option="a",
                                                evidence="e"),
        }
    return made


@pytest.mark.parametrize("persona,expected", [
    # persona: {(record, country): actions}
    ("analyst", {("assignment", "UKR"): {"view"}, ("assignment", "KGZ"): {"view"},
                 ("answer", "UKR"): {"view", "change"}, ("answer", "KGZ"): {"view", "change"},
                 ("final", "UKR"): {"view"}, ("final", "KGZ"): {"view"}}),
    ("coordinator_ukr", {("assignment", "UKR"): {"view"}, ("assignment", "KGZ"): set(),
                         ("answer", "UKR"): {"view"}, ("answer", "KGZ"): set(),
                         ("final", "UKR"): {"view", "change"}, ("final", "KGZ"): {"view"}}),
    ("documenter_ukr", {("assignment", "UKR"): set(), ("assignment", "KGZ"): set(),
                        ("answer", "UKR"): set(), ("answer", "KGZ"): set(),
                        ("final", "UKR"): {"view"}, ("final", "KGZ"): {"view"}}),
    ("admin", {("assignment", "UKR"): {"view", "change"}, ("assignment", "KGZ"): {"view", "change"},
               ("answer", "UKR"): {"view"}, ("answer", "KGZ"): {"view"},
               ("final", "UKR"): {"view", "change"}, ("final", "KGZ"): {"view", "change"}}),
])
def test_survey_records(personas, survey, persona, expected):
    user = personas[persona]
    for (kind, iso3), allowed in expected.items():
        for action in ("view", "change"):
            assert _both(user, action, survey[iso3][kind]) is (action in allowed), (kind, iso3, action)


@pytest.fixture
def versions(countries, personas):
    from observatory.reviews.models import ReviewItem, ReviewProcess, ReviewRound
    from observatory.reviews.services import assessment_save

    process = ReviewProcess.objects.create(code="p", title_en="P", title_ru="П", short_title_en="P",
                                           short_title_ru="П", sources=[])
    item = ReviewItem.objects.create(process=process, code="i", number="1", title_en="I", title_ru="И", position=1)
    made = {}
    for key, published in (("published", True), ("unpublished", False)):
        review_round = ReviewRound.objects.create(process=process, year=2022 if published else 2024,
                                                  published=published, is_open=True)
        assessment, _ = assessment_save(actor=personas["coordinator_ukr"], review_round=review_round, item=item,
                                        country=countries["UKR"], status="in_progress")
        made[key] = assessment.versions.get()
    return made


@pytest.mark.parametrize("persona,unpublished", [
    ("coordinator_ukr", True), ("coordinator_kgz", False), ("admin", True), ("analyst", False), ("visitor", False),
])
def test_versions_follow_their_record(personas, versions, persona, unpublished):
    actor = VISITOR if persona == "visitor" else personas[persona]
    assert _both(actor, "view", versions["published"]) is True
    assert _both(actor, "view", versions["unpublished"]) is unpublished
    assert _both(actor, "change", versions["published"]) is False
