"""A yearly figure known only as a range (low to high), drawn as a band with its low end as a line. Pure.

Used where published figures are partly suppressed: a regional count built from country counts, some
of which are published only as "<5", is a range, and a chart must not draw it as one exact number.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext as _

from observatory.charts.specs import HIGHLIGHT, _base


def range_line(*, points: Sequence[Mapping], title: str, unit: str, source: str, description: str = "",
               width="container", height: int = 240) -> dict:
    """``points`` are ``{"year", "low", "high", "label"}``; ``high`` None means "at least ``low``"."""
    closed = [p for p in points if p.get("high") is not None]
    x = {"field": "year", "type": "quantitative", "title": None, "axis": {"format": "d", "tickMinStep": 1}}
    tooltip = [{"field": "year", "title": _("Year"), "format": "d"}, {"field": "label", "title": unit}]
    layers = []
    if closed:
        layers.append({"data": {"values": list(closed)}, "mark": {"type": "area", "opacity": 0.25,
                                                                  "color": HIGHLIGHT[0]},
                       "encoding": {"x": x, "y": {"field": "low", "type": "quantitative", "title": unit},
                                    "y2": {"field": "high"}, "tooltip": tooltip}})
    layers.append({"data": {"values": list(points)},
                   "mark": {"type": "line", "color": HIGHLIGHT[0], "strokeWidth": 2, "point": {"size": 30}},
                   "encoding": {"x": x, "y": {"field": "low", "type": "quantitative", "title": unit},
                                "tooltip": tooltip}})
    spec = _base(title=title, subtitle=unit, source=source, description=description, width=width, height=height)
    spec["layer"] = layers
    return spec
