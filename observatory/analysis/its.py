"""Interrupted time series by segmented regression.

The model for outcome ``y`` at time ``t`` is

    g(E[y_t]) = b0 + b1*t + b2*D_t [+ b3*(t - t_last_pre)*D_t] [+ Fourier terms] [+ log(offset_t)]

where ``D_t`` is the post-intervention indicator, ``g`` is the identity link
(gaussian) or the log link (poisson, quasipoisson). ``b2`` is the level change
and ``b3`` the slope change per time unit; the slope term counts 1, 2, 3... time
units after the last pre-intervention time, as in Wagner et al. (2002) and
Lopez Bernal, Cummins & Gasparrini (2017).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.diagnostic import acorr_ljungbox
from statsmodels.tools.sm_exceptions import PerfectSeparationWarning

from observatory.analysis._frames import numeric_column, require_columns
from observatory.analysis.errors import InsufficientData, InvalidInput
from observatory.analysis.options import FAMILIES, MIN_PRE_POINTS, Family
from observatory.analysis.results import CounterfactualPoint, Estimate, ItsResult

LEVEL = "level_change"
SLOPE = "slope_change"


def its_fit(
    df: pd.DataFrame,
    *,
    outcome: str,
    time: str,
    intervention: str,
    offset_log: str | None = None,
    family: Family = "gaussian",
    harmonics: int = 0,
    period: float | None = None,
    slope_change: bool = False,
    hac_lags: int | None = None,
) -> ItsResult:
    """Fit a segmented regression and return the intervention effects.

    ``df`` has one row per time point. ``time`` is numeric (a year or a running
    month index); ``intervention`` is 1 from the first post-intervention time
    point onwards and 0 before, with a single switch. Rows with a missing
    outcome are dropped and counted in ``diagnostics['n_dropped']``.

    ``offset_log`` names a positive column (e.g. population) whose log enters
    as an offset, so effects are rate ratios; it needs a log-link family.
    ``harmonics`` adds that many sine/cosine pairs of period ``period`` (in
    units of ``time``). ``hac_lags`` switches to Newey-West (HAC, Bartlett
    kernel) standard errors with that many lags.

    Confidence intervals are 95%: Student t with residual degrees of freedom
    for gaussian, normal for the log-link families (as R's ``confint.default``
    and ``Epi::ci.exp``). The counterfactual is the fitted model with the
    intervention terms set to zero, i.e. the pre-intervention trend (and
    seasonality) continued.

    Raises ``InsufficientData`` with fewer than 8 points before the
    intervention, no point after it, or (with ``slope_change``) fewer than two
    points after it; ``InvalidInput`` for missing columns or inconsistent
    options.
    """
    if family not in FAMILIES:
        raise InvalidInput(f"family must be one of {', '.join(FAMILIES)}, not {family!r}")
    if offset_log is not None and family == "gaussian":
        raise InvalidInput("offset_log needs a log-link family (poisson or quasipoisson)")
    if harmonics < 0:
        raise InvalidInput("harmonics must be zero or positive")
    if harmonics > 0:
        if period is None or period <= 0:
            raise InvalidInput("harmonics need a positive period")
        if 2 * harmonics >= period:
            raise InvalidInput(f"at most {int((period - 1) // 2)} harmonic pairs fit a period of {period:g}")
    if hac_lags is not None and hac_lags < 0:
        raise InvalidInput("hac_lags must be zero or positive")

    frame = _prepare(df, outcome=outcome, time=time, intervention=intervention, offset_log=offset_log)
    n_dropped = len(df) - len(frame)
    post = frame["D"].to_numpy() == 1
    n_pre, n_post = int((~post).sum()), int(post.sum())
    if n_pre < MIN_PRE_POINTS:
        raise InsufficientData(
            f"interrupted time series needs at least {MIN_PRE_POINTS} points before the intervention; "
            f"got {n_pre}"
        )
    if n_post < 1:
        raise InsufficientData("no observation after the intervention")
    if slope_change and n_post < 2:
        raise InsufficientData("a slope change needs at least two points after the intervention")
    if family != "gaussian" and (frame["y"] < 0).any():
        raise InvalidInput(f"{family} needs a non-negative outcome; {outcome!r} has negative values")

    t = frame["t"].to_numpy()
    last_pre = t[~post].max()
    design = pd.DataFrame({"const": 1.0, "time": t, LEVEL: frame["D"].to_numpy(dtype=float)})
    if slope_change:
        design[SLOPE] = (t - last_pre) * design[LEVEL]
    for k in range(1, harmonics + 1):
        angle = 2.0 * np.pi * k * t / float(period)  # type: ignore[arg-type]
        design[f"sin{k}"] = np.sin(angle)
        design[f"cos{k}"] = np.cos(angle)
    n_params = design.shape[1]
    if len(frame) <= n_params:
        raise InsufficientData(f"{len(frame)} points cannot support a model with {n_params} parameters")

    y = frame["y"].to_numpy()
    offset = np.log(frame["offset"].to_numpy()) if offset_log is not None else None
    fit = _fit(y, design, family=family, offset=offset, hac_lags=hac_lags)

    log_link = family != "gaussian"
    dof = float(fit.df_resid)
    use_t = family == "gaussian"
    quantile = stats.t.ppf(0.975, dof) if use_t else stats.norm.ppf(0.975)

    def effect(name: str) -> Estimate:
        est, se = float(fit.params[name]), float(fit.bse[name])
        statistic = est / se if se > 0 else np.nan
        p_value = 2 * (stats.t.sf(abs(statistic), dof) if use_t else stats.norm.sf(abs(statistic)))
        return Estimate(
            estimate=est,
            std_error=se,
            ci_low=est - quantile * se,
            ci_high=est + quantile * se,
            p_value=float(p_value),
            log_link=log_link,
        )

    # The counterfactual keeps trend and seasonality but drops the intervention terms.
    cf_design = design.copy()
    cf_design[LEVEL] = 0.0
    if slope_change:
        cf_design[SLOPE] = 0.0
    x_cf = cf_design.to_numpy()
    params = fit.params.to_numpy()
    cov = np.asarray(fit.cov_params())
    eta_cf = x_cf @ params + (offset if offset is not None else 0.0)
    se_cf = np.sqrt(np.einsum("ij,jk,ik->i", x_cf, cov, x_cf))
    inverse = np.exp if log_link else (lambda v: v)
    eta_fit = design.to_numpy() @ params + (offset if offset is not None else 0.0)
    counterfactual = [
        CounterfactualPoint(
            time=float(t[i]),
            observed=float(y[i]),
            fitted=float(inverse(eta_fit[i])),
            counterfactual=float(inverse(eta_cf[i])),
            ci_low=float(inverse(eta_cf[i] - quantile * se_cf[i])),
            ci_high=float(inverse(eta_cf[i] + quantile * se_cf[i])),
        )
        for i in range(len(t))
    ]

    residuals = _residuals(fit, family=family)
    lb_lags = max(1, min(int(2 * period) if period else 10, len(y) // 5))
    ljung_box = acorr_ljungbox(residuals, lags=[lb_lags])
    pearson_dispersion = _pearson_dispersion(fit, family=family)
    diagnostics = {
        "n_pre": n_pre,
        "n_post": n_post,
        "n_dropped": n_dropped,
        "pearson_dispersion": pearson_dispersion,
        "ljung_box_lags": lb_lags,
        "ljung_box_statistic": float(ljung_box["lb_stat"].iloc[0]),
        "ljung_box_p": float(ljung_box["lb_pvalue"].iloc[0]),
        "pre_trend": float(fit.params["time"]),
        "harmonics": harmonics,
        "period": period,
        "hac_lags": hac_lags,
        "offset_log": offset_log,
        "ci_distribution": "t" if use_t else "normal",
    }
    if family == "gaussian":
        dispersion = float(fit.scale)
    elif family == "quasipoisson":
        dispersion = pearson_dispersion
    else:
        dispersion = 1.0

    return ItsResult(
        n=len(frame),
        family=family,
        dispersion=dispersion,
        level_change=effect(LEVEL),
        slope_change=effect(SLOPE) if slope_change else None,
        counterfactual=counterfactual,
        diagnostics=diagnostics,
    )


def _prepare(
    df: pd.DataFrame, *, outcome: str, time: str, intervention: str, offset_log: str | None
) -> pd.DataFrame:
    """Validate the columns and return a time-sorted frame with y, t, D (and offset)."""
    require_columns(df, [outcome, time, intervention, offset_log])
    frame = pd.DataFrame(
        {
            "y": numeric_column(df, outcome),
            "t": numeric_column(df, time),
            "D": numeric_column(df, intervention),
        }
    )
    if offset_log is not None:
        frame["offset"] = numeric_column(df, offset_log)
    if frame["t"].isna().any():
        raise InvalidInput(f"column {time!r} has missing values")
    if frame["D"].isna().any():
        raise InvalidInput(f"column {intervention!r} has missing values")
    if not frame["D"].isin([0.0, 1.0]).all():
        raise InvalidInput(f"column {intervention!r} must hold only 0 and 1")
    frame = frame.dropna(subset=["y"] + (["offset"] if offset_log is not None else []))
    if offset_log is not None and (frame["offset"] <= 0).any():
        raise InvalidInput(f"column {offset_log!r} must be positive to take its log")
    if frame["t"].duplicated().any():
        raise InvalidInput(f"column {time!r} has repeated values; give one row per time point")
    frame = frame.sort_values("t", kind="stable").reset_index(drop=True)
    switches = int((frame["D"].diff().fillna(0) != 0).sum())
    if switches > 1 or (switches == 1 and frame["D"].iloc[0] == 1):
        raise InvalidInput(f"column {intervention!r} must be 0 before and 1 after a single intervention")
    return frame


def _fit(
    y: np.ndarray,
    design: pd.DataFrame,
    *,
    family: str,
    offset: np.ndarray | None,
    hac_lags: int | None,
):
    """Fit OLS (gaussian) or a Poisson GLM; quasipoisson rescales by Pearson chi2/df like R."""
    robust = {"cov_type": "HAC", "cov_kwds": {"maxlags": hac_lags}} if hac_lags is not None else {}
    with warnings.catch_warnings():
        # A perfect fit or a short series triggers harmless warnings in statsmodels.
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", PerfectSeparationWarning)
        if family == "gaussian":
            return sm.OLS(y, design).fit(use_t=True, **robust)
        model = sm.GLM(y, design, family=sm.families.Poisson(), offset=offset)
        scale = "X2" if family == "quasipoisson" else None
        return model.fit(scale=scale, **robust)


def _pearson_dispersion(fit, *, family: str) -> float:
    """Pearson chi-square over residual degrees of freedom (variance / mean ratio check)."""
    if family == "gaussian":
        return float(np.sum(np.asarray(fit.resid) ** 2) / fit.df_resid)
    return float(fit.pearson_chi2 / fit.df_resid)


def _residuals(fit, *, family: str) -> np.ndarray:
    """Residuals for the Ljung-Box test: raw for gaussian, Pearson for Poisson GLMs."""
    if family == "gaussian":
        return np.asarray(fit.resid)
    return np.asarray(fit.resid_pearson)
