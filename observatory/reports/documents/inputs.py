"""The data a set of briefs reads, loaded once: a batch of 29 countries in two languages reads it one time.

Everything here is public data and language-independent; the documents put it
into words under the language they are written in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from observatory.countries.selectors import country_list
from observatory.indicators.models import Indicator, Source
from observatory.indicators.selectors import indicator_series
from observatory.public.dashboard import CARD_INDICATORS, TREND_INDICATORS
from observatory.reports.documents.common import optional

POPULATION = "population"
# The indicator the regional map shows: modelled by GBD for every country but Kosovo, so the map is full.
MAP_INDICATOR = "gbd_drug_deaths_rate_as"


@dataclass
class Headline:
    """A country's latest value of one indicator, as the dashboard's card shows it."""

    indicator: Indicator
    value: float
    year: int
    source: Source
    change_pct: float | None
    change_from_year: int | None
    rank: int
    ranked: int


@dataclass
class Inputs:
    countries: list
    indicators: dict[str, Indicator]
    series: dict[str, list[dict]]
    sources: dict[str, Source]
    scorecard: object | None = None
    uncertainty: object | None = None
    law_provisions: list = field(default_factory=list)
    law_versions: dict[str, list] = field(default_factory=dict)
    _latest: dict = field(default_factory=dict)

    def latest_by_country(self, code: str) -> dict[str, dict]:
        """Each country's latest charted value of indicator ``code`` (the dashboard's rule)."""
        if code not in self._latest:
            latest: dict[str, dict] = {}
            for point in self.series.get(code, []):
                if point["country"] not in latest or point["year"] > latest[point["country"]]["year"]:
                    latest[point["country"]] = point
            self._latest[code] = latest
        return self._latest[code]

    def headline(self, code: str, iso3: str) -> Headline | None:
        """Value, year, change over five years from the same source, and rank (1 = highest) among the countries."""
        indicator = self.indicators.get(code)
        latest = self.latest_by_country(code)
        mine = latest.get(iso3)
        if indicator is None or mine is None:
            return None
        earlier = next((p for p in self.series[code] if p["country"] == iso3 and p["year"] == mine["year"] - 5), None)
        change = None
        if earlier and earlier["value"] and earlier["source"] == mine["source"]:
            change = (mine["value"] - earlier["value"]) / abs(earlier["value"]) * 100
        ordered = sorted(latest.values(), key=lambda p: p["value"], reverse=True)
        rank = next(i for i, p in enumerate(ordered, start=1) if p["country"] == iso3)
        return Headline(indicator=indicator, value=mine["value"], year=mine["year"],
                        source=self.sources[mine["source"]], change_pct=change,
                        change_from_year=earlier["year"] if change is not None else None, rank=rank,
                        ranked=len(ordered))


def inputs_load(*, series: bool = True, scorecard: bool = True, laws: bool = True) -> Inputs:
    """Load what the briefs read: series of the headline and trend indicators, sources, scorecard, laws."""
    codes = list(dict.fromkeys([*CARD_INDICATORS, *TREND_INDICATORS, POPULATION, MAP_INDICATOR]))
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes)}
    inputs = Inputs(
        countries=list(country_list()),
        indicators=indicators,
        series={code: indicator_series(indicator=indicator) for code, indicator in indicators.items()} if series
        else {},
        sources={s.key: s for s in Source.objects.all()},
    )
    scorecard_selectors = optional("observatory.scorecard.selectors") if scorecard else None
    if scorecard_selectors is not None:
        platform = scorecard_selectors.scorecard_platform()
        if platform.years:
            inputs.scorecard = platform
            inputs.uncertainty = scorecard_selectors.scorecard_uncertainty(platform=platform,
                                                                           year=platform.latest_year)
    law_selectors = optional("observatory.laws.selectors") if laws else None
    if law_selectors is not None:
        inputs.law_provisions = law_selectors.model_law_provisions()
        inputs.law_versions = law_selectors.versions_by_country()
    return inputs
