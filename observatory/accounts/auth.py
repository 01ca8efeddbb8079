"""Bearer-token authentication for the JSON API."""

from __future__ import annotations

from ninja.security import HttpBearer

from observatory.accounts.services import token_authenticate


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; the token's user becomes ``request.auth``."""

    def authenticate(self, request, token):
        user = token_authenticate(secret=token)
        if user is not None:
            request.user = user
        return user
