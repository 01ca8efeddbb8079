"""Change across rounds: pure functions over statuses, no database.

Statuses are ordered from worst to best — regressed, not started, in progress,
achieved — so a later round's status is an improvement, a regression or no
change against the nearest earlier round that has one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from enum import StrEnum

RANK = {"regressed": 0, "not_started": 1, "in_progress": 2, "achieved": 3}
STATUSES = ("not_started", "in_progress", "achieved", "regressed")


class Change(StrEnum):
    IMPROVED = "improved"
    REGRESSED = "regressed"
    SAME = "same"
    FIRST = "first"  # the first round with a status: nothing to compare with
    NONE = "none"  # no status in this round


def change(previous: str | None, current: str | None) -> Change:
    """How ``current`` compares with ``previous`` (either may be missing)."""
    if current is None:
        return Change.NONE
    if previous is None:
        return Change.FIRST
    if RANK[current] > RANK[previous]:
        return Change.IMPROVED
    if RANK[current] < RANK[previous]:
        return Change.REGRESSED
    return Change.SAME


def changes_across(statuses: Sequence[str | None]) -> list[tuple[str | None, Change]]:
    """For one item's statuses in round order, each status with its change against the last known one.

    A round without a status is skipped when comparing, so a gap does not hide a change:
    ``["not_started", None, "achieved"]`` gives first, none, improved.
    """
    result = []
    last = None
    for status in statuses:
        result.append((status, change(last, status)))
        if status is not None:
            last = status
    return result


def status_counts(statuses: Iterable[str]) -> dict[str, int]:
    """Counts of each status, every status present (zero when absent), in the display order."""
    counts = Counter(statuses)
    return {status: counts.get(status, 0) for status in STATUSES}


def summary(changes: Iterable[Change]) -> dict[str, int]:
    """How many items improved, regressed or stayed the same between two rounds."""
    counts = Counter(changes)
    return {key: counts.get(key, 0) for key in (Change.IMPROVED, Change.REGRESSED, Change.SAME)}
