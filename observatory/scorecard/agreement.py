"""Agreement between expert raters: Krippendorff's alpha (pure; uses the ``krippendorff`` package).

Reliability data are raters x units with missing cells (not every expert rates every
unit). A unit is one question for one country in one survey year. Alpha is undefined
when fewer than two units have two or more ratings, or when every rating has the same
value (no variation to agree on); ``alpha`` then returns ``None``.

Checked against the worked example of Krippendorff, K. (2011), "Computing Krippendorff's
Alpha-Reliability", Annenberg School for Communication, University of Pennsylvania
(https://repository.upenn.edu/asc_papers/43): 4 observers x 12 units, nominal alpha = 0.743.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

import krippendorff
import numpy as np

LEVELS = ("nominal", "ordinal", "interval", "ratio")


def reliability_matrix(ratings: Iterable[tuple[Hashable, Hashable, float]]) -> np.ndarray:
    """``(unit, rater, value)`` triples as a raters x units array with NaN where a rater gave no value."""
    ratings = list(ratings)
    units = sorted({u for u, _, _ in ratings}, key=str)
    raters = sorted({r for _, r, _ in ratings}, key=str)
    matrix = np.full((len(raters), len(units)), np.nan)
    for unit, rater, value in ratings:
        matrix[raters.index(rater), units.index(unit)] = float(value)
    return matrix


def alpha(matrix, *, level: str = "ordinal") -> float | None:
    """Krippendorff's alpha of a raters x units matrix (NaN = no rating), or ``None`` where undefined."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}")
    data = np.asarray(matrix, dtype=float)
    if data.ndim != 2:
        return None
    pairable = (~np.isnan(data)).sum(axis=0) >= 2
    values = data[:, pairable]
    values = values[~np.isnan(values)]
    if pairable.sum() < 1 or np.unique(values).size < 2:
        return None
    with np.errstate(invalid="ignore", divide="ignore"):
        result = float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))
    return None if np.isnan(result) else result
