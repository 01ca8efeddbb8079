"""Print variants of the web charts: the same Vega-Lite spec, drawn for a page instead of a screen.

Two changes only. The title moves out of the chart into the figure's caption,
where a long indicator name wraps instead of being cut (the unit and source lines
stay in the chart); and the vertical axis loses its title, which repeats the unit
and, turned on its side, would make the chart taller than its plot.
"""

from __future__ import annotations

from observatory.charts.render import chart_svg


def print_spec(spec: dict) -> dict:
    title = spec["title"]
    lines = list(title.get("subtitle", []))
    # The first line under the title (the unit) takes the title's place, in the subtitle's style.
    subtitle_style = spec.get("config", {}).get("title", {})
    printed = {**spec, "title": {**title, "text": lines[0] if lines else " ", "subtitle": lines[1:],
                                 "fontSize": subtitle_style.get("subtitleFontSize", 11), "fontWeight": "normal",
                                 "color": subtitle_style.get("subtitleColor", "#57606a")}}
    if "layer" in spec:
        layers = []
        for layer in spec["layer"]:
            encoding = layer.get("encoding", {})
            if "y" in encoding and "field" in encoding["y"]:
                layer = {**layer, "encoding": {**encoding, "y": {**encoding["y"], "title": None}}}
            layers.append(layer)
        printed["layer"] = layers
    return printed


def print_svg(spec: dict, *, width: int) -> str:
    """The print variant of ``spec`` as SVG (cached by content, like every chart)."""
    return chart_svg(print_spec(spec), width=width)
