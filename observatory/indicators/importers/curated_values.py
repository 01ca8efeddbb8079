"""Read one value cell of the curated harm-reduction tables as the report printed it.

Numbers, ranges and inequalities are read by the shared :func:`.values.parse_value`,
so a curated ``<1`` is stored exactly like a ``<1`` typed into the platform's own
template. This module adds the two printed forms the shared parser does not know and
the rule that turns words into categories:

===============================  ===========================================================
printed                          parsed
===============================  ===========================================================
``12.5``                         value 12.5                              (shared parser)
``5132-6182``                    lower 5132, upper 6182, value None      (shared parser;
                                 never a midpoint)
``<1``, ``>1``                   value 1 with qualifier ``<`` / ``>``: the printed bound,
                                 which the qualifier marks as a bound (shared parser)
``~90``                          value 90, qualifier ``~``               (shared parser)
``3310 (2797-4057)``             value 3310, lower 2797, upper 4057 (a point with its interval)
``73800 and 87000``              lower 73800, upper 87000, value None (two alternative
                                 estimates printed side by side: the span, no point)
``yes``, ``no (complete ban)``   category ``yes`` / ``no``; a bracketed remark stays in the
                                 printed text only
``high (>200 syringes ...)``     category ``high`` (coverage levels low / moderate / high)
``administrative``               category ``administrative`` (legal vocabulary; whole cell)
any other words                  category ``text``; the cell is kept verbatim in ``text``
===============================  ===========================================================

A legal-status word becomes a category only when it is the whole cell. In these files a
bracket after a legal word narrows or contradicts it (``administrative (public use
criminal)``, ``criminal (public use)``), so such cells stay text. After yes/no or a
coverage level, the bracket only adds detail ("several cities only"), so the word stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .values import MISSING, parse_value

LEGAL_STATUSES = ("criminal", "administrative", "decriminalised", "depenalised")
COVERAGE_LEVELS = ("low", "moderate", "high")
YES_NO = ("yes", "no")

# Value forms, as reported in ParsedCell.form.
NUMBER = "number"
APPROXIMATE = "approximate"
INEQUALITY = "inequality"
RANGE = "range"
POINT_WITH_INTERVAL = "point_with_interval"
TWO_ESTIMATES = "two_estimates"
CATEGORY = "category"
TEXT = "text"
NUMERIC_FORMS = frozenset({NUMBER, APPROXIMATE, INEQUALITY, RANGE, POINT_WITH_INTERVAL, TWO_ESTIMATES})

_NUM = r"\d+(?:\.\d+)?"
# "1 (<1-2)": the lower end of an interval may itself be printed as an inequality.
_RE_POINT_INTERVAL = re.compile(rf"({_NUM})\s*\(\s*(<)?\s*({_NUM})\s*-\s*({_NUM})\s*\)")
_RE_TWO = re.compile(rf"({_NUM})\s+and\s+({_NUM})")
_RE_WORD_REMARK = re.compile(r"([a-z]+)\s*(?:\((.*)\))?", re.IGNORECASE | re.DOTALL)


class ValueParseError(ValueError):
    """The cell is neither a value nor words (e.g. ``5-``, or a range printed high-low)."""


@dataclass(frozen=True)
class ParsedCell:
    """The parts of one printed cell. ``text`` is always the cell as printed."""

    form: str
    text: str
    value: float | None = None
    lower: float | None = None
    upper: float | None = None
    qualifier: str = ""
    category: str = ""

    @property
    def is_numeric(self) -> bool:
        return self.form in NUMERIC_FORMS


def parse_cell(text: str) -> ParsedCell:
    """Parse a printed value cell; ``ValueParseError`` with a readable reason if it cannot be read."""
    cell = " ".join(str(text).split())
    if not cell:
        raise ValueParseError("the value is empty")
    if cell.casefold() in MISSING:  # SOURCES.md: cells printed as nk / n/a / blank were not transcribed
        raise ValueParseError(f"{cell!r} marks a missing value; such cells should not be in the file")
    if cell[0].isalpha():
        return _words(cell)

    if m := _RE_POINT_INTERVAL.fullmatch(cell):
        # A lower end printed as "<1" has no numeric bound: it stays open, and is seen in the text.
        value, upper = float(m[1]), float(m[4])
        lower = None if m[2] else float(m[3])
        if value > upper or (lower is not None and lower > value):
            raise ValueParseError(f"the point value lies outside its interval in {cell!r}")
        return ParsedCell(POINT_WITH_INTERVAL, cell, value=value, lower=lower, upper=upper)
    if m := _RE_TWO.fullmatch(cell):
        low, high = sorted((float(m[1]), float(m[2])))
        return ParsedCell(TWO_ESTIMATES, cell, lower=low, upper=high)

    try:
        parsed = parse_value(cell)
    except ValueError as exc:
        if any(ch.isalpha() for ch in cell):  # "2 g MDMA = 'particularly large quantity'"
            return ParsedCell(TEXT, cell, category="text")
        raise ValueParseError(str(exc)) from None
    form = {"number": NUMBER, "range": RANGE, "inequality": INEQUALITY}.get(parsed.kind)
    if form is None:
        raise ValueParseError(f"{cell!r} is not a value")
    if form == NUMBER and parsed.qualifier == "~":
        form = APPROXIMATE
    return ParsedCell(form, cell, value=parsed.value, lower=parsed.lower, upper=parsed.upper,
                      qualifier=parsed.qualifier)


def _words(cell: str) -> ParsedCell:
    if m := _RE_WORD_REMARK.fullmatch(cell):
        word, remark = m[1].casefold(), m[2]
        if word in YES_NO or word in COVERAGE_LEVELS:
            return ParsedCell(CATEGORY, cell, category=word)
        if word in LEGAL_STATUSES and remark is None:
            return ParsedCell(CATEGORY, cell, category=word)
    return ParsedCell(TEXT, cell, category="text")
