"""The indicator explorer: its state (kept in the URL) and the charts it shows.

The state is parsed from the query string, so a link reproduces exactly what
its sender saw: ``?view=map&year=2015``, ``?view=chart&countries=UKR,GEO&from=2000``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from observatory.charts import specs
from observatory.core.i18n import translated
from observatory.countries.selectors import country_list
from observatory.indicators.models import Indicator
from observatory.indicators.selectors import indicator_series, indicator_sources

VIEWS = ("chart", "map", "table")
SORTS = ("country", "-country", "value", "-value", "year", "-year")


@dataclass
class ExplorerState:
    view: str = "chart"
    countries: list[str] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    year: int | None = None
    sort: str = "country"

    @classmethod
    def from_query(cls, query, *, known_countries: set[str]) -> "ExplorerState":
        def year(name):
            value = query.get(name, "")
            return int(value) if value.isdigit() and 1900 <= int(value) <= 2100 else None

        # ``countries=UKR,GEO`` (shared links) or repeated ``c=UKR&c=GEO`` (the form without JavaScript).
        codes = [c.strip().upper() for c in query.get("countries", "").split(",") if c.strip()]
        codes += [c.strip().upper() for c in query.getlist("c") if c.strip()] if hasattr(query, "getlist") else []
        return cls(
            view=query.get("view") if query.get("view") in VIEWS else "chart",
            countries=[c for c in dict.fromkeys(codes) if c in known_countries][:6],
            year_from=year("from"), year_to=year("to"), year=year("year"),
            sort=query.get("sort") if query.get("sort") in SORTS else "country",
        )

    def links(self) -> dict[str, str]:
        """Query strings for the view tabs and the sortable table headers."""
        links = {view: self.query(view=view) for view in VIEWS}
        for key in ("country", "value", "year"):
            links[f"sort_{key}"] = self.query(sort=f"-{key}" if self.sort == key else key)
        return links

    def query(self, **changes) -> str:
        """The query string of this state with ``changes`` applied (for links between views)."""
        values = {"view": self.view, "countries": ",".join(self.countries), "from": self.year_from,
                  "to": self.year_to, "year": self.year, "sort": self.sort}
        values.update(changes)
        return urlencode({k: v for k, v in values.items() if v not in (None, "", [])})


def source_line(indicator: Indicator, keys: set[str] | None = None) -> str:
    """"Source: publisher (edition); ..." for the sources of the values drawn (all the indicator's if ``keys`` is None)."""
    sources = [s for s in indicator_sources(indicator=indicator) if keys is None or s.key in keys]
    names = list(dict.fromkeys(s.publisher_name + (f" ({s.edition})" if s.edition else "") for s in sources))
    text = "; ".join(names[:2])
    if len(names) > 2:
        text += " " + _("and %(n)s more (see the sources list)") % {"n": len(names) - 2}
    return _("Source: %(sources)s") % {"sources": text}


@dataclass
class ExplorerData:
    indicator: Indicator
    state: ExplorerState
    points: list[dict]
    labels: dict[str, str]
    years: list[int]
    map_year: int | None
    map_values: dict[str, float]

    def rows(self) -> list[dict]:
        """The table view: each country's value in the map year (or its latest), sortable."""
        latest: dict[str, dict] = {}
        for point in self.points:
            if self.map_year is not None and point["year"] > self.map_year:
                continue
            latest[point["country"]] = point
        rows = [{**p, "name": self.labels[p["country"]]} for p in latest.values()]
        key = self.state.sort.lstrip("-")
        field_name = "name" if key == "country" else key
        return sorted(rows, key=lambda r: r[field_name], reverse=self.state.sort.startswith("-"))


def explorer_data(*, indicator: Indicator, state: ExplorerState) -> ExplorerData:
    countries = list(country_list())
    labels = {c.iso3: c.name for c in countries}
    points = indicator_series(indicator=indicator, year_from=state.year_from, year_to=state.year_to)
    years = sorted({p["year"] for p in points})
    map_year = state.year if state.year in years else (_best_map_year(points) if points else None)
    map_values = {p["country"]: p["value"] for p in points if p["year"] == map_year}
    return ExplorerData(indicator=indicator, state=state, points=points, labels=labels, years=years,
                        map_year=map_year, map_values=map_values)


def _best_map_year(points: list[dict]) -> int:
    """The latest year in which at least half as many countries report as in the best-covered year."""
    counts: dict[int, int] = {}
    for point in points:
        counts[point["year"]] = counts.get(point["year"], 0) + 1
    threshold = max(counts.values()) / 2
    return max(year for year, n in counts.items() if n >= threshold)


def chart_spec(data: ExplorerData, *, events: list[dict] | None = None) -> dict:
    """The spec of the current view: the line chart or the map."""
    indicator = data.indicator
    if data.state.view == "map":
        shapes = {c.iso3: c.geometry for c in country_list()}
        description = _("Map of %(name)s in %(year)s. %(n)s countries have data.") % {
            "name": indicator.name, "year": data.map_year, "n": len(data.map_values)}
        return specs.choropleth(
            shapes=shapes, values=data.map_values, labels=data.labels, title=indicator.name,
            unit=indicator.unit, year=data.map_year or "",
            source=source_line(indicator, {p["source"] for p in data.points if p["year"] == data.map_year}),
            no_data_label=_("no data"), higher_is_better=indicator.higher_is_better, description=description,
        )
    highlighted = data.state.countries
    description = _("Line chart of %(name)s over time for %(n)s countries; the bold line is the median of "
                    "the countries with data each year.") % {"name": indicator.name,
                                                             "n": len({p['country'] for p in data.points})}
    return specs.line_chart(
        points=data.points, title=indicator.name, unit=indicator.unit,
        source=source_line(indicator, {p["source"] for p in data.points}),
        labels=data.labels, highlight=highlighted, events=events or [], median_label=_("median of the countries"),
        description=description,
    )


def event_markers(*, countries: list[str]) -> list[dict]:
    """Policy events of the highlighted countries as chart markers (empty when none are highlighted)."""
    if not countries:
        return []
    try:
        from observatory.events.selectors import events_for_country
    except ImportError:  # the events capability is optional for the explorer
        return []
    from observatory.countries.selectors import country_get

    markers = []
    for iso3 in countries[:1]:
        country = country_get(iso3=iso3)
        if country is None:
            continue
        for event in events_for_country(country=country):
            fraction = (event.date.timetuple().tm_yday - 1) / 366 if event.precision != "year" else 0.0
            markers.append({"year": event.date.year + fraction, "label": translated(event, "title"),
                            "date": str(event.date.year)})
    return markers
