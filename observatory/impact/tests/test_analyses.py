"""The analysis service: the finding's numbers, the threats it detects, and its cache.

SYNTHETIC data throughout (conftest.py). These tests check the service, not the
estimator. The expected estimate and interval come from ``its_fit`` (the engine the
service calls) run directly on the same values, so they are not independent of the
engine; they show that the service gives the engine the right series and options and
words the result by the rule the page states (whole percent at 10% and above, ratios
to two decimals), a rule written out here. The engine's numbers are checked against
published results in ``observatory/analysis/tests/test_its.py``. The one independent
expectation here is the SYNTHETIC truth: the interval must contain the step that
generated the data.
"""

from __future__ import annotations

import datetime
import math

import numpy as np
import pandas as pd
import pytest

from observatory.analysis import its_fit
from observatory.impact import analyses
from observatory.impact.analyses import its_analysis
from observatory.impact.datasets import its_dataset
from observatory.impact.tests.conftest import COUNT, PERCENT, RATE, RATE_SOURCE

pytestmark = pytest.mark.django_db


def codes(analysis) -> list[str]:
    return [t["code"] for t in analysis["threats"]]


def test_finding_names_the_engines_estimate_and_interval_in_both_languages(counts_loaded):
    analysis = its_analysis(dataset=its_dataset(indicator_code=COUNT, iso3="UKR", event_slug="ukr-2010-synthetic"))
    years = sorted(counts_loaded)
    direct = its_fit(pd.DataFrame({"y": [counts_loaded[y] for y in years], "t": years,
                                   "d": [int(y >= 2010) for y in years],
                                   "pop": [5_000_000 + 1000 * (y - 1990) for y in years]}),
                     outcome="y", time="t", intervention="d", offset_log="pop", family="quasipoisson")
    level = direct.level_change
    ratio, low, high = math.exp(level.estimate), math.exp(level.ci_low), math.exp(level.ci_high)
    assert 1.1 < low < math.exp(0.25) < high  # the SYNTHETIC step (+0.25 on the log scale) is recovered
    pct, pct_low, pct_high = [round((r - 1) * 100) for r in (ratio, low, high)]
    english = analysis["finding"]["en"]
    assert f"was {pct}% higher than the trend before the event predicts" in english
    assert f"rate ratio {ratio:.2f}; 95% confidence interval {low:.2f} to {high:.2f}" in english
    assert f"+{pct_low}% to +{pct_high}%" in english
    assert "interrupted time series" in english and "segmented regression" in english
    assert "quasi-Poisson" in english
    russian = analysis["finding"]["ru"]
    for number in (f"{ratio:.2f}", f"{low:.2f}", f"{high:.2f}"):
        assert number.replace(".", ",") in russian
    assert f"+{pct_low}%" in russian and f"+{pct_high}%" in russian and f"{pct}%" in russian
    assert "прерванного временного ряда" in russian and "сегментированн" in russian
    assert "доверительный интервал" in russian


def test_a_gaussian_finding_names_the_difference_in_the_unit(load_rows, event):
    years = list(range(1998, 2020))
    rng = np.random.default_rng(3)
    values = [round(4 + 0.1 * (y - 1998) + (1.2 if y >= 2010 else 0) + rng.normal(0, 0.15), 2) for y in years]
    load_rows([(RATE, "UKR", y, v, RATE_SOURCE) for y, v in zip(years, values)])
    analysis = its_analysis(dataset=its_dataset(indicator_code=RATE, iso3="UKR", event_slug=event.slug))
    direct = its_fit(pd.DataFrame({"y": values, "t": years, "d": [int(y >= 2010) for y in years]}),
                     outcome="y", time="t", intervention="d").level_change
    assert direct.ci_low < 1.2 < direct.ci_high  # the SYNTHETIC step
    decimals = max(1, 1 - math.floor(math.log10(max(abs(direct.estimate), abs(direct.ci_low), abs(direct.ci_high)))))
    english = analysis["finding"]["en"]
    assert f"was {direct.estimate:.{decimals}f} higher (deaths per 100,000" in english
    assert f"95% confidence interval +{direct.ci_low:.{decimals}f} to +{direct.ci_high:.{decimals}f}" in english
    assert f"{direct.estimate:.{decimals}f}".replace(".", ",") in analysis["finding"]["ru"]
    assert "linear (Gaussian)" in english


def test_no_change_is_reported_as_compatible_with_chance(load_rows, event):
    years = list(range(1998, 2020))
    rng = np.random.default_rng(5)
    load_rows([(RATE, "UKR", y, round(4 + 0.1 * (y - 1998) + rng.normal(0, 0.3), 2), RATE_SOURCE) for y in years])
    analysis = its_analysis(dataset=its_dataset(indicator_code=RATE, iso3="UKR", event_slug=event.slug))
    level = analysis["result"]["level_change"]
    assert level["ci_low"] < 0 < level["ci_high"]
    assert "includes no change" in analysis["finding"]["en"]
    assert "higher than" not in analysis["finding"]["en"] and "lower than" not in analysis["finding"]["en"]


def test_a_change_of_data_source_is_detected(load_rows, event):
    # SYNTHETIC percentages: the older UNAIDS vintage until 2010, the preferred newer one from 2011.
    load_rows([(PERCENT, "UKR", y, 20 + (y - 2000) * 0.5, "unaids_aidsinfo2016") for y in range(2000, 2011)])
    load_rows([(PERCENT, "UKR", y, 30 + (y - 2011) * 0.5, "unaids_gam2019") for y in range(2011, 2019)])
    analysis = its_analysis(dataset=its_dataset(indicator_code=PERCENT, iso3="UKR", event_slug=event.slug))
    threat = next(t for t in analysis["threats"] if t["code"] == "source_change")
    assert threat["params"]["changes"] == [{"year": 2011, "before": "unaids_aidsinfo2016", "after": "unaids_gam2019"}]
    assert threat["params"]["at_event"] is True  # 2011 is next to the first post year, 2010
    assert "2011" in threat["items"][0]["text"]["en"] and "UNAIDS" in threat["items"][0]["text"]["en"]
    assert "change of data source in 2011" in analysis["finding"]["en"]


def test_other_events_within_three_years_are_listed(counts_loaded, make_event):
    make_event("ukr-2007-near", country="UKR", date=datetime.date(2007, 5, 1), title_en="Near before")
    make_event("ukr-2013-near", country="UKR", date=datetime.date(2013, 11, 1), title_en="Near after")
    make_event("ukr-2015-far", country="UKR", date=datetime.date(2015, 1, 1), title_en="Far after")
    make_event("geo-2010-other", country="GEO", date=datetime.date(2010, 1, 1), title_en="Other country")
    analysis = its_analysis(dataset=its_dataset(indicator_code=COUNT, iso3="UKR", event_slug="ukr-2010-synthetic"))
    threat = next(t for t in analysis["threats"] if t["code"] == "nearby_events")
    assert threat["params"]["events"] == ["ukr-2007-near", "ukr-2013-near"]
    texts = [item["text"]["en"] for item in threat["items"]]
    assert texts == ["2007: Near before", "2013: Near after"]
    assert threat["items"][0]["url"]["ru"] == "/ru/events/ukr-2007-near/"
    assert "2 other policy events in Ukraine within 3 years" in analysis["finding"]["en"]


def test_autocorrelated_residuals_are_flagged(load_rows, event):
    # SYNTHETIC: a slow wave around the trend makes neighbouring years alike.
    years = list(range(1996, 2020))
    values = [round(5 + 0.1 * (y - 1996) + 0.8 * math.sin(2 * math.pi * (y - 1996) / 8), 3) for y in years]
    load_rows([(RATE, "UKR", y, v, RATE_SOURCE) for y, v in zip(years, values)])
    dataset = its_dataset(indicator_code=RATE, iso3="UKR", event_slug=event.slug)
    analysis = its_analysis(dataset=dataset)
    assert analysis["result"]["diagnostics"]["ljung_box_p"] < 0.05
    assert "autocorrelation" in codes(analysis)
    assert "Ljung–Box" in analysis["finding"]["en"]
    with_hac = its_analysis(dataset=dataset, hac_lags=2)
    threat = next(t for t in with_hac["threats"] if t["code"] == "autocorrelation")
    assert "with 2 lags were used" in threat["text"]["en"]


def test_a_clean_series_has_only_the_caveats_that_always_apply(load_rows, event):
    years = list(range(1996, 2020))
    rng = np.random.default_rng(1)
    load_rows([(RATE, "UKR", y, round(5 + 0.1 * (y - 1996) + rng.normal(0, 0.2), 3), RATE_SOURCE) for y in years])
    analysis = its_analysis(dataset=its_dataset(indicator_code=RATE, iso3="UKR", event_slug=event.slug))
    assert analysis["result"]["diagnostics"]["ljung_box_p"] >= 0.05
    assert codes(analysis) == ["concurrent_change"]
    assert "new drug on the market" in analysis["finding"]["en"]


def test_few_years_and_a_year_only_date_are_threats(load_rows, population, make_event):
    load_rows([("drug_induced_deaths", "UKR", y, 300 + 3 * (y - 2000), "emcdda_statbulletin_2019")
               for y in range(2003, 2014)])
    make_event("ukr-2012-year", country="UKR", date=datetime.date(2012, 1, 1), precision="year")
    analysis = its_analysis(dataset=its_dataset(indicator_code=COUNT, iso3="UKR", event_slug="ukr-2012-year"))
    assert analysis["status"] == "ok"
    assert {"few_pre_points", "few_post_points", "timing"} <= set(codes(analysis))
    threat = next(t for t in analysis["threats"] if t["code"] == "few_pre_points")
    assert threat["params"]["n_pre"] == 9


def test_below_eight_years_before_the_event_there_is_no_number(load_rows, population, make_event):
    load_rows([(COUNT, "UKR", y, 300 + y - 2000, "emcdda_statbulletin_2019") for y in range(2005, 2020)])
    make_event("ukr-2012-synthetic", country="UKR", date=datetime.date(2012, 4, 1), precision="month")
    analysis = its_analysis(dataset=its_dataset(indicator_code=COUNT, iso3="UKR", event_slug="ukr-2012-synthetic"))
    assert analysis["status"] == "refused" and analysis["result"] is None and analysis["finding"] is None
    assert analysis["refusal"]["code"] == "too_few_pre" and analysis["refusal"]["params"]["n_pre"] == 7
    assert "at least 8" in analysis["refusal"]["text"]["en"] and "не менее 8" in analysis["refusal"]["text"]["ru"]


def test_the_analysis_is_cached_per_data_version(counts_loaded, load_rows, monkeypatch):
    calls = []

    def counting_fit(*args, **kwargs):
        calls.append(kwargs)
        return its_fit(*args, **kwargs)

    monkeypatch.setattr(analyses, "its_fit", counting_fit)

    def analyse(**options):
        dataset = its_dataset(indicator_code=COUNT, iso3="UKR", event_slug="ukr-2010-synthetic")
        return its_analysis(dataset=dataset, **options)

    first, second = analyse(), analyse()
    assert len(calls) == 1 and first == second
    analyse(slope_change=True)  # other options: another analysis
    assert len(calls) == 2
    load_rows([(COUNT, "UKR", 2019, counts_loaded[2019] + 50, "emcdda_statbulletin_2019")])  # the data change
    changed = analyse()
    assert len(calls) == 3 and changed["key"] != first["key"]
