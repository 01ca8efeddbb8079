"""Small-cell suppression for published case counts (pure: no database, no Django).

The rule (``docs/cases.md`` explains it for readers):

1. A count of 1 to 4 is published as ``"<5"`` (primary suppression).
2. The total of a table (the number of cases for the country and year) is
   published exactly when it is 5 or more, else as ``"<5"``.
3. Secondary suppression: from the published figures anyone can write
   ``total − visible cells = sum of the hidden cells``. While that equation
   would let someone narrow a ``"<5"`` cell to fewer than all four values 1–4,
   one more visible cell is hidden and published as ``"≥5"``. The check uses
   only what is published: the total, the visible cells, ``"<5"`` meaning 1–4
   and ``"≥5"`` meaning 5 or more.
4. Which cell is hidden next does not depend on the counts: the caller gives
   an order fixed in advance (a keyed hash of the category). Hiding the
   smallest cell first would tell a reader that every hidden cell is smaller
   than every visible one, and that, with the check, can pin a small cell.
5. If hiding every cell still leaves a ``"<5"`` cell narrowed, the table's
   cells are withheld and only the total is published.

Categories can overlap (a case with two violation types counts in both), so
the cells may add up to more than the total; the check assumes the worst case,
that they add up exactly. ``tests/test_suppression.py`` enumerates every table
of up to four categories with small counts and checks that a ``"<5"`` cell can
take all of 1–4 for a reader of the labels, and at least two values for a
reader who also re-runs this rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

THRESHOLD = 5
SMALL = "<5"
SECONDARY = "≥5"


@dataclass(frozen=True)
class PublishedTable:
    """What may be published: cells in input order (int or label), the total, and whether cells were withheld."""

    cells: dict[str, int | str] = field(default_factory=dict)
    total: int | str = 0
    withheld: bool = False

    @property
    def suppressed(self) -> list[str]:
        return [k for k, v in self.cells.items() if isinstance(v, str)]


def publish_total(total: int) -> int | str:
    if 0 < total < THRESHOLD:
        return SMALL
    return total


def protected(hidden_sum: int, small: int, secondary: int) -> bool:
    """Can each of ``small`` hidden cells (1–4 each) still be any of 1, 2, 3 and 4, given the public equation?

    ``hidden_sum`` is total − visible cells; each of the ``secondary`` hidden
    cells is 5 or more, with no upper bound but the equation.
    """
    if small == 0:
        return True
    if hidden_sum - 4 < (small - 1) + THRESHOLD * secondary:  # a small cell could not be 4
        return False
    if secondary:
        return True  # the secondary cells absorb any remainder, so a small cell can be 1
    return hidden_sum - 1 <= 4 * (small - 1)  # a small cell could be 1


def suppress(counts: dict[str, int], total: int, order: list[str] | None = None) -> PublishedTable:
    """Apply the rule above to one table of ``category → count`` (counts ≥ 1) with its ``total``.

    ``order`` is the order in which cells are considered for secondary
    suppression; it must not depend on the counts (default: by category key).
    """
    published_total = publish_total(total)
    small = [k for k, v in counts.items() if 0 < v < THRESHOLD]
    if not small:
        return PublishedTable(cells=dict(counts), total=published_total)
    if total < THRESHOLD:
        # The total is itself "<5": one small cell is as protected as the total; several would bound each other.
        if len(counts) == 1:
            return PublishedTable(cells={k: SMALL for k in counts}, total=published_total)
        return PublishedTable(total=published_total, withheld=True)
    rank = {key: i for i, key in enumerate(order or [])}
    candidates = sorted((k for k, v in counts.items() if v >= THRESHOLD), key=lambda k: (rank.get(k, len(rank)), k))
    secondary: list[str] = []
    visible_sum = sum(counts[k] for k in candidates)
    while not protected(total - visible_sum, len(small), len(secondary)):
        if not candidates:
            return PublishedTable(total=published_total, withheld=True)
        key = candidates.pop(0)
        secondary.append(key)
        visible_sum -= counts[key]
    labels = {k: SMALL for k in small} | {k: SECONDARY for k in secondary}
    return PublishedTable(cells={k: labels.get(k, v) for k, v in counts.items()}, total=published_total)
