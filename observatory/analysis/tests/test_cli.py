"""File mode of ``observatory analyze``: argument parsing, dispatch and error messages."""

from __future__ import annotations

import argparse
import json

import pytest

from observatory.analysis import InvalidInput, cli, synth_fit
from observatory.analysis.tests.conftest import DATA


@pytest.fixture
def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="observatory analyze")
    cli.add_arguments(parser.add_subparsers(dest="command", required=True))
    return parser


def test_its_reproduces_the_published_seasonal_rate_ratio(parser):
    options = parser.parse_args(
        [
            "its", str(DATA / "sicily.csv"), "--outcome", "aces", "--time", "time", "--intervention", "smokban",
            "--offset-log", "stdpop", "--family", "quasipoisson", "--harmonics", "2", "--period", "12", "--json",
        ]
    )
    assert options.json is True
    result = cli.run(options)
    # Lopez Bernal et al. (2017), seasonally adjusted model: RR 0.885 (data/SOURCES.md).
    assert round(result["level_change"]["ratio"], 3) == 0.885
    json.dumps(result, allow_nan=False)


def test_its_defaults(parser):
    options = parser.parse_args(["its", "x.csv", "--outcome", "y", "--time", "t", "--intervention", "d"])
    assert (options.family, options.harmonics, options.period, options.slope_change, options.hac_lags) == (
        "gaussian", 0, None, False, None,
    )
    assert options.analysis_method == "its"


def test_did_runs_on_the_mpdta_file(parser):
    options = parser.parse_args(
        [
            "did", str(DATA / "mpdta.csv"), "--unit", "countyreal", "--time", "year", "--outcome", "lemp",
            "--first-treated", "first.treat", "--control", "notyet", "--json",
        ]
    )
    result = cli.run(options)
    # R `did`, not-yet-treated controls, overall dynamic ATT -0.077399 (data/SOURCES.md, csdid r_ref).
    assert round(result["overall_dynamic"]["att"], 4) == -0.0774
    assert result["control"] == "notyet"


def test_synth_reads_a_semicolon_file_and_matches_the_treated_label(parser, prop99):
    options = parser.parse_args(
        [
            "synth", str(DATA / "california_prop99.csv"), "--unit", "State", "--time", "Year",
            "--outcome", "PacksPerCapita", "--treated", "California", "--treatment-time", "1989", "--json",
        ]
    )
    result = cli.run(options)
    # The estimates themselves are checked in test_synth.py; here the file must give the same fit
    # as the data frame it holds.
    direct = synth_fit(prop99, unit="State", time="Year", outcome="PacksPerCapita", treated="California",
                       treatment_time=1989)
    assert result["weights"] == pytest.approx(direct["weights"], abs=1e-12)
    assert result["placebo_p"] == direct["placebo_p"]
    assert result["treated"] == "California"


def test_numeric_treated_label_is_matched(parser, tmp_path):
    rows = ["unit,year,y"] + [f"{u},{y},{u * 10 + y - 2000 + (5 if u == 3 and y >= 2005 else 0)}"
                              for u in (1, 2, 3, 4) for y in range(2000, 2008)]
    path = tmp_path / "panel.csv"
    path.write_text("\n".join(rows) + "\n")
    options = parser.parse_args(
        [
            "synth", str(path), "--unit", "unit", "--time", "year", "--outcome", "y",
            "--treated", "3", "--treatment-time", "2005",
        ]
    )
    assert cli.run(options)["treated"] == 3


def test_missing_file_names_the_file(parser, tmp_path):
    missing = tmp_path / "absent.csv"
    options = parser.parse_args(["its", str(missing), "--outcome", "y", "--time", "t", "--intervention", "d"])
    with pytest.raises(InvalidInput, match=f"cannot read {missing}: no such file"):
        cli.run(options)


def test_unreadable_file_names_the_file(parser, tmp_path):
    binary = tmp_path / "data.csv"
    binary.write_bytes(b"\xff\xfe\x00\x00\x81\x82 not text \x00")
    options = parser.parse_args(["its", str(binary), "--outcome", "y", "--time", "t", "--intervention", "d"])
    with pytest.raises(InvalidInput, match=f"cannot read {binary}"):
        cli.run(options)


def test_missing_column_names_column_and_file(parser):
    options = parser.parse_args(
        ["its", str(DATA / "sicily.csv"), "--outcome", "deaths", "--time", "time", "--intervention", "smokban"]
    )
    with pytest.raises(InvalidInput, match=r"column 'deaths' not found in .*sicily\.csv"):
        cli.run(options)


def test_unknown_treated_unit_names_the_file(parser):
    options = parser.parse_args(
        [
            "synth", str(DATA / "california_prop99.csv"), "--unit", "State", "--time", "Year",
            "--outcome", "PacksPerCapita", "--treated", "Atlantis", "--treatment-time", "1989",
        ]
    )
    with pytest.raises(InvalidInput, match=r"'Atlantis' not found in column 'State' of .*california_prop99\.csv"):
        cli.run(options)


def test_family_choices_are_enforced(parser):
    with pytest.raises(SystemExit):
        parser.parse_args(
            ["its", "x.csv", "--outcome", "y", "--time", "t", "--intervention", "d", "--family", "binomial"]
        )
