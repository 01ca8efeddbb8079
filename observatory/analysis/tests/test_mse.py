"""Multiple systems estimation against a published estimate and against arithmetic that can be done by hand.

Published data: the UK 2013 strategic assessment's six lists of potential victims of modern slavery
(2,744 cases), used by the Home Office's Chief Scientific Adviser, "Modern Slavery: an application of
multiple systems estimation" (29 November 2014,
https://www.gov.uk/government/publications/modern-slavery-an-application-of-multiple-systems-estimation),
whose published result is "between 10 thousand and 13 thousand" potential victims in the UK in 2013. The
five-list table joins the police forces and the National Crime Agency, as that analysis did. The tables are
the data sets UKdat and UKdat_5 of the CRAN package SparseMSE (B. Silverman), converted to CSV in
``tests/data/`` (figures only).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from observatory.analysis.errors import InvalidInput
from observatory.analysis.mse import estimate

DATA = Path(__file__).resolve().parent / "data"


def test_the_uk_estimate_lies_in_the_published_range():
    table = pd.read_csv(DATA / "uk_modern_slavery_2013_five_lists.csv")
    result = estimate(table, count="count")
    assert result.observed == 2744
    assert 10_000 <= result.estimate <= 13_000
    assert round(result.estimate) == 11313
    # The published range is the interval rounded to thousands.
    assert (round(result.ci_low, -3), round(result.ci_high, -3)) == (10_000, 13_000)
    assert result.ci_low < result.estimate < result.ci_high
    assert "LA:NG" in result.model and all(":" in term for term in result.model)


def test_two_lists_under_independence_are_lincoln_petersen():
    # 60 on list A only, 40 on B only, 20 on both: N = n1 × n2 / m = 80 × 60 / 20 = 240.
    table = pd.DataFrame({"A": [1, 0, 1], "B": [0, 1, 1], "count": [60, 40, 20]})
    result = estimate(table, count="count", method="independence")
    assert result.estimate == pytest.approx(240)
    assert result.dark_figure == pytest.approx(240 - 120)
    assert result.ci_low < 240 < result.ci_high and result.model == []


def test_what_cannot_be_estimated_is_refused_with_a_reason():
    with pytest.raises(InvalidInput, match="at least two lists"):
        estimate(pd.DataFrame({"A": [1], "count": [5]}), count="count")
    with pytest.raises(InvalidInput, match="list 'B' has no case"):
        estimate(pd.DataFrame({"A": [1, 1], "B": [0, 0], "C": [0, 1], "count": [5, 2]}), count="count")
    with pytest.raises(InvalidInput, match="0 and 1"):
        estimate(pd.DataFrame({"A": [1, 2], "B": [0, 1], "count": [5, 3]}), count="count")
    with pytest.raises(InvalidInput, match="dark figure"):
        estimate(pd.DataFrame({"A": [0, 1], "B": [0, 1], "count": [5, 3]}), count="count")


def test_the_command_line_gives_the_estimate_as_json(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "observatory", "analyze", "mse", str(DATA / "uk_modern_slavery_2013_six_lists.csv"),
         "--count", "count", "--method", "independence", "--json"],
        capture_output=True, text=True, timeout=120, check=True)
    body = json.loads(result.stdout)
    assert set(body) >= {"observed", "estimate", "ci_low", "ci_high", "dark_figure", "model", "method"}
    assert body["method"] == "independence" and body["model"] == [] and body["observed"] == 2744


def test_a_model_whose_estimate_does_not_exist_is_never_chosen():
    from observatory.analysis.mse import capture_table, mle_exists

    # Three lists whose overlaps all fall in the one cell on every list (made-up counts): with all three
    # two-list interactions the model fits the empty cells exactly and its estimate does not exist, although
    # every pair of lists shares cases.
    table = pd.DataFrame({"A": [1, 0, 0, 1], "B": [0, 1, 0, 1], "C": [0, 0, 1, 1], "count": [30, 20, 25, 4]})
    lists, full = capture_table(table, count="count")
    assert mle_exists(full, lists, [])
    assert mle_exists(full, lists, [("A", "B")])
    assert not mle_exists(full, lists, [("A", "B"), ("A", "C"), ("B", "C")])
    result = estimate(table, count="count")
    assert len(result.model) < 3 and result.ci_low <= result.estimate <= result.ci_high
