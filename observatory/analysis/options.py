"""What the estimators accept, importable without loading them.

Forms, rules and argument parsers name these before any fit is run; the
estimators themselves import statsmodels and scipy, which take seconds.
"""

from __future__ import annotations

from typing import Literal

Family = Literal["gaussian", "poisson", "quasipoisson"]
FAMILIES: tuple[str, ...] = ("gaussian", "poisson", "quasipoisson")
# The interrupted time series needs at least this many points before the intervention.
MIN_PRE_POINTS = 8
