"""Difference-in-differences with staggered adoption (Callaway & Sant'Anna 2021).

Unconditional parallel trends, balanced panel. For each adoption cohort ``g``
(the first treated period) and period ``t``:

    ATT(g, t) = mean(Y_t - Y_b | G = g) - mean(Y_t - Y_b | controls)

with base period ``b`` the last period before ``g`` when ``t >= g`` and the
period just before ``t`` when ``t < g`` (the "varying" base period of the R
package ``did``). Controls are the never-treated units, or with
``control="notyet"`` the units not yet treated at ``t`` (never treated or first
treated after ``t``), excluding cohort ``g`` itself.

Standard errors are analytic, from the influence functions of the cell
estimates, and the aggregations follow ``did::aggte`` including the
influence of the estimated cohort shares. No bootstrap, so results are
deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy import stats

from observatory.analysis._frames import native, native_label, numeric_column, require_columns
from observatory.analysis.errors import InsufficientData, InvalidInput

Control = Literal["never", "notyet"]


@dataclass(frozen=True)
class _Cells:
    """ATT(g,t) estimates with their influence functions (n_units x n_cells)."""

    groups: np.ndarray
    times: np.ndarray
    att: np.ndarray
    influence: np.ndarray


def did_fit(
    df: pd.DataFrame,
    *,
    unit: str,
    time: str,
    outcome: str,
    first_treated: str,
    control: Control = "never",
) -> dict[str, Any]:
    """Estimate group-time ATTs and their aggregations for a staggered design.

    ``df`` is a long panel, one row per unit and period. ``first_treated``
    holds the first treated period of each unit, and 0 or a missing value for
    units never treated; it must not vary within a unit. Treatment is
    absorbing. Units treated in or before the first period carry no
    comparison and are dropped; units first treated after the last period
    count as never treated. Units without an outcome in every period are
    dropped (balanced panel); the counts are reported.

    Returns a JSON-able dict:

    - ``att_gt``: list of ``{group, time, att, se}``, one per estimable cell;
    - ``overall_group``: ``{att, se}``, the average of cohort effects (each
      cohort's mean post-treatment ATT) weighted by cohort size;
    - ``overall_dynamic``: ``{att, se}``, the average of event-time effects
      over event times 0, 1, 2...;
    - ``group``: ``[{group, att, se}]`` and ``dynamic``: ``[{event_time, att, se}]``;
    - ``pretrend_p``: p-value of the Wald test that all pre-treatment ATT(g,t)
      are zero (``None`` when there is no pre-treatment cell);
    - ``control``, ``n_units``, ``n_dropped_units``.

    Raises ``InvalidInput`` for missing columns or inconsistent treatment
    timing and ``InsufficientData`` when no cohort has a comparison group.
    """
    if control not in ("never", "notyet"):
        raise InvalidInput(f"control must be 'never' or 'notyet', not {control!r}")
    require_columns(df, [unit, time, outcome, first_treated])
    wide, cohort, periods, n_dropped = _balanced_panel(
        df, unit=unit, time=time, outcome=outcome, first_treated=first_treated
    )
    cells = _att_gt(wide, cohort, periods, control=control)
    n = wide.shape[0]
    se = _se(cells.influence)

    # Cohort shares P(G = g), computed over all units as in did::aggte.
    cohorts = np.unique(cells.groups)
    share = {g: float(np.mean(cohort == g)) for g in cohorts}
    cell_share = np.array([share[g] for g in cells.groups])

    group_att, group_inf = [], []
    for g in cohorts:
        which = np.flatnonzero((cells.groups == g) & (cells.times >= g))
        weights = np.full(len(which), 1.0 / len(which)) if len(which) else np.array([])
        group_att.append(float(cells.att[which] @ weights) if len(which) else np.nan)
        group_inf.append(cells.influence[:, which] @ weights if len(which) else np.full(n, np.nan))
    group_att_arr = np.array(group_att)
    group_inf_arr = np.column_stack(group_inf) if group_inf else np.empty((n, 0))
    keep = np.isfinite(group_att_arr)
    kept_groups = cohorts[keep]
    pg = np.array([share[g] for g in kept_groups])
    overall_group = _weighted(
        att=group_att_arr[keep],
        influence=group_inf_arr[:, keep],
        weights=pg / pg.sum() if len(pg) else pg,
        weight_influence=_share_influence(cohort, kept_groups, pg),
    )

    event = cells.times - cells.groups
    event_times = np.unique(event)
    dyn_att, dyn_inf = [], []
    for e in event_times:
        which = np.flatnonzero(event == e)
        weights = cell_share[which] / cell_share[which].sum()
        agg = _weighted(
            att=cells.att[which],
            influence=cells.influence[:, which],
            weights=weights,
            weight_influence=_share_influence(cohort, cells.groups[which], cell_share[which]),
        )
        dyn_att.append(agg[0])
        dyn_inf.append(agg[1])
    dyn_att_arr = np.array(dyn_att)
    dyn_inf_arr = np.column_stack(dyn_inf)
    post_events = event_times >= 0
    k = int(post_events.sum())
    overall_dynamic = _weighted(
        att=dyn_att_arr[post_events],
        influence=dyn_inf_arr[:, post_events],
        weights=np.full(k, 1.0 / k),
        weight_influence=None,
    )

    return {
        "att_gt": [
            {
                "group": native_label(g),
                "time": native_label(t),
                "att": native(a),
                "se": native(s),
            }
            for g, t, a, s in zip(cells.groups, cells.times, cells.att, se)
        ],
        "overall_group": {"att": native(overall_group[0]), "se": native(_se(overall_group[1])[0])},
        "overall_dynamic": {"att": native(overall_dynamic[0]), "se": native(_se(overall_dynamic[1])[0])},
        "group": [
            {"group": native_label(g), "att": native(a), "se": native(s)}
            for g, a, s in zip(cohorts, group_att_arr, _se(group_inf_arr))
        ],
        "dynamic": [
            {"event_time": native_label(e), "att": native(a), "se": native(s)}
            for e, a, s in zip(event_times, dyn_att_arr, _se(dyn_inf_arr))
        ],
        "pretrend_p": native(_pretrend_p(cells)),
        "control": control,
        "n_units": int(n),
        "n_dropped_units": int(n_dropped),
    }


def _balanced_panel(
    df: pd.DataFrame, *, unit: str, time: str, outcome: str, first_treated: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Return outcomes as units x periods, each unit's cohort (0 = never), periods, units dropped."""
    frame = pd.DataFrame(
        {
            "unit": df[unit].to_numpy(),
            "t": numeric_column(df, time).to_numpy(),
            "y": numeric_column(df, outcome).to_numpy(),
            "g": numeric_column(df, first_treated).fillna(0.0).to_numpy(),
        }
    )
    if frame["t"].isna().any():
        raise InvalidInput(f"column {time!r} has missing values")
    if frame.duplicated(subset=["unit", "t"]).any():
        raise InvalidInput(f"more than one row for a ({unit}, {time}) pair")
    if (frame.groupby("unit")["g"].nunique() > 1).any():
        raise InvalidInput(f"column {first_treated!r} must be constant within each {unit}")
    if (frame["g"] < 0).any():
        raise InvalidInput(f"column {first_treated!r} must be 0 (never treated) or a period")

    periods = np.sort(frame["t"].unique())
    if len(periods) < 2:
        raise InsufficientData("difference-in-differences needs at least two periods")
    wide = frame.pivot(index="unit", columns="t", values="y").reindex(columns=periods)
    cohort = frame.groupby("unit")["g"].first().reindex(wide.index)
    complete = wide.notna().all(axis=1)
    # A unit treated in the first period has no untreated base period to compare with.
    treated_from_start = (cohort > 0) & (cohort <= periods[0])
    keep = complete & ~treated_from_start
    n_dropped = int((~keep).sum())
    wide, cohort = wide[keep], cohort[keep].to_numpy(dtype=float)
    # Adoption after the sample ends is indistinguishable from never adopting here.
    cohort = np.where(cohort > periods[-1], 0.0, cohort)
    if wide.shape[0] == 0:
        raise InsufficientData("no unit is observed in every period")
    return wide.to_numpy(dtype=float), cohort, periods, n_dropped


def _att_gt(wide: np.ndarray, cohort: np.ndarray, periods: np.ndarray, *, control: str) -> _Cells:
    """Compute every estimable ATT(g,t) with its influence function."""
    n = wide.shape[0]
    cohorts = np.unique(cohort[cohort > 0])
    if len(cohorts) == 0:
        raise InsufficientData("no unit is treated during the observed periods")
    if control == "never" and not np.any(cohort == 0):
        raise InsufficientData("no never-treated unit to compare with; try control='notyet'")
    groups, times, atts, influences = [], [], [], []
    for g in cohorts:
        for j in range(1, len(periods)):
            t = periods[j]
            if t >= g:
                base = int(np.flatnonzero(periods < g)[-1])
            else:
                base = j - 1
            treated = cohort == g
            if control == "never":
                controls = cohort == 0
            else:
                controls = ((cohort == 0) | (cohort > t)) & ~treated
            n_treated, n_controls = int(treated.sum()), int(controls.sum())
            if n_treated == 0 or n_controls == 0:
                continue
            change = wide[:, j] - wide[:, base]
            mean_treated = change[treated].mean()
            mean_control = change[controls].mean()
            n_sub = n_treated + n_controls
            p_treated = n_treated / n_sub
            # Influence function of the 2x2 DiD on its subsample, rescaled to the full sample.
            psi = np.zeros(n)
            psi[treated] = (change[treated] - mean_treated) / p_treated
            psi[controls] = -(change[controls] - mean_control) / (1.0 - p_treated)
            groups.append(g)
            times.append(t)
            atts.append(mean_treated - mean_control)
            influences.append(psi * (n / n_sub))
    if not atts:
        raise InsufficientData("no cohort has a comparison group in any period")
    return _Cells(
        groups=np.array(groups),
        times=np.array(times),
        att=np.array(atts),
        influence=np.column_stack(influences),
    )


def _se(influence: np.ndarray) -> np.ndarray:
    """Analytic standard errors: sqrt(sum of squared influence) / n, column by column."""
    if influence.ndim == 1:
        influence = influence[:, None]
    return np.sqrt(np.sum(influence**2, axis=0)) / influence.shape[0]


def _share_influence(cohort: np.ndarray, groups: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """Influence of estimating the weights P(G=g)/sum P(G=g) (``did``'s ``wif``)."""
    total = shares.sum()
    indicator = (cohort[:, None] == groups[None, :]).astype(float) - shares[None, :]
    numerator = indicator / total
    denominator = indicator.sum(axis=1, keepdims=True) * (shares / total**2)[None, :]
    return numerator - denominator


def _weighted(
    *,
    att: np.ndarray,
    influence: np.ndarray,
    weights: np.ndarray,
    weight_influence: np.ndarray | None,
) -> tuple[float, np.ndarray]:
    """Weighted average of effects and its influence function."""
    if len(att) == 0:
        return np.nan, np.full(influence.shape[0], np.nan)
    combined = influence @ weights
    if weight_influence is not None:
        combined = combined + weight_influence @ att
    return float(att @ weights), combined


def _pretrend_p(cells: _Cells) -> float | None:
    """Wald test that the pre-treatment ATT(g,t) (t < g) are jointly zero."""
    pre = cells.times < cells.groups
    if not pre.any():
        return None
    n = cells.influence.shape[0]
    a = cells.att[pre]
    psi = cells.influence[:, pre]
    covariance = psi.T @ psi / n
    if np.linalg.matrix_rank(covariance) < len(a):
        return None
    statistic = float(n * a @ np.linalg.solve(covariance, a))
    return float(stats.chi2.sf(statistic, df=len(a)))
