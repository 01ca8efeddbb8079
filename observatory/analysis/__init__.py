"""Pure impact-analysis engine: interrupted time series, staggered DiD, synthetic control.

No Django and no database: functions take pandas DataFrames and return plain
data, so pages, the API and the command line share one implementation.
"""

from observatory.analysis.did import did_fit
from observatory.analysis.errors import AnalysisError, InsufficientData, InvalidInput
from observatory.analysis.its import its_fit
from observatory.analysis.results import Estimate, ItsResult
from observatory.analysis.synth import synth_fit

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
