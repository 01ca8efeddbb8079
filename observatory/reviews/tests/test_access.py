"""Role × own/other country × action × published/unpublished round, for the review tracker's records.

Each persona is asked both ways (``user_can`` and ``scope``) and the two must agree.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from observatory import access
from observatory.access import SYSTEM
from observatory.reviews.models import CountryAssessment, CountryRoundReport, ReviewItem, ReviewProcess, ReviewRound
from observatory.reviews.policies import (
    access_country_assessment,
    access_country_round_report,
    access_review_round,
)
from observatory.reviews.services import assessment_save, country_report_save

V, C, CH, D = "view", "create", "change", "delete"
PERSONAS = ["admin", "coordinator_ukr", "coordinator_kgz", "case_manager_ukr", "documenter_ukr", "analyst",
            "anonymous"]

# persona -> {(whose country, round): actions}. "own" is UKR for everyone but coordinator_kgz, whose own is KGZ.
# Rounds: "published" (2022, closed), "unpublished" (2024, open).
COUNTRY_RECORD_MATRIX = {
    "admin": {("own", "published"): {V}, ("own", "unpublished"): {V},
              ("other", "published"): {V}, ("other", "unpublished"): {V}},
    "coordinator_ukr": {("own", "published"): {V}, ("own", "unpublished"): {V, CH},
                        ("other", "published"): {V}, ("other", "unpublished"): set()},
    "coordinator_kgz": {("own", "published"): {V}, ("own", "unpublished"): {V, CH},
                        ("other", "published"): {V}, ("other", "unpublished"): set()},
    "case_manager_ukr": {("own", "published"): {V}, ("own", "unpublished"): set(),
                         ("other", "published"): {V}, ("other", "unpublished"): set()},
    "documenter_ukr": {("own", "published"): {V}, ("own", "unpublished"): set(),
                       ("other", "published"): {V}, ("other", "unpublished"): set()},
    "analyst": {("own", "published"): {V}, ("own", "unpublished"): set(),
                ("other", "published"): {V}, ("other", "unpublished"): set()},
    "anonymous": {("own", "published"): {V}, ("own", "unpublished"): set(),
                  ("other", "published"): {V}, ("other", "unpublished"): set()},
}


def _user(personas, name):
    return AnonymousUser() if name == "anonymous" else personas[name]


def _countries_of(persona, countries):
    own, other = ("KGZ", "UKR") if persona == "coordinator_kgz" else ("UKR", "KGZ")
    return {"own": countries[own], "other": countries[other]}


@pytest.fixture
def records(countries, rounds, items, personas):
    """An assessment of item-1 and a country report for UKR and KGZ in the published and unpublished rounds."""
    made = {}
    for round_key in ("published", "unpublished"):
        review_round = rounds[round_key]
        for iso3 in ("UKR", "KGZ"):
            assessment, _ = assessment_save(actor=SYSTEM, review_round=review_round, item=items["item-1"],
                                            country=countries[iso3], status="in_progress")
            report, _ = country_report_save(actor=SYSTEM, review_round=review_round, country=countries[iso3],
                                            introduction_en="Intro")
            made[(iso3, round_key)] = {CountryAssessment: assessment, CountryRoundReport: report}
    return made


@pytest.mark.parametrize("model", [CountryAssessment, CountryRoundReport], ids=["assessment", "report"])
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", [V, CH, D])
def test_country_record_matrix(personas, countries, records, model, persona, action):
    user = _user(personas, persona)
    whose = _countries_of(persona, countries)
    for (relation, round_key), allowed in COUNTRY_RECORD_MATRIX[persona].items():
        record = records[(whose[relation].iso3, round_key)][model]
        expected = action in allowed
        assert access.user_can(user, action, record) is expected, (persona, action, relation, round_key)
        in_scope = access.scope(user, action, model).filter(pk=record.pk).exists()
        assert in_scope is expected, (persona, action, relation, round_key)


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_coordinators_create_records_for_their_own_countries_in_open_rounds(personas, countries, rounds, items,
                                                                                  persona):
    user = _user(personas, persona)
    whose = _countries_of(persona, countries)
    for relation in ("own", "other"):
        for round_key, review_round in rounds.items():
            expected = persona.startswith("coordinator") and relation == "own" and review_round.is_open
            unsaved = CountryAssessment(round=review_round, item=items["item-2"], country=whose[relation])
            assert access.user_can(user, C, unsaved) is expected, (persona, relation, round_key)
            report = CountryRoundReport(round=review_round, country=whose[relation])
            assert access.user_can(user, C, report) is expected, (persona, relation, round_key)


def test_a_coordinator_edits_an_open_published_round_but_not_a_closed_one(personas, countries, rounds, items):
    coordinator = personas["coordinator_ukr"]
    open_one, _ = assessment_save(actor=coordinator, review_round=rounds["published_open"], item=items["item-1"],
                                  country=countries["UKR"], status="achieved")
    closed_one, _ = assessment_save(actor=SYSTEM, review_round=rounds["published"], item=items["item-1"],
                                    country=countries["UKR"], status="achieved")
    assert access.user_can(coordinator, CH, open_one)
    assert not access.user_can(coordinator, CH, closed_one)


# persona -> round -> actions
ROUND_MATRIX = {
    "admin": {"published": {V, CH, D}, "unpublished": {V, CH, D}},
    "coordinator_ukr": {"published": {V}, "unpublished": {V}},
    "case_manager_ukr": {"published": {V}, "unpublished": set()},
    "documenter_ukr": {"published": {V}, "unpublished": set()},
    "analyst": {"published": {V}, "unpublished": set()},
    "anonymous": {"published": {V}, "unpublished": set()},
}


@pytest.mark.parametrize("persona", sorted(ROUND_MATRIX))
@pytest.mark.parametrize("action", [V, CH, D])
def test_round_matrix(personas, rounds, persona, action):
    user = _user(personas, persona)
    for round_key, allowed in ROUND_MATRIX[persona].items():
        expected = action in allowed
        assert access.user_can(user, action, rounds[round_key]) is expected, (persona, action, round_key)
        assert access.scope(user, action, ReviewRound).filter(pk=rounds[round_key].pk).exists() is expected


@pytest.mark.parametrize("persona", PERSONAS)
def test_everyone_reads_the_catalogue_and_only_admins_manage_it(personas, process, items, persona):
    user = _user(personas, persona)
    item = items["item-1"]
    assert access.user_can(user, V, process) and access.user_can(user, V, item)
    manages = persona == "admin"
    for action in (CH, D):
        assert access.user_can(user, action, process) is manages
        assert access.user_can(user, action, item) is manages
    assert access.user_can(user, C, ReviewProcess(code="new", title_en="N", title_ru="Н")) is manages
    assert access.user_can(user, C, ReviewItem(process=process, code="x", number="9", title_en="X",
                                               title_ru="Х")) is manages
    assert access.user_can(user, C, ReviewRound(process=process, year=2030)) is manages


def test_an_inactive_account_sees_what_the_public_sees(personas, records, rounds):
    coordinator = personas["coordinator_ukr"]
    coordinator.is_active = False
    visible = set(access.scope(coordinator, V, CountryAssessment).values_list("round_id", flat=True))
    assert visible == {rounds["published"].pk}
    assert not access.user_can(coordinator, CH, records[("UKR", "unpublished")][CountryAssessment])


@pytest.mark.parametrize("persona", ["analyst", "documenter_ukr", "anonymous"])
def test_an_unpublished_round_is_a_404_like_a_missing_one(personas, rounds, process, persona):
    user = _user(personas, persona)
    with pytest.raises(Http404):
        access_review_round(user=user, code=process.code, year=2024)
    with pytest.raises(Http404):
        access_review_round(user=user, code=process.code, year=1999)
    assert access_review_round(user=user, code=process.code, year=2022) == rounds["published"]


def test_the_edit_guard_gives_a_new_record_only_to_the_country_coordinator(personas, countries, rounds, items):
    review_round, item = rounds["unpublished"], items["item-3"]
    unsaved = access_country_assessment(user=personas["coordinator_ukr"], round=review_round, item=item,
                                        country=countries["UKR"], action=CH)
    assert unsaved.pk is None and unsaved.country == countries["UKR"]
    for persona, iso3 in (("coordinator_kgz", "UKR"), ("admin", "UKR"), ("analyst", "UKR")):
        with pytest.raises(Http404):
            access_country_assessment(user=personas[persona], round=review_round, item=item,
                                      country=countries[iso3], action=CH)
    with pytest.raises(Http404):  # closed round
        access_country_round_report(user=personas["coordinator_ukr"], round=rounds["published"],
                                    country=countries["UKR"], action=CH)


def test_has_perm_asks_the_policy(personas, records):
    ukr_draft = records[("UKR", "unpublished")][CountryAssessment]
    assert personas["coordinator_ukr"].has_perm("reviews.change_countryassessment", ukr_draft)
    assert not personas["coordinator_kgz"].has_perm("reviews.view_countryassessment", ukr_draft)
    assert personas["admin"].has_perm("reviews.view_countryassessment", ukr_draft)
    assert not personas["admin"].has_perm("reviews.change_countryassessment", ukr_draft)
