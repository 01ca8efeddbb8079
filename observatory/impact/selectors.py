"""Reads for the impact pages: what can be analysed for a country (public data only)."""

from __future__ import annotations

from observatory.countries.models import Country
from observatory.impact import rules
from observatory.indicators.models import Indicator, Observation


def outcome_choices(*, country: Country) -> list[dict]:
    """The numeric indicators with yearly national values for ``country``: ``[{indicator, years}]``.

    ``years`` are the distinct years with a point value from any source, oldest
    first: an upper bound of what the analysis uses (it leaves out values dated
    only by a report's edition year). Population is the offset, not an outcome.
    Ordered by topic and name; two queries whatever the number of indicators.
    """
    years: dict[int, set[int]] = {}
    pairs = (
        Observation.objects.filter(country=country, sex="", age_group="", month__isnull=True, value__isnull=False,
                                   indicator__kind=Indicator.Kind.NUMERIC)
        .exclude(indicator__code=rules.POPULATION_CODE)
        .values_list("indicator_id", "year")
        .distinct()
    )
    for indicator_id, year in pairs:
        years.setdefault(indicator_id, set()).add(year)
    indicators = Indicator.objects.filter(pk__in=list(years)).order_by("topic", "name_en")
    return [{"indicator": i, "years": sorted(years[i.pk])} for i in indicators]


def years_before(years: list[int], first_post_year: int) -> int:
    """How many of ``years`` come before ``first_post_year`` (the chooser's hint about the minimum of 8)."""
    return sum(1 for year in years if year < first_post_year)
