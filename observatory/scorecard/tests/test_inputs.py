"""The platform's inputs for a year: latest value at or before it, law judgements, survey answers, rates."""

from __future__ import annotations

import pytest

from observatory.scorecard.inputs import history_load

CODES = ["ost_coverage", "syringes_per_pwid", "prisoners_drug_offences_per_100k", "law:use_offence",
         "law:possession_max_penalty", "survey:police_violence", "survey:development_livelihoods"]


@pytest.fixture
def history(platform_data):
    return history_load(codes=CODES)


def value(history, iso3, code, year):
    trace = history.trace(iso3, code, year)
    return None if trace is None else trace.value


def test_an_indicator_takes_its_latest_value_at_or_before_the_year(history):
    assert value(history, "CZE", "ost_coverage", 2015) is None
    assert value(history, "CZE", "ost_coverage", 2017) == 30.0  # the 2016 value
    trace = history.trace("CZE", "ost_coverage", 2018)
    assert (trace.value, trace.year, trace.source["key"]) == (45.0, 2018, "unaids_gam2019")


def test_the_preferred_source_wins_when_two_sources_give_the_same_year(history):
    trace = history.trace("UKR", "syringes_per_pwid", 2020)
    assert (trace.value, trace.source["key"], trace.source["publisher"]) == (100.0, "unaids_gam2019",
                                                                             trace.source["publisher"])


def test_a_rate_uses_numerator_and_denominator_of_the_same_year(history):
    trace = history.trace("UKR", "prisoners_drug_offences_per_100k", 2020)
    # 10,000 / 40,000,000 * 100,000 = 25 per 100,000, both from 2017
    assert trace.value == 25.0 and trace.year == 2017 and [p.year for p in trace.parts] == [2017, 2017]
    # Hungary: prisoners 2019, population only 2018: no rate, never a mixed-year one.
    assert value(history, "HUN", "prisoners_drug_offences_per_100k", 2020) is None


def test_a_law_provision_scores_100_50_0_at_the_end_of_the_year_and_unknown_is_missing(history):
    assert value(history, "HUN", "law:use_offence", 2012) == 100.0    # no offence 2003 - June 2013
    assert value(history, "HUN", "law:use_offence", 2013) == 0.0      # criminal again from 1 July 2013
    assert value(history, "EST", "law:possession_max_penalty", 2020) == 50.0  # up to 30 days' detention
    assert value(history, "CZE", "law:use_offence", 2018) is None     # sourced only as of 2019
    assert value(history, "CZE", "law:use_offence", 2019) == 100.0
    assert value(history, "SRB", "law:use_offence", 2020) is None     # no source at all
    trace = history.trace("HUN", "law:use_offence", 2014)
    assert trace.extra["citation"] == "Act C of 2012 on the Criminal Code, Chapter XVII" and trace.extra["sources"]


def test_a_survey_input_is_the_latest_finalised_answer_and_not_applicable_is_missing(platform_data, personas,
                                                                                       questions, countries):
    from observatory.scorecard.services import survey_finalise

    admin = personas["admin"]
    survey_finalise(actor=admin, question=questions["police_violence"], country=countries["UKR"], year=2020,
                    option="often", evidence="Reports of the national harm-reduction network, 2020.")
    survey_finalise(actor=admin, question=questions["development_livelihoods"], country=countries["UKR"], year=2020,
                    option="not_applicable", evidence="No significant cultivation.")
    history = history_load(codes=CODES)
    assert value(history, "UKR", "survey:police_violence", 2019) is None
    assert value(history, "UKR", "survey:police_violence", 2021) == 33.3
    assert value(history, "UKR", "survey:development_livelihoods", 2021) is None


def test_the_tidy_table_of_a_year_holds_only_values_with_a_trace(history):
    data, traces = history.at(CODES, 2019)
    assert set(data.columns) == {"country", "indicator", "value"}
    assert len(data) == len(traces) and not data["value"].isna().any()
    assert ("CZE", "law:use_offence") in traces and ("SRB", "law:use_offence") not in traces
