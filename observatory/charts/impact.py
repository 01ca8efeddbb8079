"""Vega-Lite spec of an interrupted time series: observed, fitted, counterfactual with its band, the event.

A pure function like those in ``specs``, whose configuration and colours it
reuses: plain data in (the engine's counterfactual rows), a dict out, drawn on
the server by ``render.chart_svg``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _

from observatory.charts.specs import EVENT_COLOUR, HIGHLIGHT, _base

OBSERVED_COLOUR = "#1b1f24"
FITTED_COLOUR = HIGHLIGHT[0]
COUNTERFACTUAL_COLOUR = HIGHLIGHT[1]
BAND_OPACITY = 0.18


def _legend(names: Mapping[str, str]) -> dict:
    """One legend for the four series, each drawn as it is on the chart: dot, line, dashed line, shaded box."""
    def pick(mapping: Mapping[str, object], default: object) -> dict:
        expression = " : ".join(f"datum.value === {json.dumps(names[key])} ? {json.dumps(value)}"
                                for key, value in mapping.items())
        return {"signal": f"{expression} : {json.dumps(default)}"}

    return {
        "orient": "bottom", "direction": "horizontal", "columns": 2, "labelLimit": 320, "symbolSize": 110,
        "encode": {"symbols": {"update": {
            "shape": pick({"observed": "circle", "band": "square"}, "stroke"),
            "strokeDash": pick({"counterfactual": [4, 3]}, []),
            "strokeWidth": pick({"observed": 0, "band": 0}, 2.5),
            "fillOpacity": pick({"observed": 1, "band": BAND_OPACITY * 2}, 0),
            "fill": pick({"observed": OBSERVED_COLOUR, "band": COUNTERFACTUAL_COLOUR}, "transparent"),
        }}},
    }


def its_chart(
    *,
    points: Sequence[Mapping],
    first_post_year: int,
    event_label: str,
    title: str,
    unit: str,
    source: str,
    labels: Mapping[str, str],
    description: str,
    subtitle: str = "",
    width="container",
    height: int = 320,
) -> dict:
    """Observed values (points), the fitted segmented trend (solid, broken at the event), the counterfactual
    (the trend before the event continued, dashed) with its 95% band after the event, and the event as a rule.

    ``points`` are the engine's rows ``{"time", "observed", "fitted", "counterfactual", "ci_low",
    "ci_high"}``. The event is drawn half a year before ``first_post_year``, where
    the model's interruption falls, and labelled ``event_label``. ``labels`` names
    the series in the legend: ``observed``, ``fitted``, ``counterfactual``, ``band``.
    """
    rows = [dict(p) for p in points]
    cut = first_post_year - 0.5
    pre = [r for r in rows if r["time"] < cut]
    post = [r for r in rows if r["time"] >= cut]
    names = {key: labels.get(key, key) for key in ("observed", "fitted", "counterfactual", "band")}
    lower, upper = _("lower bound"), _("upper bound")
    domain = [names["observed"], names["fitted"], names["counterfactual"], names["band"]]
    colour = {"field": "series", "type": "nominal", "title": None,
              "scale": {"domain": domain,
                        "range": [OBSERVED_COLOUR, FITTED_COLOUR, COUNTERFACTUAL_COLOUR, COUNTERFACTUAL_COLOUR]},
              "legend": _legend(names)}
    years = {r["time"] for r in rows}
    x = {"field": "time", "type": "quantitative", "title": None,
         "axis": {"format": "d", "tickMinStep": 1, "tickCount": max(2, min(len(years), 8)), "labelOverlap": "greedy"},
         "scale": {"nice": False, "padding": 8}}
    y_title = unit
    number_format = ",.4~f"

    # The counterfactual starts at the last year before the event so that it visibly branches off the trend.
    branch = ([pre[-1]] if pre else []) + post
    fitted = [{**r, "segment": "before" if r["time"] < cut else "after", "series": names["fitted"]} for r in rows]
    layers = [
        {
            "data": {"values": [{**r, "series": names["band"]} for r in branch]},
            "mark": {"type": "area", "opacity": BAND_OPACITY, "interpolate": "linear"},
            "encoding": {"x": x, "y": {"field": "ci_low", "type": "quantitative", "title": y_title},
                         "y2": {"field": "ci_high"}, "color": colour,
                         "tooltip": [{"field": "time", "title": _("Year"), "format": "d"},
                                     {"field": "ci_low", "title": f'{names["band"]}: {lower}',
                                      "format": number_format},
                                     {"field": "ci_high", "title": f'{names["band"]}: {upper}',
                                      "format": number_format}]},
        },
        {
            "data": {"values": [{**r, "series": names["counterfactual"]} for r in branch]},
            "mark": {"type": "line", "strokeDash": [6, 4], "strokeWidth": 2},
            "encoding": {"x": x, "y": {"field": "counterfactual", "type": "quantitative"}, "color": colour,
                         "tooltip": [{"field": "time", "title": _("Year"), "format": "d"},
                                     {"field": "counterfactual", "title": names["counterfactual"],
                                      "format": number_format}]},
        },
        {
            "data": {"values": fitted},
            "mark": {"type": "line", "strokeWidth": 2.5},
            "encoding": {"x": x, "y": {"field": "fitted", "type": "quantitative"}, "color": colour,
                         "detail": {"field": "segment"},
                         "tooltip": [{"field": "time", "title": _("Year"), "format": "d"},
                                     {"field": "fitted", "title": names["fitted"], "format": number_format}]},
        },
        {
            "data": {"values": [{**r, "series": names["observed"]} for r in rows]},
            "mark": {"type": "point", "filled": True, "size": 42, "opacity": 1},
            "encoding": {"x": x, "y": {"field": "observed", "type": "quantitative"}, "color": colour,
                         "tooltip": [{"field": "time", "title": _("Year"), "format": "d"},
                                     {"field": "observed", "title": names["observed"], "format": number_format}]},
        },
        {
            "data": {"values": [{"time": cut, "label": event_label}]},
            "mark": {"type": "rule", "color": EVENT_COLOUR, "strokeDash": [4, 3], "strokeWidth": 1.5},
            "encoding": {"x": {"field": "time", "type": "quantitative"},
                         "tooltip": [{"field": "label", "title": _("Policy event")}]},
        },
        {
            "data": {"values": [{"time": cut, "label": "▼ " + event_label}]},
            "mark": {"type": "text", "color": EVENT_COLOUR, "align": "left", "baseline": "top", "dx": 4, "dy": 2,
                     "fontSize": 11, "limit": 260},
            "encoding": {"x": {"field": "time", "type": "quantitative"}, "y": {"value": 0},
                         "text": {"field": "label"}},
        },
    ]
    spec = _base(title=title, subtitle=[subtitle, unit] if subtitle else unit, source=source,
                 description=description, width=width, height=height)
    spec["layer"] = layers
    spec["resolve"] = {"scale": {"color": "shared"}}
    return spec
