"""Vega-Lite specifications for the platform's charts: pure functions, plain data in, a dict out.

One spec serves the web page (rendered to SVG on the server, made interactive by
vega-embed where JavaScript runs), the embed variant and the PDF reports.
Every chart carries its source in a footer line and a text description for
screen readers (``description``).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence

from django.utils.translation import gettext as _

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
FONT = "DejaVu Sans"
# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
HIGHLIGHT = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]
MEDIAN_COLOUR = "#000000"
FADED = "#b8c2cc"
NO_DATA_FILL = "#fdfdfc"  # a sentinel: the SVG renderer replaces it with a hatch pattern
EVENT_COLOUR = "#6b4c9a"

_CONFIG = {
    "font": FONT,
    # The whole chart is one image with a title, a description and a data table beside it; per-mark ARIA
    # roles would make screen readers announce hundreds of unlabelled shapes.
    "aria": False,
    "mark": {"aria": False},
    "view": {"stroke": None},
    "axis": {"labelFontSize": 11, "titleFontSize": 11, "gridColor": "#e6e9ed", "aria": False},
    "legend": {"labelFontSize": 11, "titleFontSize": 11, "aria": False},
    "title": {"fontSize": 14, "anchor": "start", "subtitleFontSize": 11, "subtitleColor": "#57606a", "limit": 700,
              "aria": False},
}


def _base(*, title: str, subtitle: str | Sequence[str], source: str, description: str, width, height) -> dict:
    lines = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    return {
        "$schema": SCHEMA,
        "title": {"text": title, "subtitle": [*[l for l in lines if l], source]},
        "description": description,
        "width": width,
        "height": height,
        "config": _CONFIG,
    }


def median_by_year(points: Iterable[Mapping]) -> list[dict]:
    """The cross-country median for each year (countries with a value that year)."""
    by_year: dict[int, list[float]] = {}
    for point in points:
        if point.get("value") is not None:
            by_year.setdefault(point["year"], []).append(point["value"])
    return [{"year": year, "value": statistics.median(values), "n": len(values)}
            for year, values in sorted(by_year.items())]


def line_chart(
    *,
    points: Sequence[Mapping],
    title: str,
    unit: str,
    source: str,
    labels: Mapping[str, str],
    highlight: Sequence[str] = (),
    events: Sequence[Mapping] = (),
    median_label: str = "median",
    description: str = "",
    width="container",
    height: int = 320,
) -> dict:
    """Lines over time: every country faded, the highlighted ones in colour, the median bold.

    ``points`` are ``{"country": ISO3, "year": int, "value": float}``; ``labels``
    maps ISO3 to the country name shown. ``events`` are
    ``{"year": float, "label": str}`` drawn as vertical rules with their label
    as tooltip (they belong to the highlighted country).
    """
    data = [{**p, "name": labels.get(p["country"], p["country"])} for p in points if p.get("value") is not None]
    highlighted = [c for c in highlight if any(p["country"] == c for p in data)]
    faded = [p for p in data if p["country"] not in highlighted]
    bright = [p for p in data if p["country"] in highlighted]
    medians = median_by_year(data)
    x = {"field": "year", "type": "quantitative", "title": None, "axis": {"format": "d", "tickMinStep": 1}}
    y = {"field": "value", "type": "quantitative", "title": unit}
    layers = [
        {"data": {"values": faded}, "mark": {"type": "line", "strokeWidth": 1, "color": FADED, "interpolate": "linear"},
         "encoding": {"x": x, "y": y, "detail": {"field": "name"},
                      "tooltip": [{"field": "name", "title": _("Country")},
                                  {"field": "year", "title": _("Year"), "format": "d"},
                                  {"field": "value", "title": unit, "format": ",.4~f"}]}},
    ]
    if len({p["country"] for p in data}) >= 3:
        layers.append({
            "data": {"values": [{**m, "series": median_label} for m in medians]},
            "mark": {"type": "line", "strokeWidth": 3, "color": MEDIAN_COLOUR},
            "encoding": {"x": x, "y": y, "tooltip": [{"field": "series", "title": _("Series")},
                                                      {"field": "year", "title": _("Year"), "format": "d"},
                                                      {"field": "value", "title": unit, "format": ",.4~f"},
                                                      {"field": "n", "title": _("Countries with data")}]},
        })
    if bright:
        layers.append({
            "data": {"values": bright},
            "mark": {"type": "line", "strokeWidth": 2.5, "point": {"size": 30}},
            "encoding": {
                "x": x, "y": y,
                "color": {"field": "name", "type": "nominal", "title": None,
                          "scale": {"domain": [labels.get(c, c) for c in highlighted],
                                    "range": HIGHLIGHT[: len(highlighted)]},
                          "legend": {"orient": "bottom"}},
                "tooltip": [{"field": "name", "title": _("Country")},
                            {"field": "year", "title": _("Year"), "format": "d"},
                            {"field": "value", "title": unit, "format": ",.4~f"}],
            },
        })
    if events:
        years = [p["year"] for p in data]
        if years:
            inside = [e for e in events if min(years) - 0.5 <= e["year"] <= max(years) + 0.5]
            if inside:
                layers.append({
                    "data": {"values": list(inside)},
                    "mark": {"type": "rule", "color": EVENT_COLOUR, "strokeDash": [4, 3], "strokeWidth": 1.5},
                    "encoding": {"x": {"field": "year", "type": "quantitative"},
                                 "tooltip": [{"field": "date", "title": _("Date")},
                                             {"field": "label", "title": _("Policy event")}]},
                })
                layers.append({
                    "data": {"values": [{**e, "marker": "▼"} for e in inside]},
                    "mark": {"type": "text", "color": EVENT_COLOUR, "dy": -4, "baseline": "bottom", "fontSize": 11},
                    "encoding": {"x": {"field": "year", "type": "quantitative"}, "y": {"value": 0},
                                 "text": {"field": "marker"},
                                 "tooltip": [{"field": "date", "title": _("Date")},
                                             {"field": "label", "title": _("Policy event")}]},
                })
    spec = _base(title=title, subtitle=unit, source=source, description=description, width=width, height=height)
    spec["layer"] = layers
    return spec


def _centroid(geometry: Mapping) -> tuple[float, float]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    ring = max((p[0] for p in polygons), key=len)
    lons = [pt[0] for pt in ring]
    lats = [pt[1] for pt in ring]
    return sum(lons) / len(lons), sum(lats) / len(lats)


def choropleth(
    *,
    shapes: Mapping[str, Mapping],
    values: Mapping[str, float],
    labels: Mapping[str, str],
    title: str,
    unit: str,
    year: int | str,
    source: str,
    no_data_label: str,
    higher_is_better: bool | None = None,
    description: str = "",
    fit_exclude: Iterable[str] = ("RUS",),
    width="container",
    height: int = 380,
) -> dict:
    """A map of the countries coloured by ``values`` (ISO3 → value) for one year.

    Countries without a value are drawn in a sentinel colour that the server's
    SVG renderer turns into a hatch pattern, and carry a "no data" label. The
    colour scale is viridis (colour-blind safe); darker means worse when the
    indicator's direction is known. The legend states the unit and the year.
    """
    features = []
    for iso3, geometry in shapes.items():
        if not geometry:
            continue
        value = values.get(iso3)
        features.append({"type": "Feature", "geometry": geometry,
                         "properties": {"iso3": iso3, "name": labels.get(iso3, iso3), "value": value}})
    fit = [f for f in features if f["properties"]["iso3"] not in set(fit_exclude)]
    no_data = []
    for feature in features:
        if feature["properties"]["value"] is None:
            lon, lat = _centroid(feature["geometry"])
            no_data.append({"lon": lon, "lat": lat, "label": no_data_label, "name": feature["properties"]["name"]})
    projection = {"type": "conicEqualArea", "rotate": [-50, 0], "parallels": [43, 62], "fit": fit}
    scheme = {"scheme": "viridis", "reverse": higher_is_better is not True}
    with_data = [f for f in features if f["properties"]["value"] is not None]
    without = [f for f in features if f["properties"]["value"] is None]
    layers = [
        {
            "data": {"values": without, "format": {"type": "json"}},
            "mark": {"type": "geoshape", "fill": NO_DATA_FILL, "stroke": "#ffffff", "strokeWidth": 0.7, "clip": True},
            "encoding": {"tooltip": [{"field": "properties.name", "title": _("Country")}]},
        },
        {
            "data": {"values": with_data, "format": {"type": "json"}},
            "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.7, "clip": True},
            "encoding": {
                "color": {
                    "field": "properties.value", "type": "quantitative", "scale": scheme,
                    "title": [unit, str(year)], "legend": {"orient": "bottom-left", "direction": "horizontal",
                                                           "gradientLength": 160, "titleLimit": 400},
                },
                "tooltip": [{"field": "properties.name", "title": _("Country")},
                            {"field": "properties.value", "title": unit, "format": ",.4~f"}],
            },
        },
        {
            "data": {"values": features, "format": {"type": "json"}},
            "mark": {"type": "geoshape", "fill": None, "stroke": "#8c959f", "strokeWidth": 0.4, "clip": True},
        },
    ]
    if no_data:
        layers.append({
            "data": {"values": no_data},
            "mark": {"type": "text", "fontSize": 9, "color": "#57606a", "clip": True},
            "encoding": {"longitude": {"field": "lon", "type": "quantitative"},
                         "latitude": {"field": "lat", "type": "quantitative"},
                         "text": {"field": "label"}, "tooltip": [{"field": "name"}, {"field": "label"}]},
        })
    spec = _base(title=title, subtitle=f"{unit}, {year}", source=source, description=description, width=width,
                 height=height)
    spec["projection"] = projection
    spec["layer"] = layers
    return spec


def scatter(
    *,
    points: Sequence[Mapping],
    x_title: str,
    y_title: str,
    title: str,
    subtitle: str,
    source: str,
    highlight: str | None = None,
    description: str = "",
    width="container",
    height: int = 280,
) -> dict:
    """One point per country (``{"country", "name", "x", "y"}``), the highlighted country in colour, labelled."""
    data = [{**p, "highlight": p["country"] == highlight} for p in points]
    spec = _base(title=title, subtitle=subtitle, source=source, description=description, width=width, height=height)
    encoding = {
        "x": {"field": "x", "type": "quantitative", "title": x_title, "scale": {"zero": False}},
        "y": {"field": "y", "type": "quantitative", "title": y_title, "scale": {"zero": False}},
        "tooltip": [{"field": "name", "title": _("Country")}, {"field": "x", "title": x_title, "format": ",.4~f"},
                    {"field": "y", "title": y_title, "format": ",.4~f"}],
    }
    spec["data"] = {"values": data}
    spec["layer"] = [
        {"mark": {"type": "point", "filled": True, "size": 60},
         "encoding": {**encoding, "color": {"condition": {"test": "datum.highlight", "value": HIGHLIGHT[1]},
                                            "value": HIGHLIGHT[0]}}},
        {"mark": {"type": "text", "dx": 6, "align": "left", "fontSize": 10, "color": "#57606a"},
         "encoding": {**encoding, "text": {"field": "name"}}},
    ]
    return spec


def correlation(xs: Sequence[float], ys: Sequence[float]) -> dict | None:
    """Pearson's r with its 95% confidence interval (Fisher z) and p-value; ``None`` below 4 pairs.

    With n countries the interval is wide; it is shown so that nobody reads a
    correlation among a handful of countries as a law of nature.
    """
    from scipy import stats

    n = len(xs)
    if n < 4 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return None
    result = stats.pearsonr(xs, ys)
    interval = result.confidence_interval(confidence_level=0.95)
    return {"r": float(result.statistic), "ci_low": float(interval.low), "ci_high": float(interval.high),
            "p_value": float(result.pvalue), "n": n}
