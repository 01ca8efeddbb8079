"""The network's members in the JSON API (django-ninja), under the members' access policy.

Without a token: the public directory only, never contacts. With a token: the
members in the caller's scope (still without contacts: the API never carries
them). Public aggregates count approved members by country and kind, with
counts under 5 published as "<5", as the registry's statistics are.
"""

from __future__ import annotations

import uuid

from django.http import Http404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from observatory import access
from observatory.accounts.auth import TokenAuth
from observatory.cases.suppression import publish_total
from observatory.core.apitools import BoundedPageNumberPagination, MessageOut
from observatory.countries.selectors import country_get
from observatory.network.models import Member, MemberKind, MemberStatus
from observatory.network.policies import MemberAction
from observatory.network.selectors import member_public_dict

router = Router()
# The token is optional: documented as either the bearer token or none, so the schema names 401 and 429.
OPTIONAL_TOKEN = {"security": [{"TokenAuth": []}, {}]}


class MemberOut(Schema):
    id: str
    kind: str
    type: str
    name: str | None
    country: str
    regional: bool
    focus: list[str]
    languages: list[str]
    website: str | None
    status: str
    joined: str | None
    public: bool


class StatsRow(Schema):
    country: str
    organisations: int | str
    individuals: int | str


def _reader(request):
    """The token's account when a token is sent (401 if it is wrong), otherwise the visitor."""
    if request.headers.get("Authorization"):
        user = TokenAuth()(request)
        if user is None:
            from ninja.errors import AuthenticationError

            raise AuthenticationError
        return user
    return access.VISITOR


@router.get("/network/members", response=list[MemberOut], summary="Members: the public directory, or your scope",
            openapi_extra=OPTIONAL_TOKEN)
@paginate(BoundedPageNumberPagination, page_size=100)
def members_api(request, country: str | None = None):
    """Without a token, members that chose to be listed; with a token, the members you may see. No contacts."""
    members = access.scope(_reader(request), MemberAction.VIEW, Member).select_related("country")
    if country:
        found = country_get(iso3=country)
        members = members.filter(country=found) if found else members.none()
    return [member_public_dict(m) for m in members.order_by("country__iso3", "name", "pk")]


@router.get("/network/members/{member_id}", response={200: MemberOut, 404: MessageOut}, summary="One member",
            openapi_extra=OPTIONAL_TOKEN)
def member_api(request, member_id: str):
    try:
        key = uuid.UUID(member_id)
    except ValueError:
        raise Http404 from None
    found = access.scope(_reader(request), MemberAction.VIEW, Member).select_related("country") \
        .filter(uuid=key).first()
    if found is None:
        raise Http404
    return Status(200, member_public_dict(found))


@router.get("/network/stats", response=list[StatsRow], summary="Approved members per country and kind")
def stats_api(request):
    counts: dict[str, dict[str, int]] = {}
    for iso3, kind in Member.objects.filter(status=MemberStatus.APPROVED).values_list("country__iso3", "kind"):
        counts.setdefault(iso3, {MemberKind.ORGANISATION: 0, MemberKind.INDIVIDUAL: 0})[kind] += 1
    return [{"country": iso3, "organisations": publish_total(c[MemberKind.ORGANISATION]),
             "individuals": publish_total(c[MemberKind.INDIVIDUAL])} for iso3, c in sorted(counts.items())]
