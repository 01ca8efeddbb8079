"""Multiple systems estimation: how many cases no list recorded. Pure: a table in, numbers out.

Input: capture histories, one 0/1 column per list and a count column (one row per combination of
lists seen; combinations not listed count 0). The model is a log-linear Poisson regression on the
2^k − 1 observable cells, with main effects and chosen two-list interactions; the intercept is the
log of the expected count in the unobservable cell (cases on no list), the "dark figure".

- ``independence``: main effects only, for comparison.
- ``stepwise`` (Silverman's UK estimate): from the main effects, add the two-list interaction that
  most lowers AIC, while that term is significant at 0.05; stop otherwise.
- The 95 % interval for the total is the profile-likelihood interval (Cormack 1992): the values of
  the dark figure whose full-table likelihood is within χ²₁(0.95)/2 of its maximum.
- An interaction is offered only if the model's maximum-likelihood estimate still exists with it
  (Fienberg–Rinaldo, checked by a linear programme); two lists that share no case are the common case.
  A list with no case, fewer than 2 lists, or data for which even independence has no estimate, is refused.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from observatory.analysis.errors import InvalidInput

CHI2_95 = 3.841458820694124  # χ²₁ quantile at 0.95
SIGNIFICANCE = 0.05


@dataclass
class MSEResult:
    observed: int
    estimate: float
    ci_low: float
    ci_high: float
    dark_figure: float
    model: list[str] = field(default_factory=list)
    method: str = "stepwise"
    lists: list[str] = field(default_factory=list)
    aic: float = 0.0

    def to_dict(self) -> dict:
        return {"observed": self.observed, "estimate": self.estimate, "ci_low": self.ci_low,
                "ci_high": self.ci_high, "dark_figure": self.dark_figure, "model": list(self.model),
                "method": self.method, "lists": list(self.lists), "aic": self.aic}


def capture_table(frame: pd.DataFrame, *, count: str) -> tuple[list[str], pd.DataFrame]:
    """Every observable combination of the lists with its count (0 where none was seen)."""
    if count not in frame.columns:
        raise InvalidInput(f"the count column {count!r} is not in the file")
    lists = [c for c in frame.columns if c != count]
    if len(lists) < 2:
        raise InvalidInput("multiple systems estimation needs at least two lists")
    for column in lists:
        values = set(pd.to_numeric(frame[column], errors="coerce").dropna().astype(int))
        if not values <= {0, 1} or frame[column].isna().any():
            raise InvalidInput(f"list column {column!r} must hold only 0 and 1")
    counts = pd.to_numeric(frame[count], errors="coerce")
    if counts.isna().any() or (counts < 0).any() or (counts != counts.round()).any():
        raise InvalidInput(f"the count column {count!r} must hold whole numbers of 0 or more")
    seen: dict[tuple, int] = {}
    for key, n in zip(frame[lists].astype(int).itertuples(index=False, name=None), counts.astype(int)):
        if not any(key):
            raise InvalidInput("a row with 0 in every list is the unknown dark figure; leave it out")
        seen[key] = seen.get(key, 0) + int(n)
    cells = [c for c in itertools.product((0, 1), repeat=len(lists)) if any(c)]
    table = pd.DataFrame(cells, columns=lists)
    table["count"] = [seen.get(c, 0) for c in cells]
    for column in lists:
        if not table.loc[table[column] == 1, "count"].sum():
            raise InvalidInput(f"list {column!r} has no case; leave it out")
    return lists, table


def _design(table: pd.DataFrame, lists: list[str], pairs: list[tuple[str, str]]) -> np.ndarray:
    columns = [np.ones(len(table))] + [table[c].to_numpy(float) for c in lists]
    columns += [(table[a] * table[b]).to_numpy(float) for a, b in pairs]
    return np.column_stack(columns)


def _glm(counts, design):
    """A Poisson fit. A saturated model (two lists under independence) fits exactly; that is not an error."""
    import warnings

    import statsmodels.api as sm

    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        warnings.simplefilter("ignore")
        return sm.GLM(counts, design, family=sm.families.Poisson()).fit()


def _fit(table, lists, pairs):
    return _glm(table["count"].to_numpy(float), _design(table, lists, pairs))


def _estimable(table: pd.DataFrame, a: str, b: str) -> bool:
    return bool(table.loc[(table[a] == 1) & (table[b] == 1), "count"].sum())


def mle_exists(table: pd.DataFrame, lists: list[str], pairs: list[tuple[str, str]]) -> bool:
    """Whether the model's maximum-likelihood estimate exists (Fienberg and Rinaldo 2012).

    It exists exactly when some table with every observable cell strictly positive has the same
    sufficient statistics (design' × counts) as the data; a linear programme looks for the largest
    smallest cell of such a table. Zero overlaps of two lists are the common failure, but not the only
    one: a model that fits some cells exactly fails wherever those cells are empty.
    """
    from scipy.optimize import linprog

    design = _design(table, lists, pairs)
    counts = table["count"].to_numpy(float)
    cells = len(counts)
    # Variables: the cells y (cells of them) and t; maximise t subject to design' y = design' n, y_i >= t, t <= 1.
    objective = np.zeros(cells + 1)
    objective[-1] = -1.0
    equality = np.hstack([design.T, np.zeros((design.shape[1], 1))])
    inequality = np.hstack([-np.eye(cells), np.ones((cells, 1))])
    result = linprog(objective, A_ub=inequality, b_ub=np.zeros(cells), A_eq=equality, b_eq=design.T @ counts,
                     bounds=[(0, None)] * cells + [(None, 1.0)], method="highs")
    return bool(result.status == 0 and -result.fun > 1e-9)


def _profile_interval(table, lists, pairs, dark: float) -> tuple[float, float]:
    """Cormack's profile-likelihood interval for the dark figure, by the full table with cell 0 = z."""
    from scipy.optimize import brentq
    from scipy.special import gammaln

    full = pd.concat([pd.DataFrame([[0] * len(lists) + [0]], columns=[*lists, "count"]), table], ignore_index=True)
    design = _design(full, lists, pairs)

    def loglik(z: float) -> float:
        counts = full["count"].to_numpy(float)
        counts[0] = z
        fit = _glm(counts, design)
        mu = fit.mu
        return float(np.sum(counts * np.log(np.maximum(mu, 1e-300)) - mu - gammaln(counts + 1)))

    best = loglik(dark)

    def gap(z: float) -> float:
        return 2 * (best - loglik(z)) - CHI2_95

    low = 0.0 if gap(0.0) <= 0 else brentq(gap, 0.0, dark)
    high_end = max(dark * 2, dark + 10)
    while gap(high_end) < 0:
        high_end *= 2
        if high_end > 1e9:
            return low, math.inf
    return low, brentq(gap, dark, high_end)


def estimate(frame: pd.DataFrame, *, count: str, method: str = "stepwise") -> MSEResult:
    """The total (observed + dark figure) with its 95 % profile-likelihood interval."""
    if method not in ("stepwise", "independence"):
        raise InvalidInput("method is stepwise or independence")
    lists, table = capture_table(frame, count=count)
    observed = int(table["count"].sum())
    pairs: list[tuple[str, str]] = []
    if not mle_exists(table, lists, pairs):
        raise InvalidInput("the estimate does not exist for these lists (the overlaps are too sparse); "
                           "join small lists or leave them out")
    fit = _fit(table, lists, pairs)
    if method == "stepwise":
        while True:
            candidates = [p for p in itertools.combinations(lists, 2) if p not in pairs and _estimable(table, *p)
                          and mle_exists(table, lists, [*pairs, p])]
            trials = []
            for pair in candidates:
                trial = _fit(table, lists, [*pairs, pair])
                if np.all(np.isfinite(trial.params)):
                    trials.append((trial.aic, pair, trial))
            if not trials:
                break
            aic, pair, trial = min(trials, key=lambda t: t[0])
            if aic >= fit.aic or trial.pvalues[-1] >= SIGNIFICANCE:
                break
            pairs.append(pair)
            fit = trial
    dark = float(math.exp(fit.params[0]))
    low, high = _profile_interval(table, lists, pairs, dark)
    return MSEResult(observed=observed, estimate=observed + dark, ci_low=observed + low, ci_high=observed + high,
                     dark_figure=dark, model=[f"{a}:{b}" for a, b in pairs], method=method, lists=lists,
                     aic=float(fit.aic))
