"""The indicator explorer: its state (kept in the URL) and the data and charts it shows.

The state is parsed from the query string, so a link reproduces exactly what
its sender saw: ``?view=map&year=2015``, ``?view=chart&countries=UKR,GEO&from=2000&measure=per_capita``.
Categorical indicators (a legal status, yes/no) have their own data and map in ``explorer_categories``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from observatory.charts import maps, specs
from observatory.core.i18n import translated
from observatory.countries.selectors import country_list
from observatory.indicators import relative
from observatory.indicators.models import Indicator
from observatory.indicators.selectors import (indicator_series, indicator_sources, population_by_year,
                                              source_names)

VIEWS = ("chart", "map", "table")
SORTS = ("country", "-country", "value", "-value")
MEASURES = ("absolute", "per_capita", "index")
MAX_HIGHLIGHT = 6
# Highlighted when the visitor has chosen none: countries where the network works in depth, spread
# across the region, in this order, when they have at least two values to draw a line.
DEFAULT_HIGHLIGHT = ("UKR", "KAZ", "GEO", "LTU", "MDA", "KGZ", "EST", "ARM", "SRB")
DEFAULT_COUNT = 4
TABLE_YEARS = 6


@dataclass
class ExplorerState:
    view: str = "chart"
    countries: list[str] = field(default_factory=list)
    year_from: int | None = None
    year_to: int | None = None
    year: int | None = None
    sort: str = "country"
    measure: str = "absolute"
    no_highlight: bool = False  # the visitor unticked every country: no default highlight either
    too_many: bool = False  # more than MAX_HIGHLIGHT were ticked; the first ones are kept

    @classmethod
    def from_query(cls, query, *, known_countries: set[str]) -> "ExplorerState":
        def year(name):
            value = query.get(name, "").strip()
            return int(value) if value.isdigit() and 1900 <= int(value) <= 2100 else None

        # ``countries=UKR,GEO`` (shared links) or repeated ``c=UKR&c=GEO`` (the form's checkboxes).
        codes = [c.strip().upper() for c in query.get("countries", "").split(",") if c.strip()]
        codes += [c.strip().upper() for c in query.getlist("c") if c.strip()] if hasattr(query, "getlist") else []
        valid = [c for c in dict.fromkeys(codes) if c in known_countries]
        # The form says it was sent (``picked``), so ticking nothing means "highlight none".
        none = "NONE" in codes or (bool(query.get("picked")) and not valid)
        return cls(
            view=query.get("view") if query.get("view") in VIEWS else "chart",
            countries=valid[:MAX_HIGHLIGHT], too_many=len(valid) > MAX_HIGHLIGHT, no_highlight=none and not valid,
            year_from=year("from"), year_to=year("to"), year=year("year"),
            sort=query.get("sort") if query.get("sort") in SORTS else "country",
            measure=query.get("measure") if query.get("measure") in MEASURES else "absolute",
        )

    @property
    def reversed_range(self) -> bool:
        return self.year_from is not None and self.year_to is not None and self.year_from > self.year_to

    def links(self) -> dict[str, str]:
        """Query strings for the view tabs and the sortable table headers."""
        links = {view: self.query(view=view) for view in VIEWS}
        for key in ("country", "value"):
            links[f"sort_{key}"] = self.query(sort=f"-{key}" if self.sort == key else key)
        return links

    def query(self, **changes) -> str:
        """The query string of this state with ``changes`` applied (for links between views)."""
        countries = "none" if self.no_highlight else ",".join(self.countries)
        values = {"view": self.view, "countries": countries, "from": self.year_from, "to": self.year_to,
                  "year": self.year, "sort": self.sort if self.sort != "country" else None, "measure": self.measure if self.measure != "absolute" else None}
        values.update(changes)
        return urlencode({k: v for k, v in values.items() if v not in (None, "", [])})


def measures(indicator: Indicator) -> list[tuple[str, str]]:
    """The ways this indicator can be shown: as published, per 100,000 population (counts), as an index."""
    if indicator.kind != Indicator.Kind.NUMERIC:
        return []
    options = [("absolute", _("As published"))]
    if indicator.is_count:
        options.append(("per_capita", _("Per 100,000 population")))
    options.append(("index", _("Index, first year = 100")))
    return options


def source_line(indicator: Indicator, keys: set[str] | None = None) -> str:
    """"Source: publisher (edition); ..." for the sources of the values drawn (all the indicator's if ``keys`` is None)."""
    sources = [s for s in indicator_sources(indicator=indicator) if keys is None or s.key in keys]
    names = list(dict.fromkeys(s.label for s in sources))
    text = "; ".join(names[:2])
    if len(names) > 2:
        text += " " + _("and %(n)s more (see the sources list)") % {"n": len(names) - 2}
    return _("Source: %(sources)s") % {"sources": text}


def _with_population(spec: dict, note: str) -> dict:
    """The population's source as its own line under the chart's source (per-capita views)."""
    if note:
        spec["title"]["subtitle"].append(note)
    return spec


@dataclass
class ExplorerData:
    indicator: Indicator
    state: ExplorerState
    points: list[dict]
    labels: dict[str, str]
    years: list[int]
    map_year: int | None
    map_values: dict[str, float]
    highlight: list[str] = field(default_factory=list)
    default_highlight: bool = False
    measure: str = "absolute"
    unit: str = ""
    notices: list[str] = field(default_factory=list)
    span: tuple[int, int] | None = None  # the years the indicator covers at all
    sources: dict[str, str] = field(default_factory=dict)  # key → "Publisher (edition)"
    population_note: str = ""

    @property
    def highlight_names(self) -> list[str]:
        return [self.labels.get(iso3, iso3) for iso3 in self.highlight]

    def table(self) -> dict:
        """Several years side by side (up to the map year in the map view), the highlighted countries first.

        Each row also has its latest value up to that year, so that sparse series are not lost, and
        names the sources of its values.
        """
        end = self.map_year if self.state.view == "map" and self.map_year else (self.years[-1] if self.years else 0)
        years = [y for y in self.years if y <= end][-TABLE_YEARS:]
        by_country: dict[str, dict[int, dict]] = {}
        for point in self.points:
            if point["year"] <= end:
                by_country.setdefault(point["country"], {})[point["year"]] = point
        rows = []
        for iso3, values in by_country.items():
            latest = values[max(values)]
            shown = [values[y] for y in years if y in values] + [latest]
            rows.append({
                "country": iso3, "name": self.labels.get(iso3, iso3), "highlighted": iso3 in self.highlight,
                "cells": [values[y]["value"] if y in values else None for y in years],
                "latest": latest["value"], "latest_year": latest["year"],
                "sources": "; ".join(dict.fromkeys(self.sources.get(p["source"], p["source"]) for p in shown)),
            })
        key = self.state.sort.lstrip("-")
        from observatory.core.i18n import collation_key

        rows.sort(key=(lambda r: collation_key(r["name"])) if key == "country" else (lambda r: r["latest"]),
                  reverse=self.state.sort.startswith("-"))
        rows.sort(key=lambda r: not r["highlighted"])  # stable: the chosen order within each group
        return {"years": years, "rows": rows}

    def selection(self) -> list[dict]:
        """The points of the chosen countries (all countries when none were chosen), for the CSV of the selection."""
        chosen = set(self.state.countries)
        return [p for p in self.points if not chosen or p["country"] in chosen]


def _highlight(state: ExplorerState, points: list[dict]) -> tuple[list[str], bool]:
    if state.countries or state.no_highlight:
        return list(state.countries), False
    counts = Counter(p["country"] for p in points)
    chosen = [c for c in DEFAULT_HIGHLIGHT if counts[c] >= 2][:DEFAULT_COUNT]
    for iso3, n in counts.most_common():
        if len(chosen) >= DEFAULT_COUNT or n < 2:
            break
        if iso3 not in chosen:
            chosen.append(iso3)
    return chosen, True


def explorer_data(*, indicator: Indicator, state: ExplorerState) -> ExplorerData:
    labels = {c.iso3: c.name for c in country_list()}
    everything = indicator_series(indicator=indicator)
    span = (min(p["year"] for p in everything), max(p["year"] for p in everything)) if everything else None
    notices = []
    if state.reversed_range:
        notices.append(_("The first year (%(from)s) is after the last year (%(to)s): nothing can be drawn. "
                         "Swap the two years, or clear one of them.") % {"from": state.year_from, "to": state.year_to})
        points = []
    else:
        points = [p for p in everything if (state.year_from is None or p["year"] >= state.year_from)
                  and (state.year_to is None or p["year"] <= state.year_to)]
        if everything and not points:
            notices.append(_("There are no values between %(from)s and %(to)s. This indicator has values for "
                             "%(first)s–%(last)s.") % {"from": state.year_from or span[0], "to": state.year_to or span[1],
                                                      "first": span[0], "last": span[1]})
    measure = state.measure if state.measure in dict(measures(indicator)) else "absolute"
    unit, population_note, population_keys = indicator.unit, "", set()
    if measure == "per_capita":
        points, missing = relative.per_capita(points, population_by_year())
        population_keys = {p["population_source"] for p in points}
        unit = _("%(unit)s per 100,000 population") % {"unit": indicator.unit}
        if missing:
            notices.append(ngettext(
                "%(n)s value is left out: there is no population figure for its country and year.",
                "%(n)s values are left out: there is no population figure for their country and year.",
                len(missing)) % {"n": len(missing)})
    elif measure == "index":
        points = relative.indexed(points)
        unit = _("index: each country's first year with data = 100")
    if state.too_many:
        notices.append(_("At most %(n)s countries can be highlighted; the first %(n)s ticked are shown.")
                       % {"n": MAX_HIGHLIGHT})
    highlight, default = _highlight(state, points)
    years = sorted({p["year"] for p in points})
    map_year = state.year if state.year in years else (_best_map_year(points) if points else None)
    map_values = {p["country"]: p["value"] for p in points if p["year"] == map_year}
    names = source_names(keys={p["source"] for p in points} | population_keys)
    if population_keys:
        population_note = _("Population: %(sources)s") % {
            "sources": "; ".join(sorted(names.get(k, k) for k in population_keys))}
    return ExplorerData(indicator=indicator, state=state, points=points, labels=labels, years=years,
                        map_year=map_year, map_values=map_values, highlight=highlight, default_highlight=default,
                        measure=measure, unit=unit, notices=notices, span=span, sources=names,
                        population_note=population_note)


def _best_map_year(points: list[dict]) -> int:
    """The latest year in which at least half as many countries report as in the best-covered year."""
    counts: dict[int, int] = {}
    for point in points:
        counts[point["year"]] = counts.get(point["year"], 0) + 1
    threshold = max(counts.values()) / 2
    return max(year for year, n in counts.items() if n >= threshold)


def country_links(state: ExplorerState, code: str) -> dict[str, str]:
    """Each country's line chart in this explorer: where a click on the map leads."""
    base = reverse("indicators:detail", args=[code])
    return {iso3: f"{base}?{state.query(view='chart', countries=iso3, year=None)}"
            for iso3 in country_list().values_list("iso3", flat=True)}


def chart_spec(data: ExplorerData, *, events: list[dict] | None = None) -> dict:
    """The spec of the current view: the line chart or the map."""
    indicator = data.indicator
    if data.state.view == "map":
        shapes = {c.iso3: c.geometry for c in country_list()}
        description = _("Map of %(name)s in %(year)s. %(n)s countries have data.") % {
            "name": indicator.name, "year": data.map_year, "n": len(data.map_values)}
        keys = {p["source"] for p in data.points if p["year"] == data.map_year}
        return _with_population(maps.choropleth(
            shapes=shapes, values=data.map_values, labels=data.labels, title=indicator.name,
            unit=data.unit, year=data.map_year or "", source=source_line(indicator, keys),
            no_data_label=_("no data"), higher_is_better=indicator.higher_is_better if data.measure != "index"
            else None, description=description, links=country_links(data.state, indicator.code),
        ), data.population_note)
    description = _("Line chart of %(name)s over time for %(n)s countries; the bold line is the median of "
                    "the countries with data each year, where at least %(min)s have data.") % {
        "name": indicator.name, "n": len({p['country'] for p in data.points}), "min": specs.MEDIAN_MIN_COUNTRIES}
    return _with_population(specs.line_chart(
        points=data.points, title=indicator.name, unit=data.unit,
        source=source_line(indicator, {p["source"] for p in data.points}),
        labels=data.labels, highlight=data.highlight, events=events or [],
        median_label=_("median of the countries"), description=description,
    ), data.population_note)


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
