"""The registry's estimate of undocumented violations: capture histories from entities, refusals, the page.

Every case here is made up (test data).
"""

from __future__ import annotations

import pandas as pd
import pytest

from observatory.analysis.mse import estimate
from observatory.cases.tests.conftest import case_data
from observatory.conftest import make_user
from observatory.dedup import services
from observatory.dedup.estimates import registry_estimate
from observatory.dedup.models import CandidatePair

pytestmark = pytest.mark.django_db

# Violations recorded by each combination of three organisations A, B, C (SYNTHETIC).
HISTORIES = {"A": 12, "B": 8, "C": 6, "AB": 4, "AC": 3, "BC": 2, "ABC": 1}


@pytest.fixture
def third_org(personas):
    """A third Ukrainian organisation with its documenter (added to the personas ``make_case`` uses)."""
    from observatory.access import SYSTEM
    from observatory.accounts.models import Role
    from observatory.accounts.services import organisation_create

    org = organisation_create(actor=SYSTEM, slug="outreach-ukr", name="Outreach team (UKR)", country="UKR")
    personas["documenter_ukr3"] = make_user("documenter_ukr3", Role.DOCUMENTER, org=org)
    return personas["documenter_ukr3"]


def record(make_case, persona, i, **overrides):
    data = case_data(**overrides)
    data.victim.name, data.victim.client_code = f"Person {i}", ""
    return make_case(persona, status="verified", data=data)


@pytest.fixture
def registry(make_case, personas, third_org):
    by_list = {"A": "documenter_ukr", "B": "documenter_ukr2", "C": "documenter_ukr3"}
    coordinator = personas["coordinator_ukr"]
    i = 0
    for combination, n in HISTORIES.items():
        for _ in range(n):
            i += 1
            cases = [record(make_case, by_list[letter], i) for letter in combination]
            for first, second in zip(cases, cases[1:]):
                a, b = sorted((first, second), key=lambda c: c.pk)
                pair = CandidatePair.objects.create(country=a.country, case_a=a, case_b=b)
                services.pair_decide(actor=coordinator, pair=pair, same=True)
    return cases[0].country


def expected():
    rows = [{"a": int("A" in k), "b": int("B" in k), "c": int("C" in k), "count": n} for k, n in HISTORIES.items()]
    return estimate(pd.DataFrame(rows), count="count")


@pytest.mark.slow
def test_the_estimate_uses_each_violation_once_with_its_lists(registry):
    result = registry_estimate(country=registry)
    reference = expected()
    assert result.status == "ok"
    assert (result.lists, result.observed) == (3, sum(HISTORIES.values()))
    assert result.overlapping == 10
    assert result.estimate == pytest.approx(reference.estimate)
    assert (result.ci_low, result.ci_high) == (pytest.approx(reference.ci_low), pytest.approx(reference.ci_high))
    assert result.ci_low <= result.estimate <= result.ci_high and result.estimate >= result.observed


@pytest.mark.slow
def test_the_page_shows_the_estimate_and_its_assumptions_in_both_languages(client, registry):
    html = client.get("/en/violations/estimates/?country=UKR").content.decode()
    reference = expected()
    assert f"<strong>{round(reference.estimate):,}</strong>" in html
    assert "95% confidence interval" in html and "A closed population" in html
    assert "list_1" not in html  # no capture history is published
    ru = client.get("/ru/violations/estimates/?country=UKR").content.decode()
    assert "Всего нарушений по оценке:" in ru
    assert "Замкнутая совокупность" in ru


def test_two_organisations_are_not_enough(make_case):
    for i in range(3):
        record(make_case, "documenter_ukr", i)
        last = record(make_case, "documenter_ukr2", 100 + i)
    result = registry_estimate(country=last.country)
    assert result.status == "too_few_lists" and result.lists == 2 and result.observed == 6


def test_few_violations_are_not_estimated_and_small_counts_stay_hidden(client, make_case, third_org):
    for i, persona in enumerate(("documenter_ukr", "documenter_ukr2", "documenter_ukr3")):
        record(make_case, persona, i)
    html = client.get("/en/violations/estimates/?country=UKR").content.decode()
    assert "No estimate:" in html and "fewer than 20 violations are documented here" in html
    assert "3 violations" not in html and ">3<" not in html  # a count under 5 is never shown


def test_lists_without_overlap_give_no_estimate(make_case, third_org):
    for i in range(21):
        last = record(make_case, ("documenter_ukr", "documenter_ukr2", "documenter_ukr3")[i % 3], i)
    result = registry_estimate(country=last.country)
    assert result.status == "no_overlap" and result.observed == 21


def test_unverified_and_unconsented_cases_do_not_count(make_case):
    counted = record(make_case, "documenter_ukr", 1)
    make_case("documenter_ukr2", status="submitted")
    unshared = case_data()
    unshared.consent.share_network = False
    make_case("documenter_ukr2", status="verified", data=unshared)
    result = registry_estimate(country=counted.country)
    assert (result.observed, result.lists) == (1, 1)


def test_a_country_without_cases_says_so(client, countries):
    html = client.get("/ru/violations/estimates/?country=KGZ").content.decode()
    assert "здесь не публикуются проверенные случаи" in html and "только 0" not in html
