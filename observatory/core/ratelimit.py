"""One rate limiter for the whole platform, on the shared cache (django-ratelimit).

Every worker and app server counts in the same cache (Redis or the database cache), so two
workers allow the limit, not twice the limit. Counts are keyed on a keyed hash of the client's
address, never the address itself. The address is ``REMOTE_ADDR``, or, behind
``OBSERVATORY_TRUSTED_PROXIES`` reverse proxies, the address the outermost trusted proxy saw
(counted from the right of ``X-Forwarded-For``), so a client cannot choose its own key by sending
that header.

Used by sign-in (per address, besides the per-account lockout of axes), API tokens (failed
attempts per address, and use per token), the anonymous self-report and its status check. Later features that take anonymous input (membership applications, registrations) call
:func:`rate_limit` with their own group.
"""

from __future__ import annotations

import hashlib
import hmac
import math

from django.conf import settings


def client_address(request) -> str:
    """The client's address, trusting only the configured number of proxies in front of the server."""
    proxies = int(getattr(settings, "TRUSTED_PROXIES", 0))
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    # Each trusted proxy appended the address it received from; the last one is REMOTE_ADDR itself.
    chain = forwarded + [remote]
    return chain[-(proxies + 1)] if len(chain) > proxies else chain[0]


def client_key(group: str, request) -> str:
    """A keyed hash of the client's address: the cache never holds the address."""
    return hmac.new(settings.SECRET_KEY.encode(), f"{group}|{client_address(request)}".encode(),
                    hashlib.sha256).hexdigest()


class RateLimited(Exception):
    """Raised where a view cannot answer itself (API authentication); answered as 429 with Retry-After."""

    def __init__(self, seconds: int):
        super().__init__(f"Too many requests; try again in {seconds} s.")
        self.seconds = seconds


def rate_limit(request, *, group: str, limit: int, window: int, increment: bool = True,
               key: str | None = None) -> int | None:
    """Count one attempt by this client in ``group``; the seconds to wait when over ``limit`` per ``window``.

    Returns None while the client is within the limit. ``increment=False`` only looks (is this
    client already over?). ``key`` counts by something else than the address (a token's digest).
    """
    from django_ratelimit.core import get_usage

    key_function = client_key if key is None else (lambda group, request: key)
    usage = get_usage(request, group=f"observatory.{group}", key=key_function, rate=(limit, window),
                      increment=increment)
    if usage is None:
        return None
    # Looking without counting: the next attempt would be over the limit once the count has reached it.
    over = usage["count"] >= limit if not increment else usage["should_limit"]
    if not over:
        return None
    return max(1, math.ceil(usage["time_left"]))


def retry_after(response, seconds: int):
    """Add ``Retry-After`` to a 429 answer."""
    response["Retry-After"] = str(seconds)
    return response
