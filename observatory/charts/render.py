"""Rendering Vega-Lite specs to SVG and PNG on the server with vl-convert, cached by content.

The cache key is a hash of the spec itself, which contains its data: a chart is
re-rendered exactly when its data (or wording) changes, and never shown stale.
"""

from __future__ import annotations

import hashlib
import json
import re

from django.core.cache import cache

from observatory.charts.specs import NO_DATA_FILL

VL_VERSION = "6.4"
CACHE_SECONDS = 60 * 60 * 24 * 7
_HATCH = (
    '<defs><pattern id="no-data-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f6f8fa"/>'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="#8c959f" stroke-width="1.2"/></pattern></defs>'
)


def _fixed_width(spec: dict, width: int) -> dict:
    # "container" width needs a browser; the server draws at a fixed width (the SVG still scales).
    if spec.get("width") == "container":
        spec = {**spec, "width": width}  # a shallow copy: only the top level changes
    return spec


def _key(kind: str, spec: dict, width: int) -> str:
    # Specs are built deterministically, so key order is stable and sorting is not needed.
    payload = json.dumps(spec, ensure_ascii=False, default=str, separators=(",", ":")).encode()
    return f"chart:{kind}:{VL_VERSION}:{width}:{hashlib.sha256(payload).hexdigest()}"


def _hatch_no_data(svg: str) -> str:
    red, green, blue = (int(NO_DATA_FILL[i:i + 2], 16) for i in (1, 3, 5))
    forms = [f'fill="{NO_DATA_FILL}"', f'fill="rgb({red}, {green}, {blue})"', f'fill="rgb({red},{green},{blue})"']
    if not any(form in svg for form in forms):
        return svg
    for form in forms:
        svg = svg.replace(form, 'fill="url(#no-data-hatch)"')
    return re.sub(r"(<svg[^>]*>)", r"\1" + _HATCH, svg, count=1)


def _accessible(svg: str, spec: dict) -> str:
    """Give the SVG a role and a title/description so screen readers announce what it shows."""
    title = spec.get("title", {})
    text = title.get("text", "") if isinstance(title, dict) else str(title)
    description = spec.get("description", "")
    from django.utils.html import escape

    head = f'<title>{escape(text)}</title><desc>{escape(description)}</desc>'
    svg = re.sub(r"<svg ", '<svg role="img" focusable="false" ', svg, count=1)
    return re.sub(r"(<svg[^>]*>)", r"\1" + head, svg, count=1)


def chart_svg(spec: dict, *, width: int = 720) -> str:
    """The chart as an SVG document (cached by content)."""
    import vl_convert

    fixed = _fixed_width(spec, width)
    key = _key("svg", fixed, width)
    svg = cache.get(key)
    if svg is None:
        svg = vl_convert.vegalite_to_svg(fixed, vl_version=VL_VERSION)
        svg = _accessible(_hatch_no_data(svg), fixed)
        cache.set(key, svg, CACHE_SECONDS)
    return svg


def chart_png(spec: dict, *, width: int = 1000, scale: float = 2.0) -> bytes:
    """The chart as a PNG image (cached by content); rendered from the hatched SVG, so both look alike."""
    import vl_convert

    fixed = _fixed_width(spec, width)
    key = _key(f"png{scale}", fixed, width)
    png = cache.get(key)
    if png is None:
        png = vl_convert.svg_to_png(chart_svg(spec, width=width), scale=scale)
        cache.set(key, png, CACHE_SECONDS)
    return png
