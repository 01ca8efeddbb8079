"""A chart drawn again at a phone's width: the page's 720 px drawing would shrink its text below 11 px.

Pages that show public charts register each spec (``render.narrow_url``); the page's script asks for
the same chart at the screen's width. The key is a digest of the spec, so a URL names exactly one chart
and cannot be guessed; a spec that is no longer cached is a 404, and the page keeps its wide drawing.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse

from observatory.charts.render import chart_svg, registered_spec


def narrow(request, key: str):
    spec = registered_spec(key)
    if spec is None:
        raise Http404
    value = request.GET.get("w", "")
    width = min(max(int(value), 320), 700) if value.isdigit() else 360
    response = HttpResponse(chart_svg(spec, width=width), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=3600"
    return response
