"""The rules that judge a provision against the model law, and read the dates of its versions.

Pure functions (no database), shared by the comparator, the API, the command line and
the scorecard, so that every place judges a provision the same way.

Dates. A version's ``valid_from`` is inclusive and ``valid_to`` exclusive. Where the
source gives no start (``valid_from`` empty), the version is known to hold only from
1 January of the year the source describes (``as_of``): nothing is assumed about the
years before. A version with neither start nor ``as_of`` (an undated source) is shown
as the latest known state but holds at no particular date. A version with no
``valid_to`` is in force as of its source; later dates show it with its ``as_of``.
"""

from __future__ import annotations

import datetime
import re

MEETS, PARTLY, DOES_NOT_MEET, UNKNOWN = "meets", "partly", "does_not_meet", "unknown"
JUDGEMENTS = (MEETS, PARTLY, DOES_NOT_MEET)
SCORES = {MEETS: 100.0, PARTLY: 50.0, DOES_NOT_MEET: 0.0}
"""Index points of each judgement (the model law's scale 1 / 0.5 / 0, times 100); unknown has none."""

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_partial_date(value) -> tuple[datetime.date | None, str]:
    """``"2013-07"`` -> (2013-07-01, "month"); ``None`` -> (None, ""). Raises ``ValueError`` on other text."""
    if value is None or value == "":
        return None, ""
    if isinstance(value, datetime.date):
        return value, "day"
    if isinstance(value, int):
        value = str(value)
    match = _PARTIAL.match(str(value).strip())
    if not match:
        raise ValueError(f"not a partial ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    year, month, day = match.groups()
    date = datetime.date(int(year), int(month or 1), int(day or 1))
    return date, "day" if day else "month" if month else "year"


def format_partial_date(date: datetime.date | None, precision: str) -> str:
    """The date as precise as its source: ``2010``, ``2013-07`` or ``2013-07-01``; empty for none."""
    if date is None:
        return ""
    if precision == "year":
        return f"{date.year}"
    if precision == "month":
        return f"{date.year}-{date.month:02d}"
    return date.isoformat()


def known_from(*, valid_from: datetime.date | None, as_of: int | None) -> datetime.date | None:
    """The first date at which a version is known to hold (see the module note); ``None`` if undated."""
    if valid_from is not None:
        return valid_from
    if as_of is not None:
        return datetime.date(as_of, 1, 1)
    return None


def holds_at(*, valid_from, valid_to, as_of, at: datetime.date | None) -> bool:
    """Does a version hold at date ``at``? With ``at`` empty: is it the latest known version (no end)?"""
    if at is None:
        return valid_to is None
    start = known_from(valid_from=valid_from, as_of=as_of)
    if start is None or at < start:
        return False
    return valid_to is None or at < valid_to


def _to_float(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def judge(*, value_type: str, judgement: dict, value, max_penalty_months: float | None = None) -> str:
    """Judge one value against a model-law provision: meets / partly / does_not_meet, or unknown.

    * enumerations use the provision's ``judgement`` table;
    * ``possession_max_penalty`` (``text_or_none``): no deprivation of liberty meets, at most one month
      (a short administrative detention) partly meets, more does not meet; text without months is unknown;
    * ``state_hr_funding_share`` (``enum_or_percent``): a stated percentage meets from 75, partly meets
      from 10, does not meet below 10; the words ``high / partial / low_or_none`` use the table.

    A value the rules do not cover is ``unknown``: nothing is guessed.
    """
    if value is None or value == "":
        return UNKNOWN
    if value_type == "text_or_none":
        months = 0.0 if str(value).strip().lower() == "none" else _to_float(max_penalty_months)
        if months is None:
            return UNKNOWN
        if months <= 0:
            return MEETS
        return PARTLY if months <= 1 else DOES_NOT_MEET
    if value_type == "enum_or_percent" and str(value) not in judgement:
        share = _to_float(value)
        if share is None:
            return UNKNOWN
        return MEETS if share >= 75 else PARTLY if share >= 10 else DOES_NOT_MEET
    result = judgement.get(str(value))
    return result if result in JUDGEMENTS else UNKNOWN
