"""The regional overview of documented violations: a map, a trend and breakdowns, built only from what the
country tables already publish.

Every regional figure is a sum of the countries' *published* cells: exact counts add up, and a cell
published as ``"<5"`` or ``"≥5"`` adds to a range, never to an exact number. A regional total of the raw
counts would let anyone subtract the published country figures from it and recover a suppressed one;
a figure built from published cells discloses nothing the country tables do not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from observatory.cases.models import Case
from observatory.cases.statistics import COUNTED_STATUSES, entities, violation_stats
from observatory.cases.suppression import SECONDARY, SMALL, THRESHOLD, publish_total

# A published "<5" is 1 to 4 cases; a published "≥5" is at least 5 (no upper bound is published).
SMALL_RANGE = (1, THRESHOLD - 1)


@dataclass
class Range:
    """A regional figure: ``low`` to ``high`` cases (``high`` is None when a "≥5" cell leaves it open)."""

    low: int = 0
    high: int | None = 0
    hidden: int = 0  # how many country cells were published as "<5" or "≥5"

    def add(self, published: int | str) -> None:
        if isinstance(published, int):
            self.low += published
            self.high = None if self.high is None else self.high + published
        elif published == SMALL:
            self.low += SMALL_RANGE[0]
            self.high = None if self.high is None else self.high + SMALL_RANGE[1]
            self.hidden += 1
        elif published == SECONDARY:
            self.low += THRESHOLD
            self.high = None
            self.hidden += 1

    @property
    def exact(self) -> bool:
        return self.high == self.low

    @property
    def label(self) -> str:
        if self.exact:
            return f"{self.low}"
        if self.high is None:
            return f"≥{self.low}"
        return f"{self.low}–{self.high}"


@dataclass
class Overview:
    year: int
    total: Range
    by_country: dict[str, int | str]  # ISO3 → the country's published total (only countries with cases)
    breakdowns: dict[str, list[tuple[object, Range]]] = field(default_factory=dict)  # by → [(cell, range)]
    withheld: dict[str, int] = field(default_factory=dict)  # by → countries whose breakdown was withheld

    def largest(self, by: str) -> int:
        return max([r.low for _, r in self.breakdowns.get(by, [])] + [1])


def totals_by_country_and_year(*, years) -> dict[tuple[str, int], int]:
    """Counted violations (entities) per country and year, in one query (raw: for the published totals only)."""
    rows = (Case.objects.filter(status__in=COUNTED_STATUSES, consent_share_network=True,
                                occurred_year__in=list(years))
            .order_by().values_list("country__iso3", "occurred_year").annotate(n=entities()))
    return {(iso3, year): n for iso3, year, n in rows}


def regional_trend(*, years) -> list[dict]:
    """Each year's regional figure as a range of the countries' published totals, oldest first."""
    raw = totals_by_country_and_year(years=years)
    trend = []
    for year in sorted(years):
        total = Range()
        for (iso3, y), n in raw.items():
            if y == year:
                total.add(publish_total(n))
        trend.append({"year": year, "low": total.low, "high": total.high, "label": total.label,
                      "countries": sum(1 for (_, y) in raw if y == year)})
    return trend


def regional_overview(*, year: int, countries) -> Overview:
    """The published totals of each country for ``year``, their regional range, and regional breakdowns."""
    raw = totals_by_country_and_year(years=[year])
    by_country, total = {}, Range()
    breakdowns: dict[str, dict[str, tuple[object, Range]]] = {"violation": {}, "perpetrator": {}}
    withheld = {"violation": 0, "perpetrator": 0}
    for country in countries:
        n = raw.get((country.iso3, year), 0)
        if not n:
            continue
        by_country[country.iso3] = publish_total(n)
        total.add(by_country[country.iso3])
        for by in breakdowns:
            stats = violation_stats(country=country, year=year, by=by, total=n)
            if stats.withheld:
                withheld[by] += 1
            for cell in stats.cells:
                entry = breakdowns[by].setdefault(cell.code, (cell, Range()))
                entry[1].add(cell.value)
    ordered = {by: sorted(cells.values(), key=lambda item: (-item[1].low, item[0].code))
               for by, cells in breakdowns.items()}
    return Overview(year=year, total=total, by_country=by_country, breakdowns=ordered, withheld=withheld)


def map_bins(by_country: dict[str, int | str]) -> dict[str, str]:
    """Each country's published total as a band for the map: the "<5" band is exactly what is published."""
    bins = {}
    for iso3, value in by_country.items():
        if value == SMALL:
            bins[iso3] = "1–4"
        elif isinstance(value, int) and value < 20:
            bins[iso3] = "5–19"
        elif isinstance(value, int) and value < 50:
            bins[iso3] = "20–49"
        else:
            bins[iso3] = "50+"
    return bins


MAP_BANDS = ["1–4", "5–19", "20–49", "50+"]
