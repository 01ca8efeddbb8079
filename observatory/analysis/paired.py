"""The mean change between paired scores (before and after a training), with a t-based confidence interval.

Each participant who took both tests contributes one difference (after minus before). The mean difference,
its standard error ``sd / sqrt(n)`` and Student's t with ``n - 1`` degrees of freedom give the interval
``mean ± t(1 - α/2, n - 1) · se`` and the two-sided p-value of "no change". The assumptions are stated with
the result: the differences are independent and roughly normal (with few participants, an outlier moves the
interval a lot). Checked against Student's (1908) sleep data as R's ``t.test(paired = TRUE)`` reports it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

ASSUMPTIONS = ("Each participant's pair of scores is independent of the others'.",
               "The differences are roughly normally distributed; with few pairs, one outlier moves the interval.",
               "Only participants who took both tests are counted.")


@dataclass(frozen=True)
class PairedChange:
    n: int
    mean_before: float
    mean_after: float
    mean_change: float
    sd_change: float
    se: float
    t: float | None
    df: int
    p_value: float | None
    ci_low: float
    ci_high: float
    confidence: float


class TooFewPairs(ValueError):
    """An interval needs at least two pairs."""


def paired_change(before: Sequence[float], after: Sequence[float], *, confidence: float = 0.95) -> PairedChange:
    from scipy import stats

    if len(before) != len(after):
        raise ValueError("before and after: one score each per participant, in the same order")
    n = len(before)
    if n < 2:
        raise TooFewPairs(f"{n} pair(s): a confidence interval needs at least 2")
    diffs = [float(b) - float(a) for a, b in zip(before, after)]
    mean = sum(diffs) / n
    sd = math.sqrt(sum((d - mean) ** 2 for d in diffs) / (n - 1))
    if sd <= 1e-12 * max(1.0, abs(mean)):  # equal differences, up to rounding: no spread
        sd = 0.0
    se = sd / math.sqrt(n)
    quantile = float(stats.t.ppf(1 - (1 - confidence) / 2, n - 1))
    t = mean / se if se > 0 else None
    p = float(2 * stats.t.sf(abs(t), n - 1)) if t is not None else None
    return PairedChange(n=n, mean_before=sum(map(float, before)) / n, mean_after=sum(map(float, after)) / n,
                        mean_change=mean, sd_change=sd, se=se, t=t, df=n - 1, p_value=p,
                        ci_low=mean - quantile * se, ci_high=mean + quantile * se, confidence=confidence)
