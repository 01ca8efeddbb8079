"""Whole-response caching of public pages, with conditional requests and compression.

A public page (no sign-in, no cookies that change it) is the same for every visitor until the
data change. :func:`public_page` renders such a page once per data version, language and query,
keeps the body in the shared cache (every worker sees it), and answers:

- ``304 Not Modified`` when the browser already holds that body (``If-None-Match`` with its ETag);
- the stored body, gzip-compressed when the client accepts it (public pages carry no secrets,
  so compression cannot leak one; signed-in pages are never compressed or cached here).

Signed-in visitors, requests with a session or message cookie, and anything but ``GET``/``HEAD``
bypass the cache entirely and are rendered as usual. Responses that set a cookie or are not
``200`` are never stored. The ETag is a hash of the body itself, so it changes exactly when
what the visitor sees changes.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import re
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import get_language

# Cached pages expire after this long even when the data version stays: parts of some pages
# (the registry's published totals) follow records that do not change the data version.
PAGE_SECONDS = 600
_MIN_GZIP = 200  # bytes; smaller bodies grow when compressed
_CACHE_CONTROL = "public, max-age=0, must-revalidate"
_TEXT = re.compile(r"^text/|json|xml|javascript")


def _bypass(request: HttpRequest) -> bool:
    if not getattr(settings, "PAGE_CACHE", True) or request.method not in ("GET", "HEAD"):
        return True
    if "HTTP_AUTHORIZATION" in request.META:
        return True
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def _storable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
    )


def _key(request: HttpRequest, name: str, version: str) -> str:
    from observatory.core.release import release_token

    raw = f"{release_token()}|{version}|{get_language()}|{request.path}|{request.META.get('QUERY_STRING', '')}"
    return f"page:{name}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _entry(response: HttpResponse) -> dict:
    body = response.content
    entry = {
        "body": body,
        "etag": '"' + hashlib.sha256(body).hexdigest()[:32] + '"',
        "content_type": response.get("Content-Type", "text/html; charset=utf-8"),
        "headers": {name: response[name] for name in ("Content-Language", "Content-Disposition")
                    if response.has_header(name)},
    }
    if len(body) >= _MIN_GZIP and _TEXT.search(entry["content_type"]):
        compressed = gzip.compress(body, compresslevel=6, mtime=0)
        if len(compressed) < len(body):
            entry["gzip"] = compressed
    return entry


def _accepts_gzip(request: HttpRequest) -> bool:
    accept = request.META.get("HTTP_ACCEPT_ENCODING", "")
    return any(part.split(";")[0].strip() == "gzip" and not part.replace(" ", "").endswith("q=0")
               for part in accept.split(","))


def _respond(request: HttpRequest, entry: dict, *, rendered: HttpResponse | None = None) -> HttpResponse:
    """The answer from a cache entry; ``rendered`` is the view's own response on a miss (kept whole)."""
    if entry["etag"] in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
        response: HttpResponse = HttpResponseNotModified()
    elif rendered is not None:
        response = rendered
    else:
        compressed = entry.get("gzip") if _accepts_gzip(request) else None
        response = HttpResponse(compressed or entry["body"], content_type=entry["content_type"])
        if compressed:
            response["Content-Encoding"] = "gzip"
        for name, value in entry["headers"].items():
            response[name] = value
    response["ETag"] = entry["etag"]
    response["Cache-Control"] = _CACHE_CONTROL
    response["X-Page-Cache"] = "miss" if rendered is not None else "hit"
    patch_vary_headers(response, ("Accept-Encoding", "Cookie"))
    return response


def public_page(*, name: str, version: Callable[[], str]):
    """Decorate a public view: one rendering per ``version()``, language, path and query.

    ``name`` is a short label for the cache key; ``version`` returns a token that changes when
    the data the page shows change (e.g. the indicator data version).
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if _bypass(request):
                return view(request, *args, **kwargs)
            key = _key(request, name, version())
            entry = cache.get(key)
            if entry is not None:
                return _respond(request, entry)
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
                response.render()
            if not _storable(response):
                return response
            entry = _entry(response)
            cache.set(key, entry, PAGE_SECONDS)
            return _respond(request, entry, rendered=response)

        return wrapped

    return decorator
