"""Vega-Lite spec of a synthetic control: the treated country's series, its synthetic control, the event.

A pure function like ``impact.its_chart``: plain rows in, a dict out, drawn on
the server by ``render.chart_svg``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _

from observatory.charts.specs import EVENT_COLOUR, HIGHLIGHT, _base

OBSERVED_COLOUR = "#1b1f24"
SYNTHETIC_COLOUR = HIGHLIGHT[1]


def synth_chart(
    *,
    rows: Sequence[Mapping],
    first_post_year: int,
    event_label: str,
    title: str,
    unit: str,
    source: str,
    labels: Mapping[str, str],
    description: str,
    width="container",
    height: int = 300,
) -> dict:
    """``rows`` are ``{"year", "observed", "synthetic"}``; the event is a rule half a year before ``first_post_year``.

    ``event_label`` should be short (the event's date): it is written beside the rule, and a
    long label would widen the chart on a phone. The event's title belongs in the page.

    ``labels`` names the two lines in the legend: ``observed`` and ``synthetic``.
    """
    names = [labels["observed"], labels["synthetic"]]
    long = [{"year": r["year"], "series": names[0], "value": r["observed"]} for r in rows] + \
           [{"year": r["year"], "series": names[1], "value": r["synthetic"]} for r in rows]
    cut = first_post_year - 0.5
    years = [r["year"] for r in rows]
    late = bool(years) and cut - min(years) > (max(years) - min(years)) / 2
    x = {"field": "year", "type": "quantitative", "title": None,
         "axis": {"format": "d", "tickMinStep": 1, "tickCount": max(2, min(len(rows), 8)), "labelOverlap": "greedy"},
         "scale": {"nice": False, "padding": 8}}
    colour = {"field": "series", "type": "nominal", "title": None,
              "scale": {"domain": names, "range": [OBSERVED_COLOUR, SYNTHETIC_COLOUR]},
              "legend": {"orient": "bottom", "direction": "horizontal", "labelLimit": 320}}
    spec = _base(title=title, subtitle=unit, source=source, description=description, width=width, height=height)
    spec["layer"] = [
        {
            "data": {"values": long},
            "mark": {"type": "line", "strokeWidth": 2.5, "point": {"filled": True, "size": 28}},
            "encoding": {
                "x": x, "y": {"field": "value", "type": "quantitative", "title": unit}, "color": colour,
                "strokeDash": {"field": "series", "type": "nominal", "legend": None,
                               "scale": {"domain": names, "range": [[1, 0], [6, 4]]}},
                "tooltip": [{"field": "year", "title": _("Year"), "format": "d"},
                            {"field": "series", "title": " "},
                            {"field": "value", "title": unit, "format": ",.4~f"}],
            },
        },
        {
            "data": {"values": [{"year": cut, "label": event_label}]},
            "mark": {"type": "rule", "color": EVENT_COLOUR, "strokeDash": [4, 3], "strokeWidth": 1.5},
            "encoding": {"x": {"field": "year", "type": "quantitative"},
                         "tooltip": [{"field": "label", "title": _("Policy event")}]},
        },
        {
            "data": {"values": [{"year": cut, "label": "▼ " + event_label}]},
            # Written towards the side with more room, so a late event's label stays inside the chart.
            "mark": {"type": "text", "color": EVENT_COLOUR, "align": "right" if late else "left", "baseline": "top",
                     "dx": -4 if late else 4, "dy": 2, "fontSize": 11, "limit": 110},
            "encoding": {"x": {"field": "year", "type": "quantitative"}, "y": {"value": 0},
                         "text": {"field": "label"}},
        },
    ]
    return spec
