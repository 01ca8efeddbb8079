"""``observatory analyze its`` in platform-data mode, next to the file mode it extends.

The series are SYNTHETIC (conftest.py), imported through the import service; the
expected numbers come from ``its_fit`` called directly on the same values.
"""

from __future__ import annotations

import json
from io import StringIO

import pandas as pd
import pytest
from django.core.management import CommandError, call_command

from observatory.analysis import its_fit
from observatory.analysis.tests.conftest import DATA
from observatory.impact.tests.conftest import COUNT

pytestmark = pytest.mark.django_db


def run(*args) -> dict:
    out = StringIO()
    call_command("analyze", *args, stdout=out)
    return json.loads(out.getvalue())


def direct_fit(values: dict[int, int], *, first_post_year: int, **options):
    years = sorted(values)
    frame = pd.DataFrame({"y": [values[y] for y in years], "t": years,
                          "d": [int(y >= first_post_year) for y in years],
                          "pop": [5_000_000 + 1000 * (y - 1990) for y in years]})
    return its_fit(frame, outcome="y", time="t", intervention="d", offset_log="pop", family="quasipoisson",
                   **options).to_dict()


def test_platform_mode_fits_the_synthetic_series_with_the_population_offset(counts_loaded):
    result = run("its", "--indicator", COUNT, "--country", "UKR", "--event", "ukr-2010-synthetic", "--json")
    expected = direct_fit(counts_loaded, first_post_year=2010)
    assert result["family"] == "quasipoisson"
    for key in ("estimate", "ci_low", "ci_high", "p_value", "ratio", "ratio_ci_low", "ratio_ci_high"):
        assert result["level_change"][key] == pytest.approx(expected["level_change"][key], rel=1e-12)
    assert result["slope_change"] is None
    diagnostics = result["diagnostics"]
    assert (diagnostics["first_post_year"], diagnostics["measure"], diagnostics["offset"]) == (
        2010, "count", "log(population), World Bank")
    assert diagnostics["n_pre"] == 12 and diagnostics["n_post"] == 10
    assert "January-June" in diagnostics["intervention_rule"]
    assert any("offset" in text for text in result["assumptions"])
    assert result["data"]["event"]["id"] == "ukr-2010-synthetic"
    assert [p["year"] for p in result["data"]["series"]] == list(range(1998, 2020))
    assert set(result["finding"]) == {"en", "ru"}


def test_platform_mode_passes_slope_change_and_hac_lags(counts_loaded):
    result = run("its", "--indicator", COUNT, "--country", "ukr", "--event", "ukr-2010-synthetic",
                 "--slope-change", "--hac-lags", "2", "--json")
    expected = direct_fit(counts_loaded, first_post_year=2010, slope_change=True, hac_lags=2)
    assert result["slope_change"]["ratio"] == pytest.approx(expected["slope_change"]["ratio"], rel=1e-12)
    assert result["level_change"]["ci_low"] == pytest.approx(expected["level_change"]["ci_low"], rel=1e-12)
    assert result["diagnostics"]["hac_lags"] == 2


def test_a_chosen_family_overrides_the_default(counts_loaded):
    result = run("its", "--indicator", COUNT, "--country", "UKR", "--event", "ukr-2010-synthetic",
                 "--family", "gaussian", "--json")
    assert result["family"] == "gaussian" and result["diagnostics"]["offset"] is None
    assert result["diagnostics"]["family_rule"] == "chosen"
    assert "ratio" not in result["level_change"]


def test_fewer_than_eight_years_before_the_event_is_refused(load_rows, population, make_event):
    import datetime

    load_rows([(COUNT, "UKR", y, 300 + y - 2000, "emcdda_statbulletin_2019") for y in range(2005, 2020)])
    make_event("ukr-2012-synthetic", country="UKR", date=datetime.date(2012, 1, 1), precision="year")
    with pytest.raises(CommandError, match=r"Only 7 yearly values .* at least 8"):
        run("its", "--indicator", COUNT, "--country", "UKR", "--event", "ukr-2012-synthetic", "--json")


def test_unknown_event_and_mixed_modes_are_errors(counts_loaded):
    with pytest.raises(CommandError, match="no published policy event 'nope'"):
        run("its", "--indicator", COUNT, "--country", "UKR", "--event", "nope")
    with pytest.raises(CommandError, match="also needs --event"):
        run("its", "--indicator", COUNT, "--country", "UKR")
    with pytest.raises(CommandError, match="takes no FILE.csv, --outcome"):
        run("its", "data.csv", "--outcome", "y", "--indicator", COUNT, "--country", "UKR", "--event", "x")
    with pytest.raises(CommandError, match="file mode needs --time, --intervention"):
        run("its", str(DATA / "sicily.csv"), "--outcome", "aces")


def test_file_mode_still_works_through_the_command():
    result = run("its", str(DATA / "sicily.csv"), "--outcome", "aces", "--time", "time", "--intervention",
                 "smokban", "--offset-log", "stdpop", "--family", "quasipoisson", "--harmonics", "2", "--period",
                 "12", "--json")
    assert round(result["level_change"]["ratio"], 3) == 0.885
    gaussian = run("its", str(DATA / "sicily.csv"), "--outcome", "aces", "--time", "time", "--intervention",
                   "smokban", "--json")
    assert gaussian["family"] == "gaussian"  # the file mode's default is unchanged
