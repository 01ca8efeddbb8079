"""Synthetic control (Abadie, Diamond & Hainmueller 2010).

The synthetic unit is a convex combination of donor units (non-negative
weights summing to one). Without predictors the weights minimise the mean
squared difference between the treated unit's and the synthetic unit's
outcomes over all pre-treatment periods, a convex problem with a unique
optimum when donors are not collinear; it is solved exactly with scipy's
non-negative least squares. With predictors the weights match pre-treatment
means of those predictors (and of the outcome), with predictor importances
chosen by the nested optimisation of ADH (``synth_optim``) to minimise the
pre-treatment outcome error. A study with its own predictor windows, fitting
window, donors and training fit for V is run from a specification
(``synth_spec``, ``synth_study``).

Inference is by placebos in space: the same fit is repeated with each donor
in turn as the "treated" unit (the real treated unit leaves the donor pool),
and the treated unit's ratio of post- to pre-treatment root mean squared
prediction error (RMSPE) is ranked among all units.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from observatory.analysis._frames import native, native_label, numeric_column, require_columns
from observatory.analysis.errors import InsufficientData, InvalidInput
from observatory.analysis.synth_optim import WEIGHT_FLOOR, simplex_weights


def synth_fit(
    df: pd.DataFrame,
    *,
    unit: str,
    time: str,
    outcome: str,
    treated: Any,
    treatment_time: float,
    predictors: Sequence[str] | None = None,
    placebo: bool = True,
) -> dict[str, Any]:
    """Fit a synthetic control for one treated unit and run placebo inference.

    ``df`` is a long panel, one row per unit and period. ``treated`` is the
    treated unit's label in column ``unit``; periods with ``time`` below
    ``treatment_time`` are pre-treatment. Donors are all other units with an
    outcome in every period (others are dropped and counted).

    ``predictors`` are columns averaged over the pre-treatment periods; the
    outcome's pre-treatment mean is always added. Without predictors the
    weights fit the pre-treatment outcome path directly (fast and
    deterministic; the predictor route runs a nested optimisation per fit and
    is much slower with placebos).

    Returns a JSON-able dict: ``weights`` ``{unit: weight}`` over donors,
    ``effect`` ``{time: gap}`` (treated minus synthetic, every period),
    ``placebo_rank`` (1 = the largest post/pre RMSPE ratio) and ``placebo_p``
    (rank / number of units), plus ``att_post`` (mean post-treatment gap),
    ``rmspe_pre``, ``rmspe_post``, ``rmspe_ratio``, ``placebos``
    ``[{unit, rmspe_ratio}]``, ``n_donors`` and ``n_dropped_units``. With
    ``placebo=False`` the placebo fields are ``None``.

    Raises ``InvalidInput`` for missing columns or an unknown treated unit and
    ``InsufficientData`` with fewer than two pre-treatment periods, no
    post-treatment period or fewer than two donors.
    """
    predictors = list(predictors) if predictors else []
    require_columns(df, [unit, time, outcome, *predictors])
    if predictors:
        return _with_predictors(df, unit=unit, time=time, outcome=outcome, treated=treated,
                                treatment_time=treatment_time, predictors=predictors, placebo=placebo)
    panel, n_dropped = outcome_panel(df, unit=unit, time=time, outcome=outcome, treated=treated)
    periods = panel.index.to_numpy()
    pre = periods < treatment_time
    if pre.sum() < 2:
        raise InsufficientData("synthetic control needs at least two pre-treatment periods")
    if (~pre).sum() < 1:
        raise InsufficientData("no period at or after the treatment time")
    donors = [u for u in panel.columns if u != treated]
    if len(donors) < 2:
        raise InsufficientData("synthetic control needs at least two donor units")

    def fit(target: Any, pool: list[Any]) -> np.ndarray:
        # Fitting the whole pre-treatment outcome path is convex: one exact solve, no V to choose.
        return simplex_weights(panel[target].to_numpy()[pre], panel[pool].to_numpy()[pre])

    weights = fit(treated, donors)
    gap = panel[treated].to_numpy() - panel[donors].to_numpy() @ weights
    ratio = rmspe_ratio(gap, pre)[0]

    placebos: list[dict[str, Any]] | None = None
    rank: int | None = None
    p_value: float | None = None
    if placebo:
        placebos = []
        for donor in donors:
            pool = [u for u in donors if u != donor]
            w = fit(donor, pool)
            placebo_gap = panel[donor].to_numpy() - panel[pool].to_numpy() @ w
            placebos.append({"unit": native_label(donor), "rmspe_ratio": rmspe_ratio(placebo_gap, pre)[0]})
        ratios = np.array([ratio] + [p["rmspe_ratio"] for p in placebos])
        # Ties count against the treated unit, so the p-value is never optimistic.
        rank = int(np.sum(ratios >= ratio))
        p_value = rank / len(ratios)
        for item in placebos:
            item["rmspe_ratio"] = native(item["rmspe_ratio"])

    return {
        **result_core(donors=donors, weights=weights, periods=periods, gap=gap, pre=pre, rank=rank,
                      p_value=p_value, placebos=placebos, treated=treated, treatment_time=treatment_time),
        "predictors": None,
        "n_donors": len(donors),
        "n_dropped_units": n_dropped,
    }


def result_core(*, donors, weights, periods, gap, pre, rank, p_value, placebos, treated, treatment_time) -> dict:
    """The keys every synthetic control result has: weights, effect path, RMSPEs and placebo inference."""
    ratio, rmspe_pre, rmspe_post = rmspe_ratio(gap, pre)
    reported = np.where(weights < WEIGHT_FLOOR, 0.0, weights)
    return {
        "weights": {native_label(u): native(float(w)) for u, w in zip(donors, reported)},
        "effect": {native_label(t): native(float(g)) for t, g in zip(periods, gap)},
        "placebo_rank": rank,
        "placebo_p": native(p_value) if p_value is not None else None,
        "att_post": native(float(np.mean(gap[~pre]))),
        "rmspe_pre": native(rmspe_pre),
        "rmspe_post": native(rmspe_post),
        "rmspe_ratio": native(ratio),
        "placebos": placebos,
        "treated": native_label(treated),
        "treatment_time": native_label(treatment_time),
    }


def _with_predictors(df: pd.DataFrame, *, unit: str, time: str, outcome: str, treated: Any,
                     treatment_time: float, predictors: list[str], placebo: bool) -> dict[str, Any]:
    """ADH's default study: each predictor and the outcome averaged over, and fitted on, every pre-treatment period."""
    from observatory.analysis.synth_spec import FitPlan, Predictor, SynthSpec
    from observatory.analysis.synth_study import synth_study

    times = numeric_column(df, time).dropna()
    pre_years = sorted({float(t) for t in times if t < treatment_time})
    if any(t != int(t) for t in pre_years):
        raise InvalidInput(f"with predictors, column {time!r} must hold whole numbers (years)")
    years = tuple(int(t) for t in pre_years)
    if len(years) < 2:
        raise InsufficientData("synthetic control needs at least two pre-treatment periods")
    columns = predictors + ([outcome] if outcome not in predictors else [])
    spec = SynthSpec(
        unit=unit, time=time, outcome=outcome, treated=treated, treatment_time=treatment_time,
        main=FitPlan(predictors=tuple(Predictor(column=c, years=years) for c in columns), fit_years=years),
    )
    return synth_study(df, spec, placebo=placebo)


def outcome_panel(
    df: pd.DataFrame, *, unit: str, time: str, outcome: str, treated: Any
) -> tuple[pd.DataFrame, int]:
    """Outcomes as periods x units, keeping units observed in every period."""
    frame = pd.DataFrame(
        {
            "unit": df[unit].to_numpy(),
            "t": numeric_column(df, time).to_numpy(),
            "y": numeric_column(df, outcome).to_numpy(),
        }
    )
    if frame["t"].isna().any():
        raise InvalidInput(f"column {time!r} has missing values")
    if frame.duplicated(subset=["unit", "t"]).any():
        raise InvalidInput(f"more than one row for a ({unit}, {time}) pair")
    if treated not in set(frame["unit"]):
        raise InvalidInput(f"treated unit {treated!r} not found in column {unit!r}")
    panel = frame.pivot(index="t", columns="unit", values="y").sort_index()
    if panel[treated].isna().any():
        raise InsufficientData(f"treated unit {treated!r} lacks an outcome in some period")
    complete = panel.columns[panel.notna().all(axis=0)]
    return panel[complete], int(panel.shape[1] - len(complete))


def rmspe_ratio(gap: np.ndarray, pre: np.ndarray) -> tuple[float, float, float]:
    """Post/pre RMSPE ratio, with the two RMSPEs."""
    rmspe_pre = float(np.sqrt(np.mean(gap[pre] ** 2)))
    rmspe_post = float(np.sqrt(np.mean(gap[~pre] ** 2)))
    ratio = rmspe_post / rmspe_pre if rmspe_pre > 0 else np.inf
    return ratio, rmspe_pre, rmspe_post
