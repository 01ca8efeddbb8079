from __future__ import annotations

import datetime as dt

from django.conf import settings
from ninja import Field, Router, Schema, Status

from observatory.accounts.auth import TokenAuth
from observatory.accounts.services import TokenRefused, token_create_two_factor
from observatory.core.apitools import MessageOut
from observatory.core.ratelimit import RateLimited, rate_limit

router = Router(auth=TokenAuth())


class WhoAmIOut(Schema):
    username: str
    role: str
    organisation: str | None
    countries: list[str]
    two_factor: bool


@router.get("/whoami", response=WhoAmIOut, summary="The account a token belongs to, with its role and scope")
def whoami(request):
    user = request.auth
    return {
        "username": user.username,
        "role": user.role,
        "organisation": user.organisation.slug if user.organisation else None,
        "countries": sorted(user.countries.values_list("iso3", flat=True)),
        "two_factor": user.is_verified(),
    }


class TokenIn(Schema):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=4096)
    code: str = Field(min_length=6, max_length=8, pattern=r"^[0-9 ]+$",
                      description="The current six-digit code from the account's authenticator app.")
    name: str = Field("", max_length=100, description="A label to recognise the token by.")


class TokenOut(Schema):
    token: str
    expires_at: dt.datetime
    two_factor: bool


@router.post("/tokens", auth=None, response={201: TokenOut, 401: MessageOut, 429: MessageOut},
             summary="A short-lived token after password and authenticator code (needed to read identities "
                     "as a coordinator or case manager)")
def token_issue(request, payload: TokenIn):
    limit, window = settings.SIGN_IN_RATE
    wait = rate_limit(request, group="sign_in", limit=limit, window=window)
    if wait:
        raise RateLimited(wait)
    try:
        token, secret = token_create_two_factor(request=request, username=payload.username,
                                                password=payload.password, code=payload.code, name=payload.name)
    except TokenRefused as error:
        return Status(401, {"detail": str(error)})
    return Status(201, {"token": secret, "expires_at": token.expires_at, "two_factor": True})
