"""Synthetic control: California Proposition 99 (see data/SOURCES.md) and the contract."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import Bounds, LinearConstraint, minimize

from observatory.analysis import InsufficientData, InvalidInput, synth_fit

PROP99 = dict(unit="State", time="Year", outcome="PacksPerCapita", treated="California", treatment_time=1989)
ADH_DONORS = {"Colorado", "Connecticut", "Montana", "Nevada", "Utah"}


@pytest.fixture(scope="module")
def california(prop99):
    return synth_fit(prop99, **PROP99)


def reference_weights(prop99: pd.DataFrame) -> tuple[list[str], np.ndarray]:
    """The same convex problem solved independently: SLSQP with the exact gradient."""
    panel = prop99.pivot(index="Year", columns="State", values="PacksPerCapita")
    donors = [s for s in panel.columns if s != "California"]
    pre = panel.index < 1989
    x0 = panel[donors].to_numpy()[pre]
    x1 = panel["California"].to_numpy()[pre]
    gram, cross = x0.T @ x0, x0.T @ x1
    n = len(donors)
    result = minimize(
        lambda w: 0.5 * w @ gram @ w - cross @ w,
        np.full(n, 1.0 / n),
        jac=lambda w: gram @ w - cross,
        bounds=Bounds(np.zeros(n), np.ones(n)),
        constraints=[LinearConstraint(np.ones((1, n)), 1.0, 1.0)],
        method="SLSQP",
        options={"ftol": 1e-15, "maxiter": 5000},
    )
    return donors, result.x


class TestCaliforniaProp99:
    def test_weights_solve_the_outcome_path_problem(self, prop99, california):
        donors, expected = reference_weights(prop99)
        got = np.array([california["weights"][d] for d in donors])
        assert got == pytest.approx(expected, abs=5e-4)
        assert sum(california["weights"].values()) == pytest.approx(1.0, abs=1e-9)
        assert round(california["weights"]["Utah"], 3) == round(expected[donors.index("Utah")], 3) == 0.394

    def test_synthetic_california_is_built_from_the_adh_donors(self, california):
        used = {state for state, weight in california["weights"].items() if weight >= 0.01}
        # ADH (2010) synthetic California: Colorado, Connecticut, Montana, Nevada, Utah.
        assert ADH_DONORS <= used
        assert sum(california["weights"][s] for s in ADH_DONORS) > 0.9

    def test_gap_by_2000_is_about_26_packs(self, california):
        # ADH (2010): "about 26 packs" per capita lower by 2000.
        assert california["effect"][2000] == pytest.approx(-26.0, abs=1.0)
        assert round(california["effect"][2000], 1) == -26.6

    def test_average_post_gap_is_close_to_published_synthetic_control_estimate(self, california):
        # Arkhangelsky et al. (2021, Table 1): SC -19.6, from a sparsified Frank-Wolfe solution
        # of the same outcome-path problem; the exact optimum here is -19.51.
        assert round(california["att_post"], 2) == -19.51
        assert california["att_post"] == pytest.approx(-19.6, abs=0.15)

    def test_pre_treatment_fit_is_close(self, california):
        assert california["rmspe_pre"] == pytest.approx(1.656, abs=1e-3)
        # Every pre-1989 gap is small next to the post-1988 gaps (-8 to -28 packs).
        assert max(abs(california["effect"][year]) for year in range(1970, 1989)) < 6
        assert max(california["effect"][year] for year in range(1989, 2001)) < -8

    def test_placebo_in_space(self, california):
        assert len(california["placebos"]) == 38
        ratios = [p["rmspe_ratio"] for p in california["placebos"]]
        expected_rank = 1 + sum(r >= california["rmspe_ratio"] for r in ratios)
        assert california["placebo_rank"] == expected_rank == 3
        assert california["placebo_p"] == pytest.approx(3 / 39)


def toy_panel(*, effect: float = -5.0) -> pd.DataFrame:
    """Synthetic panel (test data): the treated unit is exactly 0.3 * d1 + 0.7 * d4 before 2015."""
    rng = np.random.default_rng(11)
    years = np.arange(2000, 2020)
    outcome, covariate = {}, {}
    for j in range(8):
        level, slope, x = rng.normal(50, 10), rng.normal(0, 1), rng.normal(5, 2)
        outcome[f"d{j}"] = level + slope * (years - 2000) + rng.normal(0, 0.5, len(years))
        covariate[f"d{j}"] = x + rng.normal(0, 0.1, len(years))
    outcome["tr"] = 0.3 * outcome["d1"] + 0.7 * outcome["d4"] + effect * (years >= 2015)
    covariate["tr"] = 0.3 * covariate["d1"] + 0.7 * covariate["d4"]
    rows = [
        (unit, year, outcome[unit][i], covariate[unit][i]) for unit in outcome for i, year in enumerate(years)
    ]
    return pd.DataFrame(rows, columns=["unit", "year", "y", "x"])


class TestContract:
    def test_json_shape(self, california):
        for key in ("weights", "effect", "placebo_rank", "placebo_p"):
            assert key in california
        assert set(california["effect"]) == set(range(1970, 2001))
        assert "California" not in california["weights"]
        json.dumps(california, allow_nan=False)

    def test_exact_convex_combination_is_recovered(self):
        result = synth_fit(toy_panel(), unit="unit", time="year", outcome="y", treated="tr", treatment_time=2015)
        assert result["weights"]["d1"] == pytest.approx(0.3, abs=1e-6)
        assert result["weights"]["d4"] == pytest.approx(0.7, abs=1e-6)
        assert result["att_post"] == pytest.approx(-5.0, abs=1e-5)
        assert result["placebo_rank"] == 1

    def test_predictor_route_balances_predictor_means(self):
        df = toy_panel()
        result = synth_fit(
            df, unit="unit", time="year", outcome="y", treated="tr", treatment_time=2015,
            predictors=["x"], placebo=False,
        )
        weights = pd.Series(result["weights"])
        assert (weights >= 0).all() and weights.sum() == pytest.approx(1.0)
        pre = df[df["year"] < 2015].groupby("unit")[["x", "y"]].mean()
        synthetic = pre.loc[weights.index].T @ weights
        assert synthetic["x"] == pytest.approx(pre.loc["tr", "x"], abs=0.05)
        assert synthetic["y"] == pytest.approx(pre.loc["tr", "y"], abs=0.5)
        assert result["placebo_rank"] is None and result["placebo_p"] is None
        assert result["predictors"] == ["x"]

    def test_unknown_treated_unit_is_refused(self, prop99):
        with pytest.raises(InvalidInput, match="treated unit 'Atlantis' not found"):
            synth_fit(prop99, **{**PROP99, "treated": "Atlantis"})

    def test_too_few_pre_periods_is_refused(self, prop99):
        with pytest.raises(InsufficientData, match="at least two pre-treatment periods"):
            synth_fit(prop99, **{**PROP99, "treatment_time": 1971})

    def test_too_few_donors_is_refused(self, prop99):
        two_states = prop99[prop99["State"].isin(["California", "Utah"])]
        with pytest.raises(InsufficientData, match="at least two donor units"):
            synth_fit(two_states, **PROP99)

    def test_donors_with_gaps_are_dropped(self, prop99):
        gappy = prop99.drop(index=prop99.index[(prop99["State"] == "Alabama") & (prop99["Year"] == 1980)])
        result = synth_fit(gappy, **PROP99)
        assert result["n_dropped_units"] == 1
        assert "Alabama" not in result["weights"]
        assert result["n_donors"] == 37

    def test_missing_predictor_column_is_named(self, prop99):
        with pytest.raises(InvalidInput, match="column 'beer' not found"):
            synth_fit(prop99, predictors=["beer"], **PROP99)
