"""The rules that turn a policy event and an indicator into an interrupted time series (pure, no ORM).

Each rule is stated here once, and the pages, the command line and the
documentation (``docs/analysis.md``) describe the same behaviour:

* **Intervention time** (yearly data): the first year counted after the event
  is the event's year when the event happened in January–June, and the next
  year when it happened in July–December. An event known only to the year counts
  from that year (it is stored as 1 January, and a year-only date gives no
  reason to move it).
* **Measure** of an indicator, from its (English) unit: a unit with ``%`` is a
  percentage, a unit with "per" (per 100,000, per 1 million, per person) is a
  rate, anything else (deaths, people, offences, clients) is a count.
* **Family**: counts default to quasi-Poisson, rates and percentages to
  Gaussian.
* **Offset**: a count fitted with a log-link family gets the log of the
  population as an offset, so the model is for the rate per head and effects
  are rate ratios; rates and percentages already have a denominator and get
  none.
"""

from __future__ import annotations

import datetime
import re

from observatory.analysis.options import FAMILIES, MIN_PRE_POINTS

COUNT, RATE, PERCENTAGE = "count", "rate", "percentage"
LOG_LINK_FAMILIES = ("poisson", "quasipoisson")
POPULATION_CODE = "population"
# Below these the estimate is still shown, with a warning: a trend fitted on fewer
# than 12 yearly values is poorly determined, and one or two values after the event
# cannot tell a lasting change from a single unusual year.
FEW_PRE_POINTS = 12
FEW_POST_POINTS = 3
# Ljung-Box p below this flags autocorrelated residuals; a Pearson dispersion above
# this flags overdispersed counts (1 is what a Poisson model assumes).
AUTOCORRELATION_P = 0.05
OVERDISPERSION = 1.5
NEARBY_EVENT_YEARS = 3
MAX_HAC_LAGS = 10

__all__ = [
    "COUNT", "FAMILIES", "FEW_POST_POINTS", "FEW_PRE_POINTS", "LOG_LINK_FAMILIES", "MIN_PRE_POINTS", "PERCENTAGE",
    "RATE", "default_family", "first_post_year", "measure_of", "series_unusable", "uses_offset",
]

_PER = re.compile(r"(^|\s)per(\s|$)", re.IGNORECASE)


def series_unusable(years: list[int], first_post: int | None = None) -> str | None:
    """Why a series of yearly values cannot be analysed (a message), or ``None`` when it can.

    The analysis needs ``MIN_PRE_POINTS`` years before the event and at least one after it. Without an
    event chosen yet, a series shorter than that can never be analysed, whatever the event.
    """
    from django.utils.translation import ngettext

    if first_post is None:
        if len(years) < MIN_PRE_POINTS + 1:
            return ngettext("only %(n)s year with data; at least %(min)s are needed",
                            "only %(n)s years with data; at least %(min)s are needed",
                            len(years)) % {"n": len(years), "min": MIN_PRE_POINTS + 1}
        return None
    before = sum(1 for year in years if year < first_post)
    if before < MIN_PRE_POINTS:
        return ngettext("only %(n)s year with data before the event; at least %(min)s are needed",
                        "only %(n)s years with data before the event; at least %(min)s are needed",
                        before) % {"n": before, "min": MIN_PRE_POINTS}
    if not any(year >= first_post for year in years):
        from django.utils.translation import gettext

        return gettext("no data after the event yet")
    return None


def first_post_year(date: datetime.date, precision: str) -> int:
    """The first year of yearly data counted as "after" an event on ``date`` known to ``precision``.

    January to June: the event's own year; July to December: the next year. A date
    known only to the year (``precision == "year"``) counts from its own year.
    """
    if precision == "year":
        return date.year
    return date.year if date.month <= 6 else date.year + 1


def measure_of(unit: str) -> str:
    """``"percentage"``, ``"rate"`` or ``"count"`` for an indicator's English unit."""
    if "%" in unit or "percent" in unit.lower():
        return PERCENTAGE
    if _PER.search(unit):
        return RATE
    return COUNT


def default_family(measure: str) -> str:
    """Quasi-Poisson for counts (overdispersion estimated, as R's ``quasipoisson``); Gaussian otherwise."""
    return "quasipoisson" if measure == COUNT else "gaussian"


def uses_offset(measure: str, family: str) -> bool:
    """Whether the log of the population enters as an offset: counts under a log-link family only."""
    return measure == COUNT and family in LOG_LINK_FAMILIES
