"""What every registry page shares: no caching, no indexing, sign-in."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.cache import add_never_cache_headers
from django.views.defaults import page_not_found


def private(view):
    """A page that may show identities: never cached or indexed, and only for signed-in users.

    ``Cache-Control: no-store`` keeps it out of browser and proxy caches (a shared
    phone keeps no copy); ``X-Robots-Tag`` and the template's robots meta keep it out
    of search engines.
    """

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404 as missing:
            # The same page as for any missing address, with the same headers as the page it stands for.
            response = page_not_found(request, missing)
        return protect(response)

    return wrapped


def protect(response):
    add_never_cache_headers(response)
    response["Cache-Control"] = "no-store, no-cache, must-revalidate, max-age=0, private"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def anonymous_private(view):
    """Like :func:`private` for the public self-report pages: nothing a reporter typed is cached."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return protect(view(request, *args, **kwargs))

    return wrapped

