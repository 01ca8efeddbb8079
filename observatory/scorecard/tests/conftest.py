from __future__ import annotations

import pytest

from observatory.laws.tests.helpers import countries_quick


@pytest.fixture
def countries(db):
    """The shipped countries, without boundaries (faster than the project-wide fixture)."""
    return countries_quick()


@pytest.fixture
def laws(countries):
    from observatory.access import SYSTEM
    from observatory.laws.services import laws_load

    return laws_load(actor=SYSTEM)


@pytest.fixture
def questions(db):
    from observatory.access import SYSTEM
    from observatory.scorecard.models import SurveyQuestion
    from observatory.scorecard.services import survey_questions_load

    survey_questions_load(actor=SYSTEM)
    return {q.code: q for q in SurveyQuestion.objects.all()}


def observation(code, iso3, year, value, source="unaids_gam2019"):
    from observatory.countries.models import Country
    from observatory.indicators.models import Indicator, Observation, Source

    return Observation.objects.create(indicator=Indicator.objects.get(code=code), country=Country.objects.get(
        iso3=iso3), period=str(year), year=year, value=value, value_text=f"{value:g}",
        source=Source.objects.get(key=source))


@pytest.fixture
def platform_data(countries, laws, questions):
    """The real catalogue and laws, and a few real-looking observations (test data, not published figures)."""
    from observatory.access import SYSTEM
    from observatory.indicators.services import catalogue_load

    catalogue_load(actor=SYSTEM)
    rows = [
        ("ost_coverage", "CZE", 2016, 30.0), ("ost_coverage", "CZE", 2018, 45.0), ("ost_coverage", "UKR", 2017, 10.0),
        ("syringes_per_pwid", "UKR", 2018, 100.0),
        ("prisoners_drug_offences", "UKR", 2017, 10_000.0, "unodc_cts_prisons_2023"),
        ("population", "UKR", 2017, 40_000_000.0, "worldbank_population"),
        ("prisoners_drug_offences", "CZE", 2018, 1_000.0, "unodc_cts_prisons_2023"),
        ("population", "CZE", 2018, 10_000_000.0, "worldbank_population"),
        ("prisoners_drug_offences", "HUN", 2019, 2_000.0, "unodc_cts_prisons_2023"),
        ("population", "HUN", 2018, 9_800_000.0, "worldbank_population"),
    ]
    for row in rows:
        observation(*row)
    observation("syringes_per_pwid", "UKR", 2018, 120.0, source="unaids_aidsinfo2016")
