"""Property tests on synthetic data (generated here; never platform data).

Examples are derandomised and bounded so the suite is deterministic; where a
property is statistical (95% intervals miss 5% of the time by design) it is
stated as coverage over a batch of replicates with a bound far in the tail.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from observatory.analysis import did_fit, its_fit, synth_fit

PROFILE = settings(max_examples=12, deadline=None, derandomize=True)
seeds = st.integers(min_value=0, max_value=2**32 - 1)


def its_frame(*, n_pre: int, n_post: int, mean: np.ndarray) -> pd.DataFrame:
    t = np.arange(1, n_pre + n_post + 1, dtype=float)
    return pd.DataFrame({"t": t, "d": (t > n_pre).astype(int), "mean": mean})


@PROFILE
@given(
    n_pre=st.integers(8, 40),
    n_post=st.integers(1, 30),
    log_level=st.floats(3.0, 8.0),
    trend=st.floats(-0.01, 0.01),
    amplitude=st.floats(0.0, 0.2),
)
def test_poisson_series_without_change_has_level_interval_around_zero(n_pre, n_post, log_level, trend, amplitude):
    t = np.arange(1, n_pre + n_post + 1, dtype=float)
    expected = np.exp(log_level + trend * t + amplitude * np.sin(2 * np.pi * t / 12))
    df = its_frame(n_pre=n_pre, n_post=n_post, mean=expected)
    harmonics = 1 if amplitude > 0 else 0
    result = its_fit(
        df, outcome="mean", time="t", intervention="d", family="poisson", harmonics=harmonics, period=12.0
    )
    level = result.level_change
    assert abs(level.estimate) < 1e-6
    assert level.ci_low < 0 < level.ci_high


@PROFILE
@given(
    family=st.sampled_from(["gaussian", "quasipoisson"]),
    n_pre=st.integers(8, 36),
    n_post=st.integers(2, 24),
    trend=st.floats(-0.5, 0.5),
    seed=seeds,
)
def test_level_interval_covers_zero_when_nothing_changes(family, n_pre, n_post, trend, seed):
    rng = np.random.default_rng(seed)
    t = np.arange(1, n_pre + n_post + 1, dtype=float)
    covered = 0
    replicates = 40
    for _ in range(replicates):
        if family == "gaussian":
            y = 100 + trend * t + rng.normal(0, 5, len(t))
        else:
            y = rng.poisson(200 * np.exp(trend / 100 * t)).astype(float)
        df = pd.DataFrame({"t": t, "d": (t > n_pre).astype(int), "y": y})
        level = its_fit(df, outcome="y", time="t", intervention="d", family=family).level_change
        covered += level.ci_low <= 0 <= level.ci_high
    # Nominal 95%: 32 or fewer of 40 covered has probability about 3e-4 per example.
    assert covered >= 33


@PROFILE
@given(
    family=st.sampled_from(["gaussian", "poisson", "quasipoisson"]),
    n_pre=st.integers(8, 36),
    n_post=st.integers(2, 24),
    step=st.floats(0.1, 0.5),
    sign=st.sampled_from([-1, 1]),
    slope=st.booleans(),
    seed=seeds,
)
def test_built_in_step_is_recovered(family, n_pre, n_post, step, sign, slope, seed):
    rng = np.random.default_rng(seed)
    t = np.arange(1, n_pre + n_post + 1, dtype=float)
    d = (t > n_pre).astype(float)
    effect = sign * step
    if family == "gaussian":
        y = 50 + 0.3 * t + 100 * effect * d + rng.normal(0, 1, len(t))
        truth = 100 * effect
    else:
        y = rng.poisson(np.exp(7 + 0.002 * t + effect * d)).astype(float)
        truth = effect
    df = pd.DataFrame({"t": t, "d": d.astype(int), "y": y})
    level = its_fit(df, outcome="y", time="t", intervention="d", family=family, slope_change=slope).level_change
    # |estimate - truth| beyond 6 standard errors has probability below 1e-5 here.
    assert abs(level.estimate - truth) < 6 * level.std_error
    assert np.sign(level.estimate) == sign


@PROFILE
@given(
    n_units=st.integers(60, 200),
    n_periods=st.integers(4, 8),
    effect=st.floats(-2.0, 2.0).filter(lambda e: abs(e) > 0.2),
    control=st.sampled_from(["never", "notyet"]),
    seed=seeds,
)
def test_did_recovers_a_known_homogeneous_effect(n_units, n_periods, effect, control, seed):
    rng = np.random.default_rng(seed)
    periods = np.arange(1, n_periods + 1)
    # Cohorts start from period 2; about a third of units are never treated.
    cohorts = rng.choice(np.concatenate([[0], periods[1:]]), size=n_units, p=None)
    cohorts[: n_units // 3] = 0
    unit_effect = rng.normal(0, 3, n_units)
    period_effect = rng.normal(0, 1, n_periods)
    rows = []
    for i in range(n_units):
        for j, t in enumerate(periods):
            treated = cohorts[i] > 0 and t >= cohorts[i]
            y = unit_effect[i] + period_effect[j] + effect * treated + rng.normal(0, 0.2)
            rows.append((i, t, y, cohorts[i]))
    df = pd.DataFrame(rows, columns=["unit", "t", "y", "g"])
    result = did_fit(df, unit="unit", time="t", outcome="y", first_treated="g", control=control)
    for key in ("overall_group", "overall_dynamic"):
        agg = result[key]
        assert abs(agg["att"] - effect) < 6 * agg["se"]
    for cell in result["att_gt"]:
        truth = effect if cell["time"] >= cell["group"] else 0.0
        assert abs(cell["att"] - truth) < 6 * cell["se"]


@PROFILE
@given(share=st.floats(0.05, 0.95), effect=st.floats(-10, 10), seed=seeds)
def test_synth_recovers_a_convex_combination_and_its_effect(share, effect, seed):
    rng = np.random.default_rng(seed)
    years = np.arange(1990, 2010)
    donors = {f"d{j}": rng.normal(50, 10) + rng.normal(0, 1) * (years - 1990) + rng.normal(0, 2, 20) for j in range(6)}
    treated = share * donors["d0"] + (1 - share) * donors["d3"] + effect * (years >= 2005)
    panel = {**donors, "tr": treated}
    df = pd.DataFrame([(u, y, v[i]) for u, v in panel.items() for i, y in enumerate(years)], columns=["u", "t", "y"])
    result = synth_fit(df, unit="u", time="t", outcome="y", treated="tr", treatment_time=2005, placebo=False)
    assert abs(result["weights"]["d0"] - share) < 1e-4
    assert abs(result["att_post"] - effect) < 1e-3
