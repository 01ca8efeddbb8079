"""Dates as precise as their source says: a year, a month or a day, shown in the reader's language.

An event dated only to a year or a month is stored as the first day of that period
(``2014-03-01`` for March 2014) with its precision; only the part the precision
allows carries meaning, and nothing here ever shows more than that part.
"""

from __future__ import annotations

import calendar
import datetime

from babel.dates import format_date, format_skeleton

from observatory.core.i18n import language_code

YEAR, MONTH, DAY = "year", "month", "day"

# British English puts the day first ("1 January 2010"), as European publications do.
_BABEL_LOCALES = {"en": "en_GB", "ru": "ru"}
# CLDR's skeleton for a lone year is the bare number in every locale; Russian style writes
# "2010 г." as CLDR itself does for a month or a day ("март 2014 г."). The space is CLDR's
# narrow no-break space, so "г." never wraps to the next line.
_YEAR_PATTERNS = {"ru": "y\u202f'г'."}
_SKELETONS = {MONTH: "yMMMM", DAY: "yMMMMd"}


def date_label(date: datetime.date, precision: str, language: str | None = None) -> str:
    """The date in words as precise as ``precision``: ``2010``, ``March 2014``, ``1 January 2010``.

    In Russian: ``2010 г.``, ``март 2014 г.``, ``1 января 2010 г.``. ``language``
    defaults to the active language.
    """
    language = language_code(language)
    locale = _BABEL_LOCALES.get(language, language)
    if precision == YEAR:
        return format_date(date, _YEAR_PATTERNS.get(language, "y"), locale=locale)
    return format_skeleton(_SKELETONS.get(precision, _SKELETONS[DAY]), date, locale=locale)


def date_iso(date: datetime.date, precision: str) -> str:
    """The date as an ISO 8601 / HTML ``<time>`` value of that precision: ``2010``, ``2014-03``, ``2010-01-01``."""
    if precision == YEAR:
        return f"{date.year:04d}"
    if precision == MONTH:
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()


def period_start(date: datetime.date, precision: str) -> datetime.date:
    """The first day of the period ``date`` falls in: how a partial date is stored."""
    if precision == YEAR:
        return datetime.date(date.year, 1, 1)
    if precision == MONTH:
        return date.replace(day=1)
    return date


def period_end(date: datetime.date, precision: str) -> datetime.date:
    """The last day of the period ``date`` falls in."""
    if precision == YEAR:
        return datetime.date(date.year, 12, 31)
    if precision == MONTH:
        return date.replace(day=calendar.monthrange(date.year, date.month)[1])
    return date
