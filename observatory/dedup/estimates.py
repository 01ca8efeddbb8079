"""How many violations no organisation documented: multiple systems estimation on the registry (reads only).

Each organisation's records (and the unassigned self-reports) are one list. A
violation is an entity (cases confirmed to be one, ``observatory.dedup``) or a
case with none; its capture history says which lists recorded it. Only the
cases the public statistics count (verified, shared with consent) take part.
``observatory.analysis.mse`` then estimates the total, with its profile
interval, by Silverman's stepwise log-linear model.

An estimate is given only when it can mean something:

- at least ``MIN_LISTS`` lists (with two, dependence between them cannot be
  modelled at all);
- at least ``MIN_OBSERVED`` violations in all (fewer: too little to estimate,
  and too close to the small cells the statistics suppress);
- some violation recorded by more than one list (without overlaps there is
  nothing to estimate from);
- an estimate that exists for these overlaps (Fienberg–Rinaldo, checked by
  ``mse``).

Otherwise the result says which condition failed. The capture histories
themselves are never published: they would show small cells.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from observatory.analysis.errors import AnalysisError
from observatory.cases.models import Case
from observatory.cases.statistics import COUNTED_STATUSES

MIN_LISTS = 3
MIN_OBSERVED = 20


@dataclass
class Estimate:
    status: str  # "ok" or the reason: no_cases, too_few_lists, too_few_violations, no_overlap, not_estimable
    lists: int
    observed: int
    overlapping: int = 0
    estimate: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    interactions: int = 0
    message: str = ""

    @property
    def dark_figure(self) -> float | None:
        return None if self.estimate is None else self.estimate - self.observed

    @property
    def share_documented(self) -> float | None:
        return None if not self.estimate else self.observed / self.estimate


def capture_histories(*, country, year: int | None = None) -> tuple[int, Counter]:
    """The number of lists, and how many violations each combination of lists recorded (as sorted tuples)."""
    cases = Case.objects.filter(country=country, status__in=COUNTED_STATUSES, consent_share_network=True)
    if year is not None:
        cases = cases.filter(occurred_year=year)
    recorded: dict[str, set] = {}
    for pk, entity_id, organisation_id in cases.values_list("pk", "entity_id", "organisation_id"):
        unit = f"e{entity_id}" if entity_id else f"c{pk}"
        recorded.setdefault(unit, set()).add(organisation_id or 0)
    lists = sorted({source for sources in recorded.values() for source in sources})
    index = {source: i for i, source in enumerate(lists)}
    histories = Counter(tuple(sorted(index[s] for s in sources)) for sources in recorded.values())
    return len(lists), histories


def registry_estimate(*, country, year: int | None = None) -> Estimate:
    n_lists, histories = capture_histories(country=country, year=year)
    observed = sum(histories.values())
    overlapping = sum(n for combination, n in histories.items() if len(combination) > 1)
    result = Estimate(status="ok", lists=n_lists, observed=observed, overlapping=overlapping)
    if not observed:
        result.status = "no_cases"
        return result
    if n_lists < MIN_LISTS:
        result.status = "too_few_lists"
        return result
    if observed < MIN_OBSERVED:
        result.status = "too_few_violations"
        return result
    if not overlapping:
        result.status = "no_overlap"
        return result
    import pandas as pd

    from observatory.analysis.mse import estimate

    columns = [f"list_{i + 1}" for i in range(n_lists)]
    rows = [{**{c: int(i in combination) for i, c in enumerate(columns)}, "count": n}
            for combination, n in histories.items()]
    try:
        fitted = estimate(pd.DataFrame(rows), count="count", method="stepwise")
    except AnalysisError as error:
        result.status, result.message = "not_estimable", str(error)
        return result
    result.estimate, result.ci_low, result.ci_high = fitted.estimate, fitted.ci_low, fitted.ci_high
    result.interactions = sum(1 for term in fitted.model if ":" in str(term))
    return result
