"""Result containers returned by the estimators.

Each container holds plain Python numbers and turns into the JSON shape the
pages, API and command line share through ``to_dict()``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from observatory.analysis._frames import native


@dataclass(frozen=True)
class Estimate:
    """One intervention effect on the model scale, with its 95% interval.

    ``estimate``, ``ci_low`` and ``ci_high`` are on the scale of the linear
    predictor: the outcome's own units for the gaussian family, the log of the
    rate ratio for log-link families. ``log_link`` marks the latter; then
    ``to_dict()`` also reports the exponentiated ratio and its bounds.
    """

    estimate: float
    std_error: float
    ci_low: float
    ci_high: float
    p_value: float
    log_link: bool

    def to_dict(self) -> dict[str, Any]:
        """Return ``estimate``, ``ci_low``, ``ci_high``, ``p_value`` (and ratios for log links)."""
        out: dict[str, Any] = {
            "estimate": native(self.estimate),
            "std_error": native(self.std_error),
            "ci_low": native(self.ci_low),
            "ci_high": native(self.ci_high),
            "p_value": native(self.p_value),
        }
        if self.log_link:
            out["ratio"] = native(math.exp(self.estimate))
            out["ratio_ci_low"] = native(math.exp(self.ci_low))
            out["ratio_ci_high"] = native(math.exp(self.ci_high))
        return out


@dataclass(frozen=True)
class CounterfactualPoint:
    """Observed, fitted and counterfactual outcome at one time point (response scale)."""

    time: float
    observed: float
    fitted: float
    counterfactual: float
    ci_low: float
    ci_high: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "time": native(self.time),
            "observed": native(self.observed),
            "fitted": native(self.fitted),
            "counterfactual": native(self.counterfactual),
            "ci_low": native(self.ci_low),
            "ci_high": native(self.ci_high),
        }


@dataclass(frozen=True)
class ItsResult:
    """Result of an interrupted time series fit (see ``its_fit``).

    ``dispersion`` is the scale the standard errors use: 1 for poisson, the
    Pearson chi-square over residual degrees of freedom for quasipoisson, and
    the residual variance for gaussian. ``slope_change`` is ``None`` unless
    the fit was asked for one.
    """

    n: int
    family: str
    dispersion: float
    level_change: Estimate
    slope_change: Estimate | None
    counterfactual: list[CounterfactualPoint]
    diagnostics: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able shape shared by pages, API and command line."""
        return {
            "n": int(self.n),
            "family": self.family,
            "dispersion": native(self.dispersion),
            "diagnostics": {key: native(value) for key, value in self.diagnostics.items()},
            "counterfactual": [point.to_dict() for point in self.counterfactual],
            "level_change": self.level_change.to_dict(),
            "slope_change": self.slope_change.to_dict() if self.slope_change is not None else None,
        }
