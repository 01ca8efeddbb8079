"""Assembling the series from the platform's data: the offset rule, the intervention year, refusals.

All values are SYNTHETIC (see conftest.py), loaded through the real import service.
"""

from __future__ import annotations

import datetime

import pytest

from observatory.impact.datasets import NotFound, Refusal, its_dataset
from observatory.impact.tests.conftest import (
    COUNT,
    COUNT_SOURCE,
    PERCENT,
    PERCENT_SOURCE,
    RATE,
    RATE_SOURCE,
    synthetic_rates,
)

pytestmark = pytest.mark.django_db


def test_a_count_gets_the_population_as_offset_and_quasipoisson(counts_loaded):
    dataset = its_dataset(indicator_code=COUNT, iso3="UKR", event_slug="ukr-2010-synthetic")
    assert (dataset.measure, dataset.family, dataset.offset, dataset.family_chosen) == (
        "count", "quasipoisson", True, False)
    frame = dataset.frame()
    assert list(frame.columns) == ["year", "value", "post", "population"]
    # The population of each year, as loaded (SYNTHETIC 5,000,000 + 1,000 a year since 1990).
    assert frame.set_index("year").loc[2005, "population"] == 5_000_000 + 1000 * 15
    assert frame.set_index("year").loc[2005, "value"] == counts_loaded[2005]
    assert dataset.population_sources == ["worldbank_population"]


@pytest.mark.parametrize(("code", "source", "measure"), [(RATE, RATE_SOURCE, "rate"),
                                                          (PERCENT, PERCENT_SOURCE, "percentage")])
def test_rates_and_percentages_get_no_offset_and_gaussian(load_rows, population, event, code, source, measure):
    years = list(range(1998, 2020))
    load_rows([(code, "UKR", y, v, source) for y, v in zip(years, synthetic_rates(years, first_post_year=2010))])
    dataset = its_dataset(indicator_code=code, iso3="UKR", event_slug=event.slug)
    assert (dataset.measure, dataset.family, dataset.offset) == (measure, "gaussian", False)
    assert "population" not in dataset.frame().columns


def test_a_count_under_a_chosen_gaussian_family_has_no_offset(counts_loaded):
    dataset = its_dataset(indicator_code=COUNT, iso3="UKR", event_slug="ukr-2010-synthetic", family="gaussian")
    assert (dataset.family, dataset.family_chosen, dataset.offset) == ("gaussian", True, False)


def test_years_without_population_are_left_out_and_listed(load_rows, countries, make_event):
    load_rows([("population", "GEO", y, 3_700_000, "worldbank_population") for y in range(2000, 2020)])
    load_rows([(COUNT, "GEO", y, 100 + y - 1995, COUNT_SOURCE) for y in range(1995, 2020)])
    make_event("geo-2012-synthetic", country="GEO", date=datetime.date(2012, 2, 1), precision="day")
    dataset = its_dataset(indicator_code=COUNT, iso3="GEO", event_slug="geo-2012-synthetic")
    assert dataset.offset and dataset.excluded_years == [1995, 1996, 1997, 1998, 1999]
    assert dataset.years[0] == 2000


def test_without_any_population_the_count_is_modelled_without_offset(load_rows, countries, make_event):
    load_rows([(COUNT, "GEO", y, 100 + y - 1995, COUNT_SOURCE) for y in range(1995, 2020)])
    make_event("geo-2012-synthetic", country="GEO", date=datetime.date(2012, 2, 1), precision="day")
    dataset = its_dataset(indicator_code=COUNT, iso3="GEO", event_slug="geo-2012-synthetic")
    assert (dataset.offset, dataset.population_missing, dataset.family) == (False, True, "quasipoisson")
    assert len(dataset.points) == 25


def test_the_intervention_year_comes_from_the_event_date(counts_loaded, make_event):
    late = make_event("ukr-2010-late", country="UKR", date=datetime.date(2010, 9, 15), precision="day")
    early = its_dataset(indicator_code=COUNT, iso3="UKR", event_slug="ukr-2010-synthetic")  # March 2010
    second_half = its_dataset(indicator_code=COUNT, iso3="UKR", event_slug=late.slug)
    assert early.first_post_year == 2010 and second_half.first_post_year == 2011
    assert [p.year for p in early.points if p.post][0] == 2010
    assert [p.year for p in second_half.points if p.post][0] == 2011
    assert second_half.n_pre == early.n_pre + 1


def test_unknown_or_mismatched_inputs_are_not_found(counts_loaded, make_event):
    make_event("geo-2010-synthetic", country="GEO", date=datetime.date(2010, 3, 1))
    make_event("ukr-2011-draft", country="UKR", date=datetime.date(2011, 3, 1), published=False)
    cases = [
        dict(indicator_code="no_such_code", iso3="UKR", event_slug="ukr-2010-synthetic"),
        dict(indicator_code="population", iso3="UKR", event_slug="ukr-2010-synthetic"),  # the offset
        dict(indicator_code="nsp_available", iso3="UKR", event_slug="ukr-2010-synthetic"),  # categorical
        dict(indicator_code=COUNT, iso3="XXX", event_slug="ukr-2010-synthetic"),
        dict(indicator_code=COUNT, iso3="UKR", event_slug="geo-2010-synthetic"),  # another country's event
        dict(indicator_code=COUNT, iso3="UKR", event_slug="ukr-2011-draft"),  # not published
    ]
    for case in cases:
        with pytest.raises(NotFound):
            its_dataset(**case)


@pytest.mark.parametrize(("date", "code"), [(datetime.date(2021, 1, 1), "event_after_series"),
                                            (datetime.date(1997, 1, 1), "event_before_series")])
def test_an_event_outside_the_series_is_refused(counts_loaded, make_event, date, code):
    make_event("ukr-outside", country="UKR", date=date)
    dataset = its_dataset(indicator_code=COUNT, iso3="UKR", event_slug="ukr-outside")
    with pytest.raises(Refusal) as caught:
        dataset.check()
    assert caught.value.code == code


def test_no_data_is_refused(catalogue, event):
    dataset = its_dataset(indicator_code=COUNT, iso3="UKR", event_slug=event.slug)
    with pytest.raises(Refusal) as caught:
        dataset.check()
    assert caught.value.code == "no_data"


def test_source_changes_and_gaps_are_found(load_rows, event):
    # SYNTHETIC: an older UNAIDS vintage until 2010, the preferred newer one from 2011, no value for 2003.
    load_rows([(PERCENT, "UKR", y, 20 + (y - 2000) * 0.5, "unaids_aidsinfo2016") for y in range(2000, 2015)
               if y != 2003])
    load_rows([(PERCENT, "UKR", y, 30 + (y - 2011) * 0.5, "unaids_gam2019") for y in range(2011, 2019)])
    dataset = its_dataset(indicator_code=PERCENT, iso3="UKR", event_slug=event.slug)
    assert dataset.source_changes() == [{"year": 2011, "before": "unaids_aidsinfo2016", "after": "unaids_gam2019"}]
    assert dataset.gaps() == [2003]
