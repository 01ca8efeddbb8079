"""Bearer-token authentication for the JSON API, rate-limited on the shared cache."""

from __future__ import annotations

import hashlib

from django.conf import settings
from ninja.security import HttpBearer

from observatory.accounts.services import token_authenticate
from observatory.core.ratelimit import RateLimited, rate_limit


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; the token's user becomes ``request.auth``.

    An address that sent too many wrong tokens is refused (429) before its token is even looked
    up, so guessing is slow; a valid token is limited to ``API_TOKEN_RATE`` requests.
    """

    def authenticate(self, request, token):
        limit, window = settings.API_TOKEN_FAILURE_RATE
        wait = rate_limit(request, group="api_token_failure", limit=limit, window=window, increment=False)
        if wait:
            raise RateLimited(wait)
        user = token_authenticate(secret=token)
        if user is None:
            rate_limit(request, group="api_token_failure", limit=limit, window=window)
            return None
        limit, window = settings.API_TOKEN_RATE
        digest = hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()
        wait = rate_limit(request, group="api_token", limit=limit, window=window, key=digest)
        if wait:
            raise RateLimited(wait)
        request.user = user
        return user
