"""Interrupted time series: published Sicily example, closed forms, contract."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from observatory.analysis import InsufficientData, InvalidInput, its_fit

SICILY = dict(outcome="aces", time="time", intervention="smokban", offset_log="stdpop")


def rel(a: float, b: float) -> float:
    return abs(a - b) / abs(b)


class TestSicilyPublished:
    """Lopez Bernal, Cummins & Gasparrini (2017), Int J Epidemiol 46:348 (see data/SOURCES.md)."""

    def test_poisson_step_change_rate_ratio(self, sicily):
        result = its_fit(sicily, family="poisson", **SICILY).to_dict()
        level = result["level_change"]
        # Published: RR 0.894 (95% CI 0.865 to 0.925).
        assert round(level["ratio"], 3) == 0.894
        assert round(level["ratio_ci_low"], 3) == 0.865
        assert round(level["ratio_ci_high"], 3) == 0.925
        assert result["dispersion"] == 1.0

    def test_quasipoisson_with_seasonality_rate_ratio(self, sicily):
        result = its_fit(sicily, family="quasipoisson", harmonics=2, period=12, **SICILY).to_dict()
        level = result["level_change"]
        # Published: RR 0.885 (95% CI 0.839 to 0.933).
        assert round(level["ratio"], 3) == 0.885
        assert round(level["ratio_ci_low"], 3) == 0.839
        assert round(level["ratio_ci_high"], 3) == 0.933
        assert math.isclose(level["estimate"], math.log(level["ratio"]))

    def test_quasipoisson_keeps_estimate_and_widens_interval(self, sicily):
        poisson = its_fit(sicily, family="poisson", **SICILY)
        quasi = its_fit(sicily, family="quasipoisson", **SICILY)
        assert quasi.level_change.estimate == pytest.approx(poisson.level_change.estimate, rel=1e-9)
        # R's quasipoisson: standard errors scale by sqrt(Pearson chi2 / residual df).
        expected_se = poisson.level_change.std_error * math.sqrt(quasi.dispersion)
        assert quasi.level_change.std_error == pytest.approx(expected_se, rel=1e-6)
        assert quasi.dispersion == pytest.approx(poisson.diagnostics["pearson_dispersion"], rel=1e-12)
        assert quasi.dispersion > 3  # the series is clearly overdispersed

    def test_slope_change_matches_time_since_intervention_coding(self, sicily):
        result = its_fit(sicily, family="quasipoisson", harmonics=2, period=12, slope_change=True, **SICILY)
        # Same model through statsmodels directly, coded as in the authors' R script:
        # I(time - 36):smokban, harmonic(month, 2, 12).
        month = sicily["time"].to_numpy(dtype=float)
        design = pd.DataFrame(
            {
                "const": 1.0,
                "smokban": sicily["smokban"],
                "time": sicily["time"],
                "since": (sicily["time"] - 36) * sicily["smokban"],
                "s1": np.sin(2 * np.pi * month / 12),
                "c1": np.cos(2 * np.pi * month / 12),
                "s2": np.sin(4 * np.pi * month / 12),
                "c2": np.cos(4 * np.pi * month / 12),
            }
        )
        reference = sm.GLM(
            sicily["aces"], design, family=sm.families.Poisson(), offset=np.log(sicily["stdpop"])
        ).fit(scale="X2")
        assert result.level_change.estimate == pytest.approx(reference.params["smokban"], rel=1e-8)
        assert result.slope_change.estimate == pytest.approx(reference.params["since"], rel=1e-8)
        assert result.slope_change.std_error == pytest.approx(reference.bse["since"], rel=1e-8)

    def test_counterfactual_continues_the_pre_trend(self, sicily):
        result = its_fit(sicily, family="poisson", **SICILY)
        points = result.counterfactual
        assert len(points) == 59
        ratio = math.exp(result.level_change.estimate)
        for point in points:
            if point.time <= 36:
                assert point.counterfactual == pytest.approx(point.fitted, rel=1e-10)
            else:
                # With only a level change, fitted = counterfactual x rate ratio after the ban.
                assert point.fitted == pytest.approx(point.counterfactual * ratio, rel=1e-10)
            assert point.ci_low < point.counterfactual < point.ci_high
        assert points[0].observed == 728

    def test_diagnostics_report_points_and_autocorrelation(self, sicily):
        diagnostics = its_fit(sicily, family="quasipoisson", **SICILY).diagnostics
        assert diagnostics["n_pre"] == 36
        assert diagnostics["n_post"] == 23
        assert 0.0 <= diagnostics["ljung_box_p"] <= 1.0
        assert diagnostics["ljung_box_lags"] >= 1


class TestNeweyWest:
    def test_gaussian_hac_matches_bartlett_sandwich_without_small_sample_correction(self):
        rng = np.random.default_rng(7)
        n, lags = 48, 3
        t = np.arange(n, dtype=float)
        post = (t >= 24).astype(float)
        noise = np.convolve(rng.normal(size=n + 2), [1.0, 0.6, 0.3], mode="valid")
        y = 10 + 0.2 * t + 3 * post + noise
        df = pd.DataFrame({"y": y, "t": t, "d": post})
        result = its_fit(df, outcome="y", time="t", intervention="d", hac_lags=lags)

        x = np.column_stack([np.ones(n), t, post])
        beta = np.linalg.lstsq(x, y, rcond=None)[0]
        scores = x * (y - x @ beta)[:, None]
        meat = scores.T @ scores
        for lag in range(1, lags + 1):
            gamma = scores[lag:].T @ scores[:-lag]
            meat += (1 - lag / (lags + 1)) * (gamma + gamma.T)
        bread = np.linalg.inv(x.T @ x)
        expected_se = math.sqrt((bread @ meat @ bread)[2, 2])
        assert result.level_change.std_error == pytest.approx(expected_se, rel=1e-9)
        assert result.diagnostics["hac_lags"] == lags

    def test_hac_ignores_the_quasipoisson_dispersion(self, sicily):
        poisson = its_fit(sicily, family="poisson", hac_lags=3, **SICILY)
        quasi = its_fit(sicily, family="quasipoisson", hac_lags=3, **SICILY)
        assert quasi.level_change.std_error == pytest.approx(poisson.level_change.std_error, rel=1e-9)


class TestGaussianClosedForm:
    def test_level_change_equals_ols_coefficient_with_t_interval(self):
        t = np.arange(20, dtype=float)
        d = (t >= 10).astype(float)
        y = 5 + 0.5 * t + 2.0 * d + np.sin(t)  # deterministic wiggle as noise
        result = its_fit(pd.DataFrame({"y": y, "t": t, "d": d}), outcome="y", time="t", intervention="d")
        ols = sm.OLS(y, np.column_stack([np.ones(20), t, d])).fit()
        assert result.level_change.estimate == pytest.approx(ols.params[2], rel=1e-10)
        low, high = ols.conf_int()[2]
        assert result.level_change.ci_low == pytest.approx(low, rel=1e-10)
        assert result.level_change.ci_high == pytest.approx(high, rel=1e-10)
        assert result.level_change.p_value == pytest.approx(ols.pvalues[2], rel=1e-8)
        assert result.dispersion == pytest.approx(ols.scale, rel=1e-10)
        assert "ratio" not in result.level_change.to_dict()


class TestContract:
    def test_json_shape(self, sicily):
        result = its_fit(sicily, family="quasipoisson", slope_change=True, **SICILY).to_dict()
        assert set(result) == {
            "n",
            "family",
            "dispersion",
            "diagnostics",
            "counterfactual",
            "level_change",
            "slope_change",
        }
        for key in ("estimate", "ci_low", "ci_high", "p_value", "ratio", "ratio_ci_low", "ratio_ci_high"):
            assert key in result["level_change"]
            assert key in result["slope_change"]
        assert set(result["counterfactual"][0]) == {"time", "observed", "fitted", "counterfactual", "ci_low", "ci_high"}
        json.dumps(result, allow_nan=False)

    def test_slope_change_is_null_unless_asked(self, sicily):
        assert its_fit(sicily, family="poisson", **SICILY).to_dict()["slope_change"] is None

    def test_fewer_than_eight_pre_points_is_refused(self, sicily):
        short = sicily[sicily["time"] >= 30]  # 7 months before January 2005
        with pytest.raises(InsufficientData, match="at least 8 points before the intervention; got 7"):
            its_fit(short, family="poisson", **SICILY)

    def test_eight_pre_points_are_enough(self, sicily):
        result = its_fit(sicily[sicily["time"] >= 29], family="poisson", **SICILY)
        assert result.diagnostics["n_pre"] == 8

    def test_no_post_point_is_refused(self, sicily):
        with pytest.raises(InsufficientData, match="no observation after"):
            its_fit(sicily[sicily["smokban"] == 0], family="poisson", **SICILY)

    def test_rows_are_sorted_and_missing_outcomes_dropped(self, sicily):
        shuffled = sicily.sample(frac=1.0, random_state=3).copy()
        shuffled.loc[shuffled.index[:2], "aces"] = np.nan
        result = its_fit(shuffled, family="poisson", **SICILY)
        assert result.n == 57
        assert result.diagnostics["n_dropped"] == 2
        times = [p.time for p in result.counterfactual]
        assert times == sorted(times)

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"family": "binomial"}, "family must be one of"),
            ({"family": "gaussian"}, "offset_log needs a log-link family"),
            ({"family": "poisson", "harmonics": 2}, "harmonics need a positive period"),
            ({"family": "poisson", "harmonics": 6, "period": 12}, "at most 5 harmonic pairs"),
        ],
    )
    def test_inconsistent_options_are_refused(self, sicily, kwargs, message):
        with pytest.raises(InvalidInput, match=message):
            its_fit(sicily, **SICILY, **kwargs)

    def test_missing_column_is_named(self, sicily):
        with pytest.raises(InvalidInput, match="column 'deaths' not found"):
            its_fit(sicily, outcome="deaths", time="time", intervention="smokban")

    def test_intervention_must_switch_once(self, sicily):
        flipped = sicily.copy()
        flipped.loc[flipped["time"] == 50, "smokban"] = 0
        with pytest.raises(InvalidInput, match="single intervention"):
            its_fit(flipped, family="poisson", **SICILY)
