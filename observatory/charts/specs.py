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


# A median of fewer countries jumps as countries drop in and out of the data (2 → 14 → 7 → 21).
MEDIAN_MIN_COUNTRIES = 5


def median_by_year(points: Iterable[Mapping], *, min_countries: int = MEDIAN_MIN_COUNTRIES) -> list[dict]:
    """The cross-country median for each year in which at least ``min_countries`` countries have a value."""
    by_year: dict[int, list[float]] = {}
    for point in points:
        if point.get("value") is not None:
            by_year.setdefault(point["year"], []).append(point["value"])
    return [{"year": year, "value": statistics.median(values), "n": len(values)}
            for year, values in sorted(by_year.items()) if len(values) >= min_countries]


def end_labels(points: Sequence[Mapping], countries: Sequence[str], *, height: int, gap_px: float = 13) -> list[dict]:
    """Each country's last point, with a label position nudged apart so that names do not overlap.

    Positions are in data units, on the y-scale the chart will use (zero to the largest value),
    at least ``gap_px`` apart on a plot ``height`` pixels tall.
    """
    values = [p["value"] for p in points]
    if not values:
        return []
    low, high = min(0.0, min(values)), max(values)
    gap = (high - low) * gap_px / max(height, 1) if high > low else 1.0
    last = {}
    for point in points:
        if point["country"] in countries and (point["country"] not in last
                                              or point["year"] > last[point["country"]]["year"]):
            last[point["country"]] = point
    ends = sorted(({**p, "label_y": p["value"]} for p in last.values()), key=lambda p: p["value"])
    for below, above in zip(ends, ends[1:]):
        above["label_y"] = max(above["label_y"], below["label_y"] + gap)
    return ends


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
    event_key: bool = True,
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
    if medians:
        layers.append({
            "data": {"values": [{**m, "series": median_label} for m in medians]},
            "mark": {"type": "line", "strokeWidth": 3, "color": MEDIAN_COLOUR},
            "encoding": {"x": x, "y": y, "tooltip": [{"field": "series", "title": _("Series")},
                                                      {"field": "year", "title": _("Year"), "format": "d"},
                                                      {"field": "value", "title": unit, "format": ",.4~f"},
                                                      {"field": "n", "title": _("Countries with data")}]},
        })
    if bright:
        colour = {"field": "name", "type": "nominal", "title": None, "legend": None,
                  "scale": {"domain": [labels.get(c, c) for c in highlighted], "range": HIGHLIGHT[: len(highlighted)]}}
        layers.append({
            "data": {"values": bright},
            "mark": {"type": "line", "strokeWidth": 2.5, "point": {"size": 30}},
            "encoding": {
                "x": x, "y": y, "color": colour,
                "tooltip": [{"field": "name", "title": _("Country")},
                            {"field": "year", "title": _("Year"), "format": "d"},
                            {"field": "value", "title": unit, "format": ",.4~f"}],
            },
        })
        # Each highlighted line is named at its end, as in a printed chart: no legend to look up.
        layers.append({
            "data": {"values": end_labels(bright, highlighted, height=height)},
            "mark": {"type": "text", "align": "left", "baseline": "middle", "dx": 6, "fontSize": 11,
                     "fontWeight": "bold", "limit": 130},
            "encoding": {"x": x, "y": {"field": "label_y", "type": "quantitative"}, "text": {"field": "name"},
                         "color": colour},
        })
    key_lines = []
    if events:
        years = [p["year"] for p in data]
        if years:
            inside = [e for e in events if min(years) - 0.5 <= e["year"] <= max(years) + 0.5]
            if inside:
                # Each event is numbered at the top of its line and named in the key under the source,
                # so PNG and SVG downloads say what the lines are without overlapping the data.
                # A document that lists the events itself numbers them (``number``) and leaves out the key.
                numbered = [{**e, "number": str(e.get("number") or n)} for n, e in enumerate(inside, start=1)]
                key_lines = [f"{e['number']}. {e.get('date', '')} {e['label']}".replace("  ", " ") for e in numbered]
                tooltip = [{"field": "date", "title": _("Date")}, {"field": "label", "title": _("Policy event")}]
                layers.append({
                    "data": {"values": numbered},
                    "mark": {"type": "rule", "color": EVENT_COLOUR, "strokeDash": [4, 3], "strokeWidth": 1.5},
                    "encoding": {"x": {"field": "year", "type": "quantitative"}, "tooltip": tooltip},
                })
                layers.append({
                    "data": {"values": numbered},
                    "mark": {"type": "text", "color": EVENT_COLOUR, "dy": -4, "baseline": "bottom", "fontSize": 11,
                             "fontWeight": "bold"},
                    "encoding": {"x": {"field": "year", "type": "quantitative"}, "y": {"value": 0},
                                 "text": {"field": "number"}, "tooltip": tooltip},
                })
    spec = _base(title=title, subtitle=unit, source=source, description=description, width=width, height=height)
    if key_lines and event_key:
        spec["title"]["subtitle"] += [_("Policy events:")] + key_lines
    spec["layer"] = layers
    return spec


def wrap_title(text: str, pixels: float, *, font_size: float = 11) -> list[str] | str:
    """An axis title broken into lines that fit ``pixels`` (a long title is otherwise cut or runs off)."""
    import textwrap

    lines = textwrap.wrap(text, max(int(pixels / (font_size * 0.7)), 12))  # bold: about 0.7 em per character
    return lines if len(lines) > 1 else text


def scatter_labels(points: Sequence[Mapping], highlight: str | None, *, width: float = 460, height: float = 280,
                   char_px: float = 6.8, line_px: float = 13) -> dict[str, str]:
    """Which countries get their name written beside their point, and on which side (``right``/``left``).

    The highlighted country first, then the points farthest from the middle (the ones a reader asks
    about). A name goes to the right of its point, or to the left where the right would run past
    the edge; it is left out (it stays in the tooltip and the table) when it would overlap a name
    already placed or another point.
    """
    if not points:
        return {}
    xs, ys = [p["x"] for p in points], [p["y"] for p in points]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)

    def position(p):
        px = (p["x"] - x0) / (x1 - x0) * width if x1 > x0 else width / 2
        py = (y1 - p["y"]) / (y1 - y0) * height if y1 > y0 else height / 2
        return px, py

    def distance(p):
        px, py = position(p)
        return (px - width / 2) ** 2 + (py - height / 2) ** 2

    order = sorted(points, key=lambda p: (p["country"] != highlight, -distance(p)))
    dots = [position(p) for p in points]
    placed: list[tuple[float, float, float, float]] = []
    sides: dict[str, str] = {}
    for point in order:
        px, py = position(point)
        length = 7 + len(point["name"]) * char_px
        right = (px + 5, py - line_px / 2, px + length, py + line_px / 2)
        left = (px - length, py - line_px / 2, px - 5, py + line_px / 2)
        for side, box in (("right", right), ("left", left)):
            if box[2] > width + 10 or box[0] < -10:
                continue
            clashes = any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed)
            covers = any(box[0] < dx < box[2] and box[1] < dy < box[3] for dx, dy in dots if (dx, dy) != (px, py))
            if not (clashes or covers) or point["country"] == highlight:
                placed.append(box)
                sides[point["country"]] = side
                break
    return sides


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
    """One point per country (``{"country", "name", "x", "y"}``), the highlighted country in colour.

    Names are written beside the points where they fit without overlapping (``scatter_labels``);
    every point keeps its name in the tooltip, and the page's data table lists them all.
    """
    sides = scatter_labels(points, highlight, height=height)
    data = [{**p, "highlight": p["country"] == highlight, "label": p["name"] if p["country"] in sides else "",
             "side": sides.get(p["country"], "")} for p in points]
    spec = _base(title=title, subtitle=subtitle, source=source, description=description, width=width, height=height)
    encoding = {
        "x": {"field": "x", "type": "quantitative", "title": wrap_title(x_title, 440), "scale": {"zero": False}},
        "y": {"field": "y", "type": "quantitative", "title": wrap_title(y_title, height - 10),
              "scale": {"zero": False}},
        "tooltip": [{"field": "name", "title": _("Country")}, {"field": "x", "title": x_title, "format": ",.4~f"},
                    {"field": "y", "title": y_title, "format": ",.4~f"}],
    }
    spec["data"] = {"values": data}
    spec["layer"] = [
        {"mark": {"type": "point", "filled": True, "size": 60},
         "encoding": {**encoding, "color": {"condition": {"test": "datum.highlight", "value": HIGHLIGHT[1]},
                                            "value": HIGHLIGHT[0]}}},
    ]
    for side, dx in (("right", 6), ("left", -6)):
        spec["layer"].append({
            "transform": [{"filter": f"datum.side == '{side}'"}],
            "mark": {"type": "text", "dx": dx, "align": "left" if side == "right" else "right", "fontSize": 11},
            "encoding": {**encoding, "text": {"field": "label"},
                         "color": {"condition": {"test": "datum.highlight", "value": "#1f2328"},
                                   "value": "#57606a"}}})
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
