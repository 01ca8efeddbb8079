"""Vega-Lite maps of the 29 countries: a choropleth of numbers and a map of categories (pure functions).

Both fit the whole of every country in view (Russia included, from Kaliningrad to Chukotka), with a
projection centred on the region, and both make each country a link when ``links`` are given
(the explorer links a country to its own line chart).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from django.utils.translation import gettext as _

from observatory.charts.specs import NO_DATA_FILL, _base

# Colours for categories (Okabe–Ito, then greys): distinguishable with the common colour-vision deficiencies.
CATEGORY_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#8c959f"]
# Conic equal-area centred on 100° E with standard parallels at 50° and 70° N: the whole of Russia
# fits beside Europe and Central Asia, and its east stays continuous (the cut falls in the Pacific).
PROJECTION = {"type": "conicEqualArea", "rotate": [-100, 0], "parallels": [50, 70]}
# "no data" is written only on countries wide enough to hold it; smaller ones keep the hatching.
LABEL_MIN_SPAN = 8.0  # degrees of longitude


def _centroid(geometry: Mapping) -> tuple[float, float, float]:
    """The mean of the largest ring's points, and that ring's width in degrees of longitude."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    ring = max((p[0] for p in polygons), key=len)
    lons = [pt[0] for pt in ring]
    lats = [pt[1] for pt in ring]
    return sum(lons) / len(lons), sum(lats) / len(lats), max(lons) - min(lons)


def _features(shapes: Mapping[str, Mapping], labels: Mapping[str, str], values: Mapping, links: Mapping) -> list:
    features = []
    for iso3, geometry in shapes.items():
        if not geometry:
            continue
        features.append({"type": "Feature", "geometry": geometry,
                         "properties": {"iso3": iso3, "name": labels.get(iso3, iso3), "value": values.get(iso3),
                                        "href": links.get(iso3, "")}})
    return features


def _no_data_labels(features: Iterable[dict], label: str) -> dict | None:
    points = []
    for feature in features:
        if feature["properties"]["value"] is None:
            lon, lat, span = _centroid(feature["geometry"])
            if span < LABEL_MIN_SPAN:
                continue
            points.append({"lon": lon, "lat": lat, "label": label, "name": feature["properties"]["name"]})
    if not points:
        return None
    return {
        "data": {"values": points},
        "mark": {"type": "text", "fontSize": 9, "color": "#57606a"},
        "encoding": {"longitude": {"field": "lon", "type": "quantitative"},
                     "latitude": {"field": "lat", "type": "quantitative"},
                     "text": {"field": "label"}, "tooltip": [{"field": "name"}, {"field": "label"}]},
    }


def _layers(features: list, coloured: dict, *, no_data_label: str, tooltip_value: dict) -> list:
    """No-data shapes (hatched by the renderer), coloured shapes, outlines and no-data labels."""
    href = {"href": {"field": "properties.href"}}
    with_links = any(f["properties"]["href"] for f in features)
    name = {"field": "properties.name", "title": _("Country")}
    layers = [
        {"data": {"values": [f for f in features if f["properties"]["value"] is None], "format": {"type": "json"}},
         "mark": {"type": "geoshape", "fill": NO_DATA_FILL, "stroke": "#ffffff", "strokeWidth": 0.7,
                  **({"cursor": "pointer"} if with_links else {})},
         "encoding": {"tooltip": [name], **(href if with_links else {})}},
        {"data": {"values": [f for f in features if f["properties"]["value"] is not None],
                  "format": {"type": "json"}},
         "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.7,
                  **({"cursor": "pointer"} if with_links else {})},
         "encoding": {"color": coloured, "tooltip": [name, tooltip_value], **(href if with_links else {})}},
        {"data": {"values": features, "format": {"type": "json"}},
         "mark": {"type": "geoshape", "fill": None, "stroke": "#8c959f", "strokeWidth": 0.4}},
    ]
    labels = _no_data_labels(features, no_data_label)
    if labels:
        layers.append(labels)
    return layers


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
    links: Mapping[str, str] | None = None,
    width="container",
    height: int = 420,
) -> dict:
    """A map of the countries coloured by ``values`` (ISO3 → value) for one year.

    Countries without a value are drawn in a sentinel colour that the server's
    SVG renderer turns into a hatch pattern, and carry a "no data" label. The
    colour scale is viridis (colour-blind safe); darker means worse when the
    indicator's direction is known. The legend states the unit and the year.
    """
    features = _features(shapes, labels, values, links or {})
    colour = {"field": "properties.value", "type": "quantitative",
              "scale": {"scheme": "viridis", "reverse": higher_is_better is not True},
              "title": [unit, str(year)], "legend": {"orient": "bottom-left", "direction": "horizontal",
                                                     "gradientLength": 160, "titleLimit": 400}}
    spec = _base(title=title, subtitle=f"{unit}, {year}", source=source, description=description, width=width,
                 height=height)
    spec["projection"] = {**PROJECTION, "fit": features}
    spec["layer"] = _layers(features, colour, no_data_label=no_data_label,
                            tooltip_value={"field": "properties.value", "title": unit, "format": ",.4~f"})
    return spec


def category_map(
    *,
    shapes: Mapping[str, Mapping],
    categories: Mapping[str, str],
    order: Sequence[str],
    labels: Mapping[str, str],
    title: str,
    year: int | str,
    source: str,
    no_data_label: str,
    legend_title: str,
    description: str = "",
    links: Mapping[str, str] | None = None,
    width="container",
    height: int = 420,
) -> dict:
    """A map of the countries coloured by a category (ISO3 → label), the legend in ``order``."""
    features = _features(shapes, labels, categories, links or {})
    colour = {"field": "properties.value", "type": "nominal", "title": [legend_title, str(year)],
              "scale": {"domain": list(order), "range": CATEGORY_COLOURS[: len(order)] or CATEGORY_COLOURS[:1]},
              "legend": {"orient": "bottom-left", "labelLimit": 300, "titleLimit": 400}}
    spec = _base(title=title, subtitle=str(year), source=source, description=description, width=width,
                 height=height)
    spec["projection"] = {**PROJECTION, "fit": features}
    spec["layer"] = _layers(features, colour, no_data_label=no_data_label,
                            tooltip_value={"field": "properties.value", "title": legend_title})
    return spec
