"""Parse one published value cell into a number, a range, an inequality or a category.

Pure functions, no I/O, for every adapter that reads values as printed (the
tidy format; the curated tables are meant to share it). :func:`parse_value`
accepts what publishers and people actually type:

=====================  =========================================================
``42``, ``42.5``       a number (``value``)
``5,132`` ``5 132``    thousands separators (comma, space, no-break or thin
                       space, apostrophe, or dots when there are several)
``0,5`` ``1.234,5``    a decimal comma. One comma followed by exactly three
                       digits after a non-zero whole part (``1,234``) is read
                       as a thousands separator, as English-language
                       publishers print it.
``−5`` ``–5``          a Unicode minus or a dash before a number is a sign
``12%``                a percent sign is dropped (``percent`` is set); the
                       number is not divided by 100
``5132-6182``          a range, with ``-``, ``–``, ``—``, ``to`` or ``до``
                       between the bounds: ``lower``/``upper``, ``value`` is None
``<1`` ``≤1``          an inequality: ``qualifier`` ``<``/``<=`` and
``>5`` ``≥5``          ``>``/``>=`` with ``value`` = the printed number, which
                       is a bound, not an estimate (the qualifier says so)
``~90`` ``≈90``        an approximate value: ``qualifier`` ``~``, ``value`` = 90
                       (also ``c.``, ``ca.``, ``approx.``, ``около``)
``yes`` ``Нет``        a category: text that starts with a letter; yes/no
                       words in English or Russian become ``yes``/``no``
``n/a`` ``..`` ``-``   a missing value (see :data:`MISSING`)
=====================  =========================================================

Anything else (``12abc``, ``1.2.3``, ``5-``) raises :class:`ValueError` with a
reason a person can act on.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Cells that mean "no data" in publishers' tables.
MISSING = frozenset(
    {"", "-", "–", "—", "..", "...", "…", ":", "n/a", "na", "n.a.", "nk", "n.k.", "not known",
     "nan", "none", "null", "н/д", "нет данных"}
)
INEQUALITIES = ("<", "<=", ">", ">=")
YES = frozenset({"yes", "y", "да", "true", "✓", "✔"})
NO = frozenset({"no", "n", "нет", "false", "✗", "✘"})

_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u2009\u202f\u2002\u2003\t"), " ")
_QUALIFIERS = (
    ("<=", "<="), ("≤", "<="), ("=<", "<="), (">=", ">="), ("≥", ">="), ("=>", ">="),
    ("<", "<"), (">", ">"), ("~", "~"), ("≈", "~"), ("approximately", "~"), ("approx.", "~"), ("approx", "~"),
    ("ca.", "~"), ("c.", "~"), ("около", "~"),
)
_NUM = r"[-−–—]?\d(?:[\d.,'’ ]*\d)?(?:[eE][-+]?\d+)?"
_NUMBER_RE = re.compile(rf"^{_NUM}$")
_RANGE_RE = re.compile(rf"^({_NUM}) *(?:-|−|–|—|to|до) *({_NUM})$", re.IGNORECASE)
_GROUPED = re.compile(r"^\d{1,3}(?:X\d{3})+$")


@dataclass(frozen=True)
class ParsedValue:
    """A cell read by :func:`parse_value`. ``text`` is the cell as printed, trimmed."""

    text: str = ""
    value: float | None = None
    lower: float | None = None
    upper: float | None = None
    qualifier: str = ""
    category: str = ""
    percent: bool = False

    @property
    def kind(self) -> str:
        """One of ``missing``, ``category``, ``range``, ``inequality``, ``number``."""
        if self.category:
            return "category"
        if self.qualifier in INEQUALITIES:
            return "inequality"
        if self.value is None and self.lower is None and self.upper is None:
            return "missing"
        if self.value is None:
            return "range"
        return "number"

    @property
    def is_missing(self) -> bool:
        return self.kind == "missing"


def parse_value(cell: str | int | float | None) -> ParsedValue:
    """Read one value cell; raise ``ValueError`` with a readable reason if it is not a value.

    Numbers that are already numbers (from a spreadsheet cell) are taken as they
    are; ``None`` and NaN are missing.
    """
    if cell is None:
        return ParsedValue()
    if isinstance(cell, bool):
        return ParsedValue(text=str(cell).lower(), category="yes" if cell else "no")
    if isinstance(cell, (int, float)):
        number = float(cell)
        if math.isnan(number):
            return ParsedValue()
        if math.isinf(number):
            raise ValueError("an infinite number is not a value")
        return ParsedValue(text=format_number(number), value=number)
    text = " ".join(str(cell).translate(_SPACES).split())
    if text.casefold() in MISSING:
        return ParsedValue(text=text)
    rest, percent = text, False
    if "%" in rest:
        percent, rest = True, rest.replace("%", "").strip()
    qualifier = ""
    for mark, code in _QUALIFIERS:
        if rest.casefold().startswith(mark):
            qualifier, rest = code, rest[len(mark):].strip()
            break
    if rest and rest[0].isalpha() and not qualifier and not percent:
        if len(text) > VALUE_TEXT_MAX:
            raise ValueError(f"the value is longer than {VALUE_TEXT_MAX} characters; put the explanation in "
                             f"the note column")
        return ParsedValue(text=text, category=_category(rest))
    if _NUMBER_RE.match(rest):
        return ParsedValue(text=text, value=parse_number(rest), qualifier=qualifier, percent=percent)
    match = _RANGE_RE.match(rest)
    if match and qualifier in ("", "~"):
        lower, upper = parse_number(match.group(1)), parse_number(match.group(2))
        if lower > upper:
            raise ValueError(f"the range {text!r} has its lower bound above its upper bound")
        return ParsedValue(text=text, lower=lower, upper=upper, qualifier=qualifier, percent=percent)
    raise ValueError(
        f"{text!r} is not a number (12.5), a range (10-20), an inequality (<1, >5, ~90) "
        "or a category (yes, no)"
    )


def parse_number(text: str) -> float:
    """Read one number written with any of the separators :func:`parse_value` accepts."""
    raw = " ".join(str(text).translate(_SPACES).split())
    sign = 1.0
    if raw and raw[0] in "-−–—":
        sign, raw = -1.0, raw[1:].lstrip()
    mantissa, exponent = raw, ""
    if match := re.search(r"[eE][-+]?\d+$", raw):
        mantissa, exponent = raw[: match.start()], match.group()
    digits = _normalise_separators(mantissa.replace("'", " ").replace("’", " "))
    try:
        number = sign * float(digits + exponent)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"{text!r} is too large to be a value")
    return number


def _normalise_separators(text: str) -> str:
    """Return ``text`` with thousands separators removed and a ``.`` decimal point."""
    if " " in text:
        whole, _, fraction = _split_decimal(text.replace(" ", "X"), allow_grouped_comma=False)
        return _check_grouping(whole, text) + fraction
    whole, _, fraction = _split_decimal(text, allow_grouped_comma=True)
    return _check_grouping(whole, text) + fraction


def _split_decimal(text: str, *, allow_grouped_comma: bool) -> tuple[str, str, str]:
    """Split into whole part (thousands marks as ``X``), decimal mark and ``.fraction``."""
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        mark = "," if text.rfind(",") > text.rfind(".") else "."
        other = "." if mark == "," else ","
        whole, _, fraction = text.rpartition(mark)
        return whole.replace(other, "X"), mark, "." + fraction
    if commas > 1 or dots > 1:
        return text.replace(",", "X").replace(".", "X"), "", ""
    if commas == 1:
        whole, _, fraction = text.partition(",")
        whole_digits = whole.replace("X", "")
        if (allow_grouped_comma and len(fraction) == 3 and len(whole_digits) <= 3
                and "X" not in whole and whole_digits.lstrip("0")):
            return whole + "X" + fraction, "", ""
        return whole, ",", "." + fraction
    if dots == 1:
        whole, _, fraction = text.partition(".")
        return whole, ".", "." + fraction
    return text, "", ""


def _check_grouping(whole: str, original: str) -> str:
    if "X" in whole and not _GROUPED.match(whole):
        raise ValueError(f"{original!r} has thousands separators in the wrong places")
    return whole.replace("X", "")


# The database's limits: a category is a short code (yes, criminal); a status described in words is
# kept whole in the value's text with the category "text", as the curated tables do.
CATEGORY_MAX = 60
VALUE_TEXT_MAX = 200


def _category(text: str) -> str:
    folded = text.casefold()
    if folded in YES:
        return "yes"
    if folded in NO:
        return "no"
    return text if len(text) <= CATEGORY_MAX else "text"


def format_number(number: float) -> str:
    """Print a number as a publisher would: ``42`` for whole numbers, else the shortest form."""
    if number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(number)
