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


def _wrap(lines, width: int, font_size: float) -> list[str]:
    import textwrap

    chars = max(int(width / (font_size * 0.62)), 20)  # DejaVu Sans: about 0.6 em per character
    wrapped = []
    for line in [lines] if isinstance(lines, str) else lines:
        wrapped += textwrap.wrap(str(line), chars) or [""]
    return wrapped


def _fixed_width(spec: dict, width: int) -> dict:
    """The spec drawn at ``width`` pixels: "container" needs a browser, so the server fixes it.

    Titles and source lines are wrapped to that width instead of running past it, so that a chart
    drawn for a phone is no wider than the phone and its text keeps its size.
    """
    if spec.get("width") == "container":
        # A shallow copy: only the top level changes. The whole drawing, axes and line labels
        # included, fits the width (not only the plot), so it is never wider than the screen it is for.
        spec = {**spec, "width": width, "autosize": {"type": "fit-x", "contains": "padding"}}
    title = spec.get("title")
    if isinstance(title, dict) and isinstance(spec.get("width"), int):
        config = spec.get("config", {}).get("title", {})
        usable = spec["width"]
        size = title.get("fontSize") or config.get("fontSize", 14)
        bold = title.get("fontWeight", config.get("fontWeight", "bold")) not in ("normal", 400)
        spec = {**spec, "title": {**title, "text": _wrap(title["text"], usable, size * (1.3 if bold else 1.0)),
                                  "subtitle": _wrap(title.get("subtitle", []), usable,
                                                    config.get("subtitleFontSize", 11)),
                                  "limit": usable}}
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
    text = " ".join(text) if isinstance(text, list) else text
    description = spec.get("description", "")
    from django.utils.html import escape

    head = f'<title>{escape(text)}</title><desc>{escape(description)}</desc>'
    svg = re.sub(r"<svg ", '<svg role="img" focusable="false" ', svg, count=1)
    return re.sub(r"(<svg[^>]*>)", r"\1" + head, svg, count=1)


# vl-convert resolves links against its own data address; the site's links are paths on this site.
_LOADER_BASE = re.compile(r'xlink:href="https://vega\.github\.io/vega-datasets/(?=[/?#])')


def _locale() -> str:
    """Numbers as the page's language writes them: 130 000,5 in Russian, 130,000.5 in English."""
    from observatory.core.i18n import is_russian

    return "ru-RU" if is_russian() else "en-US"


def chart_svg(spec: dict, *, width: int = 720) -> str:
    """The chart as an SVG document (cached by content and language)."""
    import vl_convert

    fixed = _fixed_width(spec, width)
    locale = _locale()
    key = _key(f"svg-{locale}", fixed, width)
    svg = cache.get(key)
    if svg is None:
        svg = vl_convert.vegalite_to_svg(fixed, vl_version=VL_VERSION, format_locale=locale)
        svg = _LOADER_BASE.sub('xlink:href="', svg)
        svg = _accessible(_hatch_no_data(svg), fixed)
        cache.set(key, svg, CACHE_SECONDS)
    return svg


def chart_png(spec: dict, *, width: int = 1000, scale: float = 2.0) -> bytes:
    """The chart as a PNG image (cached by content); rendered from the hatched SVG, so both look alike."""
    import vl_convert

    fixed = _fixed_width(spec, width)
    key = _key(f"png{scale}-{_locale()}", fixed, width)
    png = cache.get(key)
    if png is None:
        png = vl_convert.svg_to_png(chart_svg(spec, width=width), scale=scale)
        cache.set(key, png, CACHE_SECONDS)
    return png


def narrow_url(spec: dict) -> str:
    """Register a public chart's spec and return the address of its drawing at a phone's width."""
    from django.urls import reverse

    payload = json.dumps(spec, ensure_ascii=False, default=str, separators=(",", ":")).encode()
    key = hashlib.sha256(payload).hexdigest()[:40]
    cache.set(f"chart-spec:{key}", spec, CACHE_SECONDS)
    return reverse("chart-narrow", args=[key]) + "?w=360"


def registered_spec(key: str) -> dict | None:
    if not key.isalnum() or len(key) != 40:
        return None
    return cache.get(f"chart-spec:{key}")
