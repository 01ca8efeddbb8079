"""Numbers and phrases of a finding, in the reader's language (pure: no database).

Numbers are rounded here, once, so the finding, the table and the tests agree:
percent changes to whole percent (one decimal when all are below 10%), ratios to two
decimals (more when the ratio is within 1% of 1), values in the outcome's unit
to two significant figures (at least the indicator's own decimals), p-values to
two decimals (three below 0.01; "< 0.001" below that). Russian uses a decimal
comma and a no-break space between thousands; negative numbers take a true
minus sign.
"""

from __future__ import annotations

import math

from observatory.core.i18n import is_russian

MINUS = "\u2212"


def number(value: float, decimals: int, language: str) -> str:
    """``value`` rounded to ``decimals`` places, with the language's separators and a true minus sign."""
    rounded = round(float(value), decimals)
    text = f"{abs(rounded):,.{decimals}f}"
    if is_russian(language):
        text = text.replace(",", "\u00a0").replace(".", ",")
    return (MINUS + text) if rounded < 0 else text


def signed(value: float, decimals: int, language: str) -> str:
    """Like ``number`` with an explicit ``+`` for positive values."""
    text = number(value, decimals, language)
    return text if text.startswith(MINUS) or round(float(value), decimals) == 0 else "+" + text


def percent_decimals(*percents: float) -> int:
    """Whole percent when the largest value is at least 10% in size, else one decimal."""
    finite = [abs(p) for p in percents if p is not None and math.isfinite(p)]
    return 0 if finite and max(finite) >= 10 else 1


def ratio_decimals(*ratios: float) -> int:
    """Two decimals, or as many as it takes (up to four) to show a ratio's distance from 1."""
    distances = [abs(r - 1) for r in ratios if r is not None and math.isfinite(r) and r != 1]
    if not distances:
        return 2
    return min(4, max(2, 1 - math.floor(math.log10(max(distances)))))


def value_decimals(*values: float, minimum: int = 0) -> int:
    """Two significant figures of the largest value, at least ``minimum`` decimals, at most four."""
    finite = [abs(v) for v in values if v is not None and math.isfinite(v) and v != 0]
    if not finite:
        return max(minimum, 2)
    return min(4, max(minimum, 1 - math.floor(math.log10(max(finite)))))


def percent_change(ratio: float) -> float:
    return (ratio - 1.0) * 100.0


def p_value(p: float | None, language: str) -> str:
    """``p = 0.03``, ``p = 0.004``, ``p < 0.001`` (decimal comma in Russian)."""
    if p is None or not math.isfinite(p):
        return "p = –"
    if p < 0.001:
        return "p < " + number(0.001, 3, language)
    return "p = " + number(p, 2 if p >= 0.01 else 3, language)
