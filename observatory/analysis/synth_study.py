"""A synthetic control study run from its specification (``synth_spec``), with placebos in space.

``synth_study`` returns the keys of ``synth_fit`` (``weights``, ``effect``,
``placebo_rank``, ``placebo_p``, the RMSPEs, ``placebos``) and adds ``v`` (the
predictor weights by predictor label), ``v_source`` (nested, train or custom),
``predictor_balance`` (treated, synthetic and donor-mean value of each
predictor), ``predictors`` (labels with their windows), ``fit_window``,
``loss_v`` (mean squared outcome gap over the fitting window),
``dropped_units`` with the reason for each, and ``notes``.

Every placebo repeats the whole procedure, the training fit included, with
the donor as the treated unit and the real treated unit left out of the pool.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from observatory.analysis._frames import native, native_label, numeric_column, require_columns
from observatory.analysis.errors import InsufficientData, InvalidInput
from observatory.analysis.synth_optim import fit_weights
from observatory.analysis.synth_spec import FitPlan, SynthSpec, years_text


def synth_study(df: pd.DataFrame, spec: SynthSpec, *, placebo: bool = True) -> dict[str, Any]:
    """Fit ``spec`` on the long panel ``df``; see the module docstring for the result."""
    from observatory.analysis.synth import outcome_panel, result_core, rmspe_ratio

    plans = [spec.main] + ([spec.train] if spec.train else [])
    columns = {p.column for plan in plans for p in plan.predictors}
    require_columns(df, [spec.unit, spec.time, spec.outcome, *sorted(columns)])
    panel, _ = outcome_panel(df, unit=spec.unit, time=spec.time, outcome=spec.outcome, treated=spec.treated)
    periods = panel.index.to_numpy()
    pre = periods < spec.treatment_time
    if pre.sum() < 2:
        raise InsufficientData("synthetic control needs at least two pre-treatment periods")
    if (~pre).sum() < 1:
        raise InsufficientData("no period at or after the treatment time")

    units = _units(df, spec)
    matrices = {id(plan): _predictor_matrix(df, spec, plan) for plan in plans}
    dropped: list[dict[str, Any]] = []
    donors = []
    for donor in units:
        reason = _unusable(donor, panel, plans, matrices)
        if reason:
            dropped.append({"unit": native_label(donor), "reason": reason})
        else:
            donors.append(donor)
    missing = [p.label for plan in plans for p in plan.predictors
               if not np.isfinite(matrices[id(plan)].loc[p.label, spec.treated])]
    if missing:
        raise InsufficientData(f"the treated unit {spec.treated!r} has no value for {missing[0]}")
    for plan in plans:
        absent = [y for y in plan.fit_years if y not in set(periods)]
        if absent:
            raise InsufficientData(f"the fitting window {years_text(plan.fit_years)} includes {absent[0]}, "
                                   "which has no outcomes in the data")
    if len(donors) < 2:
        raise InsufficientData("synthetic control needs at least two donor units with complete data")
    # One order whatever the file's: where the loss is flat in V, the search's end point depends on it.
    donors.sort(key=str)

    def fit(target: Any, pool: list[Any]):
        v = spec.custom_v
        if spec.train is not None:
            v = _fit_plan(spec.train, matrices[id(spec.train)], panel, target, pool).v
        return _fit_plan(spec.main, matrices[id(spec.main)], panel, target, pool, v=v)

    result = fit(spec.treated, donors)
    gap = panel[spec.treated].to_numpy() - panel[donors].to_numpy() @ result.w
    ratio = rmspe_ratio(gap, pre)[0]

    placebos = rank = p_value = None
    if placebo:
        placebos = []
        for donor in donors:
            pool = [u for u in donors if u != donor]
            w = fit(donor, pool).w
            placebo_gap = panel[donor].to_numpy() - panel[pool].to_numpy() @ w
            placebos.append({"unit": native_label(donor), "rmspe_ratio": native(rmspe_ratio(placebo_gap, pre)[0])})
        ratios = np.array([ratio] + [p["rmspe_ratio"] for p in placebos], dtype=float)
        # Ties count against the treated unit, so the p-value is never optimistic.
        rank = int(np.sum(ratios >= ratio))
        p_value = rank / len(ratios)

    x = matrices[id(spec.main)]
    labels = [p.label for p in spec.main.predictors]
    balance = [
        {
            **predictor.to_dict(),
            "treated": native(float(x.loc[predictor.label, spec.treated])),
            "synthetic": native(float(x.loc[predictor.label, donors].to_numpy() @ result.w)),
            "donor_mean": native(float(x.loc[predictor.label, donors].mean())),
            "v": native(float(v)),
        }
        for predictor, v in zip(spec.main.predictors, result.v)
    ]
    return {
        **result_core(donors=donors, weights=result.w, periods=periods, gap=gap, pre=pre, rank=rank,
                      p_value=p_value, placebos=placebos, treated=spec.treated, treatment_time=spec.treatment_time),
        "predictors": labels,
        "v": {label: native(float(v)) for label, v in zip(labels, result.v)},
        "v_source": spec.v_source,
        "predictor_balance": balance,
        "fit_window": list(spec.main.fit_years),
        "train": _plan_dict(spec.train) if spec.train else None,
        "loss_v": native(result.loss_v),
        "n_donors": len(donors),
        "n_dropped_units": len(dropped),
        "dropped_units": dropped,
        "notes": _notes(spec),
    }


def _units(df: pd.DataFrame, spec: SynthSpec) -> list[Any]:
    """The donor pool before data checks: the listed donors, or every other unit, less the excluded."""
    present = list(pd.unique(df[spec.unit]))
    known = set(present)
    for field, labels in (("donors", spec.donors or ()), ("exclude", spec.exclude)):
        unknown = [label for label in labels if label not in known]
        if unknown:
            raise InvalidInput(f"{field}: {unknown[0]!r} is not a unit in column {spec.unit!r}")
    if spec.donors is not None and spec.treated in spec.donors:
        raise InvalidInput(f"donors: the treated unit {spec.treated!r} cannot be its own donor")
    pool = list(spec.donors) if spec.donors is not None else [u for u in present if u != spec.treated]
    excluded = set(spec.exclude)
    return [u for u in pool if u not in excluded]


def _predictor_matrix(df: pd.DataFrame, spec: SynthSpec, plan: FitPlan) -> pd.DataFrame:
    """Predictor values, one row per predictor label, one column per unit (NaN where no value)."""
    # Rows in time order, so each mean is summed in one order whatever the file's row order.
    df = df.iloc[np.argsort(numeric_column(df, spec.time).to_numpy(), kind="stable")]
    times = numeric_column(df, spec.time)
    rows = {}
    for predictor in plan.predictors:
        values = numeric_column(df, predictor.column)
        mask = times.isin(predictor.years) & values.notna()
        grouped = values[mask].groupby(df.loc[mask, spec.unit])
        rows[predictor.label] = grouped.median() if predictor.op == "median" else grouped.mean()
    return pd.DataFrame(rows).T


def _unusable(donor: Any, panel: pd.DataFrame, plans: list[FitPlan], matrices: dict) -> str | None:
    if donor not in panel.columns:
        return "outcome missing in some period"
    for plan in plans:
        x = matrices[id(plan)]
        for predictor in plan.predictors:
            value = x.loc[predictor.label].get(donor, np.nan)
            if not np.isfinite(value):
                return f"no value for {predictor.label}"
    return None


def _fit_plan(plan: FitPlan, x: pd.DataFrame, panel: pd.DataFrame, target: Any, pool: list[Any], *, v=None):
    fit_rows = panel.loc[list(plan.fit_years)]
    return fit_weights(
        x[target].to_numpy(dtype=float),
        x[pool].to_numpy(dtype=float),
        fit_rows[target].to_numpy(dtype=float),
        fit_rows[pool].to_numpy(dtype=float),
        v=None if v is None else np.asarray(v, dtype=float),
    )


def _plan_dict(plan: FitPlan) -> dict[str, Any]:
    return {"fit_window": list(plan.fit_years), "predictors": [p.label for p in plan.predictors]}


def _notes(spec: SynthSpec) -> list[str]:
    notes = []
    for plan in [spec.main] + ([spec.train] if spec.train else []):
        years = set(plan.fit_years).union(*(p.years for p in plan.predictors))
        if spec.treatment_time in years:
            notes.append(f"A window includes the treatment year {spec.treatment_time:g}; "
                         "its data are treated as pre-treatment.")
            break
    return notes
