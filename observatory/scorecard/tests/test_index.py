"""The index maths on hand-computed examples: every normalisation, both aggregations, missing data,
weight renormalisation, the geometric positivity rule, uncertainty and year-over-year change.

Pure: no database (runs with ``-p no:django`` too).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from observatory.scorecard import index


def tidy(rows):
    return pd.DataFrame(rows, columns=["country", "indicator", "value"])


def framework(aggregation="arithmetic", **extra):
    """Two dimensions. H (weight 3): x (weight 1, min-max, higher better), y (weight 3, target 200, higher
    better). L (weight 1): z (weight 1, target 100, lower better)."""
    return index.framework_parse({"aggregation": aggregation, **extra, "dimensions": [
        {"code": "H", "name_en": "Health", "name_ru": "Здоровье", "weight": 3, "indicators": [
            {"code": "x", "weight": 1, "direction": "higher_is_better", "normalise": "minmax"},
            {"code": "y", "weight": 3, "direction": "higher_is_better", "normalise": "target", "target": 200}]},
        {"code": "L", "name_en": "Law", "name_ru": "Закон", "weight": 1, "indicators": [
            {"code": "z", "weight": 1, "direction": "lower_is_better", "normalise": "target", "target": 100}]},
    ]})


DATA = tidy([("A", "x", 10), ("A", "y", 100), ("A", "z", 50),
             ("B", "x", 30), ("B", "y", 300), ("B", "z", 200)])


# --- normalisation ---------------------------------------------------------------------------------------------

def test_minmax_puts_the_best_country_at_100():
    values = pd.Series({"A": 2.0, "B": 4.0, "C": 10.0})
    # min 2, max 10, range 8: A (2-2)/8*100 = 0, B (4-2)/8*100 = 25, C (10-2)/8*100 = 100
    assert index.normalise(values, method="minmax", direction="higher_is_better").to_dict() == {
        "A": 0.0, "B": 25.0, "C": 100.0}
    # lower is better: (max - x)/range: A (10-2)/8*100 = 100, B (10-4)/8*100 = 75, C 0
    assert index.normalise(values, method="minmax", direction="lower_is_better").to_dict() == {
        "A": 100.0, "B": 75.0, "C": 0.0}


def test_minmax_without_spread_gives_the_midpoint_and_missing_stays_missing():
    values = pd.Series({"A": 5.0, "B": 5.0, "C": float("nan")})
    out = index.normalise(values, method="minmax", direction="higher_is_better")
    assert out["A"] == out["B"] == 50.0 and math.isnan(out["C"])


def test_zscore_uses_the_population_standard_deviation_and_flips_for_lower_is_better():
    values = pd.Series({"A": 1.0, "B": 2.0, "C": 3.0, "D": 6.0})
    # mean 3; deviations -2, -1, 0, 3; variance (4+1+0+9)/4 = 3.5; sd = sqrt(3.5) = 1.870829
    # z: -2/1.870829 = -1.069045, -1/1.870829 = -0.534522, 0, 3/1.870829 = 1.603567
    higher = index.normalise(values, method="zscore", direction="higher_is_better")
    assert higher.round(6).to_dict() == {"A": -1.069045, "B": -0.534522, "C": 0.0, "D": 1.603567}
    lower = index.normalise(values, method="zscore", direction="lower_is_better")
    assert lower.round(6).to_dict() == {"A": 1.069045, "B": 0.534522, "C": -0.0, "D": -1.603567}
    flat = index.normalise(pd.Series({"A": 4.0, "B": 4.0}), method="zscore", direction="higher_is_better")
    assert flat.to_dict() == {"A": 0.0, "B": 0.0}


def test_target_caps_at_100_in_both_directions():
    values = pd.Series({"A": 10.0, "B": 40.0, "C": 60.0, "D": -5.0})
    # higher is better, target 40: 100*min(10/40, 1) = 25; 100*min(40/40, 1) = 100; 100*min(60/40, 1) = 100;
    # a negative value would give -12.5 and is floored at 0
    assert index.normalise(values, method="target", direction="higher_is_better", target=40).to_dict() == {
        "A": 25.0, "B": 100.0, "C": 100.0, "D": 0.0}
    values = pd.Series({"A": 20.0, "B": 5.0, "C": 2.0, "D": 0.0})
    # lower is better, target 5: 100*min(5/20, 1) = 25; 100*min(5/5, 1) = 100; 100*min(5/2, 1) = 100;
    # 0 is at or below the target: 100
    assert index.normalise(values, method="target", direction="lower_is_better", target=5).to_dict() == {
        "A": 25.0, "B": 100.0, "C": 100.0, "D": 100.0}


# --- aggregation ----------------------------------------------------------------------------------------------

def test_arithmetic_aggregation_by_hand():
    card = index.score(framework(), DATA)
    # x min-max over A 10, B 30: A 0, B 100.  y target 200: A 100*100/200 = 50, B 100*min(300/200, 1) = 100.
    # z target 100, lower better: A 100*min(100/50, 1) = 100, B 100*100/200 = 50.
    # Weights renormalised: in H, x 1/4 and y 3/4; dimensions H 3/4, L 1/4.
    # A: H = 0.25*0 + 0.75*50 = 37.5; L = 100; score = 0.75*37.5 + 0.25*100 = 28.125 + 25 = 53.125
    # B: H = 0.25*100 + 0.75*100 = 100; L = 50; score = 0.75*100 + 0.25*50 = 87.5
    assert card.scores["score"].to_dict() == {"A": 53.125, "B": 87.5}
    assert card.dimensions.loc["A"].to_dict() == {"H": 37.5, "L": 100.0}
    assert card.scores["rank"].to_dict() == {"A": 2, "B": 1}
    # Each input's points: effective dimension weight x weight in dimension x normalised value; they add up.
    a = card.contributions[card.contributions.country == "A"].set_index("indicator")
    assert a["points"].to_dict() == {"x": 0.0, "y": 0.75 * 0.75 * 50, "z": 0.25 * 100}
    assert a["points"].sum() == pytest.approx(53.125)


def test_geometric_aggregation_by_hand():
    card = index.score(framework("geometric"), DATA)
    # Same normalised values; A's x = 0 is floored at EPSILON = 1 before the geometric mean.
    # A: H = 1^0.25 * 50^0.75 = exp(0.75*ln 50) = exp(0.75*3.912023) = 18.803015; L = 100
    #    score = 18.803015^0.75 * 100^0.25 = exp(0.75*2.934017 + 0.25*4.605170) = 28.554241
    # B: H = 100^0.25 * 100^0.75 = 100; L = 50; score = 100^0.75 * 50^0.25 = exp(3.453878 + 0.978006) = 84.089642
    assert card.dimensions.at["A", "H"] == pytest.approx(18.803015, abs=1e-6)
    assert card.scores["score"].round(6).to_dict() == {"A": 28.554241, "B": 84.089642}
    # Points decompose the score through logarithms and still add up to it.
    for country in ("A", "B"):
        rows = card.contributions[card.contributions.country == country]
        assert rows["points"].sum() == pytest.approx(card.scores.at[country, "score"])


def test_geometric_rule_floors_at_epsilon_and_shifts_z_scores():
    spec = index.framework_parse({"aggregation": "geometric", "dimensions": [{"code": "d", "weight": 1, "indicators": [
        {"code": "p", "direction": "higher_is_better", "normalise": "minmax"},
        {"code": "q", "direction": "higher_is_better", "normalise": "zscore"}]}]})
    card = index.score(spec, tidy([("A", "p", 0), ("B", "p", 10), ("A", "q", 1), ("B", "q", 3)]))
    # p min-max: A 0 -> floored to 1, B 100.  q z-scores: mean 2, sd 1: A -1, B +1, shifted to 50 + 10z: 40 and 60.
    # A: sqrt(1 * 40) = 6.324555; B: sqrt(100 * 60) = 77.459667
    assert card.scores["score"].round(6).to_dict() == {"A": 6.324555, "B": 77.459667}
    assert card.contributions.set_index(["country", "indicator"]).at[("A", "q"), "input"] == 40.0
    # With equal weights an input at 0 next to one at 100 gives sqrt(1 * 100) = 10, not 0.
    spec = index.framework_parse({"aggregation": "geometric", "dimensions": [{"code": "d", "weight": 1, "indicators": [
        {"code": "p", "normalise": "target", "target": 100}, {"code": "r", "normalise": "target", "target": 100}]}]})
    assert index.score(spec, tidy([("A", "p", 0), ("A", "r", 100)])).scores.at["A", "score"] == pytest.approx(10)


def test_weights_are_renormalised_within_each_level():
    scaled = index.framework_parse({"aggregation": "arithmetic", "dimensions": [
        {"code": "H", "weight": 30, "indicators": [{"code": "x", "weight": 0.5, "normalise": "minmax"},
                                                    {"code": "y", "weight": 1.5, "normalise": "target",
                                                     "target": 200}]},
        {"code": "L", "weight": 10, "indicators": [{"code": "z", "weight": 7, "direction": "lower_is_better",
                                                     "normalise": "target", "target": 100}]}]})
    # (30, 10) are (3/4, 1/4) and (0.5, 1.5) are (1/4, 3/4): the same scores as the reference framework.
    assert index.score(scaled, DATA).scores["score"].to_dict() == index.score(framework(), DATA).scores[
        "score"].to_dict()


def test_a_missing_indicator_is_dropped_and_its_weight_re_spread_in_its_dimension():
    data = pd.concat([DATA, tidy([("C", "x", 20), ("C", "z", 100)])])
    card = index.score(framework(), data)
    # C has no y. x min-max over 10, 20, 30: C = 50. In H only x is present, so x takes H's whole weight: H = 50.
    # L: z = 100 (at the target). Score = 0.75*50 + 0.25*100 = 62.5.
    assert card.scores.at["C", "score"] == 62.5
    assert card.missing == {"A": [], "B": [], "C": ["y"]}
    assert card.to_dict()["C"] == {"score": 62.5, "rank": 2, "dimensions": {"H": 50.0, "L": 100.0}, "missing": ["y"]}
    # Coverage: the share of the framework's weight with data: x 0.75*0.25 + z 0.25 = 0.4375.
    assert card.scores.at["C", "coverage"] == 0.4375


def test_a_dimension_with_no_data_is_dropped_at_the_top_level_and_shown_as_none():
    card = index.score(framework(), pd.concat([DATA, tidy([("D", "z", 100)])]))
    # D has only z: L = 100 takes the whole weight of the score.
    assert card.to_dict()["D"] == {"score": 100.0, "rank": 1, "dimensions": {"H": None, "L": 100.0},
                                   "missing": ["x", "y"]}


def test_a_country_with_no_data_is_listed_unscored():
    card = index.score(framework(), DATA, countries=["A", "B", "E"])
    assert card.to_dict()["E"] == {"score": None, "rank": None, "dimensions": {"H": None, "L": None},
                                   "missing": ["x", "y", "z"]}


def test_ties_share_the_best_rank_and_min_coverage_leaves_thin_countries_unranked():
    spec = index.framework_parse({"aggregation": "arithmetic", "min_coverage": 0.5, "dimensions": [
        {"code": "d", "weight": 1, "indicators": [{"code": "p", "normalise": "target", "target": 10},
                                                   {"code": "q", "normalise": "target", "target": 10}]}]})
    card = index.score(spec, tidy([("A", "p", 5), ("A", "q", 5), ("B", "p", 5), ("B", "q", 5), ("C", "p", 1),
                                   ("C", "q", 1), ("D", "p", 10)]))
    # D has only p (coverage 0.5 >= 0.5): score 100, rank 1. A and B tie at 50 and share the better rank, 2;
    # C (10) is then 4th, not 3rd (docs/scorecard.md, "Ranks": ties share the better rank, 1, 2, 2, 4).
    assert card.scores["rank"].to_dict() == {"A": 2, "B": 2, "C": 4, "D": 1}
    thin = index.framework_parse({**{"min_coverage": 0.6}, "aggregation": "arithmetic", "dimensions": [
        {"code": "d", "weight": 1, "indicators": [{"code": "p", "normalise": "target", "target": 10},
                                                   {"code": "q", "normalise": "target", "target": 10}]}]})
    result = index.score(thin, tidy([("A", "p", 5), ("A", "q", 5), ("D", "p", 10)])).to_dict()
    assert result["D"]["score"] == 100.0 and result["D"]["rank"] is None and result["A"]["rank"] == 1


def test_scores_are_not_rounded():
    card = index.score(framework(), tidy([("A", "x", 1), ("A", "y", 1), ("B", "x", 2), ("B", "y", 2)]))
    # A: H = 0.25*0 + 0.75*(100*1/200) = 0.375
    assert card.scores.at["A", "score"] == 0.375


# --- framework checks ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("spec, problem", [
    ({"aggregation": "median", "dimensions": [{"code": "d", "indicators": [{"code": "p"}]}]}, "aggregation"),
    ({"aggregation": "arithmetic", "dimensions": []}, "dimensions must be a non-empty list"),
    ({"aggregation": "arithmetic", "dimensions": [{"code": "d", "indicators": [{"code": "p", "normalise": "target"}]}]},
     "needs a target"),
    ({"aggregation": "arithmetic", "dimensions": [{"code": "d", "indicators": [{"code": "p", "target": 3}]}]},
     "only used with normalise 'target'"),
    ({"aggregation": "arithmetic", "dimensions": [{"code": "d", "indicators": [{"code": "p", "weight": -1}]}]},
     "greater than 0"),
    ({"aggregation": "arithmetic", "dimensions": [{"code": "d", "indicators": [{"code": "p"}]},
                                                  {"code": "e", "indicators": [{"code": "p"}]}]}, "used twice"),
    ({"aggregation": "arithmetic", "dimensions": [{"code": "d", "indicators": [{"code": "p", "direction": "up"}]}]},
     "direction"),
])
def test_an_invalid_framework_is_refused_with_the_reason(spec, problem):
    with pytest.raises(index.FrameworkError) as error:
        index.framework_parse(spec)
    assert any(problem in p for p in error.value.problems)


def test_data_with_two_values_for_one_country_and_indicator_is_refused():
    with pytest.raises(index.FrameworkError, match="more than one value for A x"):
        index.score(framework(), tidy([("A", "x", 1), ("A", "x", 2)]))


# --- uncertainty and change -------------------------------------------------------------------------------------

UNCERTAIN = tidy([(c, i, v) for c, values in {
    "A": (90, 180, 20), "B": (50, 120, 60), "C": (52, 118, 58), "D": (10, 20, 190)}.items()
    for i, v in zip(("x", "y", "z"), values)])


def test_monte_carlo_is_reproducible_with_a_seed():
    first = index.uncertainty(framework(), UNCERTAIN, draws=300, seed=7)
    again = index.uncertainty(framework(), UNCERTAIN, draws=300, seed=7)
    pd.testing.assert_frame_equal(first, again)


def test_monte_carlo_intervals_are_sane():
    result = index.uncertainty(framework(), UNCERTAIN, draws=500, seed=11)
    assert (result["rank_low"] <= result["median_rank"]).all() and (result["median_rank"] <= result["rank_high"]).all()
    assert result["rank_low"].min() >= 1 and result["rank_high"].max() <= 4
    # A is best and D worst on every input: their ranks never move.
    assert result.loc["A"].tolist() == [1.0, 1.0, 1.0] and result.loc["D"].tolist() == [4.0, 4.0, 4.0]
    # B and C are nearly tied: their interval spans ranks 2 and 3.
    assert result.loc["B", ["rank_low", "rank_high"]].tolist() == [2.0, 3.0]
    assert result.loc["C", ["rank_low", "rank_high"]].tolist() == [2.0, 3.0]


def test_year_over_year_change_flags_changed_inputs():
    before = index.score(framework(), DATA)
    after = index.score(framework(), pd.concat([DATA[DATA.indicator != "z"], tidy([("A", "z", 100), ("B", "z", 200)])]))
    now = after.scores.at["A", "score"]
    # A's z goes from 50 to 100: still at the target (100 points), so the score is unchanged.
    table = index.change(after, before)
    assert table.at["A", "change"] == now - 53.125 == 0.0 and table.at["A", "same_inputs"]
    fewer = index.score(framework(), DATA[~((DATA.country == "B") & (DATA.indicator == "y"))])
    assert not index.change(fewer, before).at["B", "same_inputs"]


# --- properties -------------------------------------------------------------------------------------------------

values = st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=2, max_size=12)


@settings(max_examples=60, deadline=None)
@given(values)
def test_minmax_stays_between_0_and_100_with_the_best_at_100(numbers):
    series = pd.Series(numbers, index=[f"C{i}" for i in range(len(numbers))])
    out = index.normalise(series, method="minmax", direction="higher_is_better")
    assert out.between(0, 100).all()
    if series.max() > series.min():
        assert out[series.idxmax()] == 100 and out[series.idxmin()] == 0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1000), st.floats(0, 1000), st.floats(0, 1000)), min_size=2, max_size=8))
def test_an_arithmetic_score_lies_between_its_lowest_and_highest_input(rows):
    data = tidy([(f"C{n}", code, v) for n, row in enumerate(rows) for code, v in zip(("x", "y", "z"), row)])
    card = index.score(framework(), data)
    for country in card.scores.index:
        inputs = card.contributions[card.contributions.country == country]["input"].dropna()
        assert inputs.min() - 1e-9 <= card.scores.at[country, "score"] <= inputs.max() + 1e-9
