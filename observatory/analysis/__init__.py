"""Pure impact-analysis engine: interrupted time series, staggered DiD, synthetic control.

No Django and no database: functions take pandas DataFrames and return plain
data, so pages, the API and the command line share one implementation.

The estimators are loaded on first use (PEP 562): they import statsmodels,
and scipy, which take seconds, and a page, API or
command that only needs ``observatory.analysis.errors`` must not pay for them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from observatory.analysis.errors import AnalysisError, InsufficientData, InvalidInput

if TYPE_CHECKING:
    from observatory.analysis.did import did_fit
    from observatory.analysis.its import its_fit
    from observatory.analysis.results import Estimate, ItsResult
    from observatory.analysis.synth import synth_fit

_LAZY = {
    "did_fit": "observatory.analysis.did",
    "its_fit": "observatory.analysis.its",
    "Estimate": "observatory.analysis.results",
    "ItsResult": "observatory.analysis.results",
    "synth_fit": "observatory.analysis.synth",
}

__all__ = [
    "AnalysisError",
    "Estimate",
    "InsufficientData",
    "InvalidInput",
    "ItsResult",
    "did_fit",
    "its_fit",
    "synth_fit",
]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
