"""Time the impact-analysis engine on SYNTHETIC data (generated here, not real figures).

    .venv/bin/python benchmarks/bench_analysis.py [--repeat N]

Prints the median and best wall-clock seconds for: an interrupted time
series fit on 300 monthly points, a staggered DiD on 500 units x 10 periods,
and a synthetic control with 20 donors x 40 periods including placebo fits
for every donor (plus, for information, one synthetic control fitted through
predictors, whose nested optimisation is slower). Target: under 1 s for
the first three. Never fails on a time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from observatory.analysis import did_fit, its_fit, synth_fit  # noqa: E402
from observatory.analysis.synth_spec import spec_from_mapping  # noqa: E402
from observatory.analysis.synth_study import synth_study  # noqa: E402


def synthetic_its(rng: np.random.Generator, n: int = 300) -> pd.DataFrame:
    """Monthly counts with trend, seasonality and a drop after month 200 (synthetic)."""
    t = np.arange(1, n + 1, dtype=float)
    post = (t > 200).astype(int)
    population = 1e6 * (1 + 0.001 * t)
    rate = np.exp(-9 + 0.001 * t + 0.1 * np.sin(2 * np.pi * t / 12) - 0.1 * post)
    return pd.DataFrame({"t": t, "post": post, "pop": population, "deaths": rng.poisson(rate * population)})


def synthetic_did(rng: np.random.Generator, units: int = 500, periods: int = 10) -> pd.DataFrame:
    """Balanced panel with staggered adoption and a homogeneous effect of -0.5 (synthetic)."""
    cohort = rng.choice([0, 4, 6, 8], size=units, p=[0.4, 0.2, 0.2, 0.2])
    unit_effect = rng.normal(0, 1, units)
    time_effect = rng.normal(0, 0.5, periods)
    unit_idx, period_idx = np.meshgrid(np.arange(units), np.arange(periods), indexing="ij")
    period = period_idx + 1
    g = cohort[unit_idx]
    treated = (g > 0) & (period >= g)
    y = unit_effect[unit_idx] + time_effect[period_idx] - 0.5 * treated + rng.normal(0, 0.3, unit_idx.shape)
    return pd.DataFrame({"unit": unit_idx.ravel(), "period": period.ravel(), "y": y.ravel(), "g": g.ravel()})


def synthetic_synth(rng: np.random.Generator, donors: int = 20, periods: int = 40) -> pd.DataFrame:
    """Treated unit = mix of three donors plus an effect of -3 from period 30 (synthetic)."""
    years = np.arange(periods)
    series = {
        f"donor{j}": rng.normal(50, 10) + rng.normal(0, 0.5) * years + rng.normal(0, 1, periods) for j in range(donors)
    }
    series["treated"] = 0.5 * series["donor0"] + 0.3 * series["donor5"] + 0.2 * series["donor9"] - 3.0 * (years >= 30)
    rows = [(u, t, v[i]) for u, v in series.items() for i, t in enumerate(years)]
    return pd.DataFrame(rows, columns=["unit", "t", "y"])


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and best seconds over ``repeat`` runs (after one warm-up run)."""
    fn()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(2024)
    its_df, did_df, synth_df = synthetic_its(rng), synthetic_did(rng), synthetic_synth(rng)
    synth_df["x"] = synth_df.groupby("unit")["y"].transform("mean") / 10 + rng.normal(0, 0.1, len(synth_df))
    cases = {
        "its: 300 monthly points, quasipoisson, offset, 2 harmonics, slope change, HAC(12)": lambda: its_fit(
            its_df, outcome="deaths", time="t", intervention="post", offset_log="pop", family="quasipoisson",
            harmonics=2, period=12, slope_change=True, hac_lags=12,
        ),
        "did: 500 units x 10 periods, 3 cohorts, never-treated controls": lambda: did_fit(
            did_df, unit="unit", time="period", outcome="y", first_treated="g"
        ),
        "did: 500 units x 10 periods, 3 cohorts, not-yet-treated controls": lambda: did_fit(
            did_df, unit="unit", time="period", outcome="y", first_treated="g", control="notyet"
        ),
        "synth: 20 donors x 40 periods, outcome path, 20 placebo refits": lambda: synth_fit(
            synth_df, unit="unit", time="t", outcome="y", treated="treated", treatment_time=30
        ),
        "synth: same panel, 1 predictor, nested optimisation (V), 20 placebo refits": lambda: synth_fit(
            synth_df, unit="unit", time="t", outcome="y", treated="treated", treatment_time=30,
            predictors=["x"],
        ),
    }
    # The two published studies (test data with provenance in observatory/analysis/tests/data/SOURCES.md).
    data = Path(__file__).resolve().parent.parent / "observatory" / "analysis" / "tests" / "data"
    for name, label in (("basque", "Basque Country, 14 predictors, nested V, 16 placebo refits"),
                        ("germany", "West Germany, 6 predictors, V from a training fit, 16 placebo refits")):
        frame = pd.read_csv(data / f"{name}.csv")
        spec = spec_from_mapping(yaml.safe_load((data / f"{name}_spec.yaml").read_text(encoding="utf-8")))
        cases[f"synth --spec (published data): {label}"] = lambda frame=frame, spec=spec: synth_study(frame, spec)
    print(f"SYNTHETIC data (generated by this script, not real figures) except the two published studies; "
          f"{args.repeat} runs each after a warm-up")
    print(f"{'case':<88} {'median s':>9} {'best s':>9}")
    for name, fn in cases.items():
        median, best = timed(fn, args.repeat)
        print(f"{name:<88} {median:>9.4f} {best:>9.4f}")


if __name__ == "__main__":
    main()
