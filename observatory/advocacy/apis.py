"""The advocacy log in the JSON API: list and record actions with a token, under the log's access policy."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from observatory import access
from observatory.accounts.auth import TokenAuth
from observatory.advocacy import selectors, services
from observatory.core.apitools import BoundedPageNumberPagination, MessageOut, ValidationErrorOut
from observatory.countries.selectors import country_get
from observatory.laws.models import LegalProvision
from observatory.partners.models import Alliance, Partner

router = Router()


class EvidenceIn(Schema):
    kind: str = Field(max_length=20)
    ref: str = Field(max_length=120)


class ActionIn(Schema):
    country: str = Field(max_length=3)
    date: dt.date
    kind: str = Field(max_length=20)
    target: str = Field(max_length=300)
    ask: str = Field(max_length=4000)
    outcome: str = Field("pending", max_length=20)
    members: list[str] = Field(default_factory=list, max_length=100)
    alliance: str | None = Field(None, max_length=36, description="An alliance's id.")
    target_partner: str | None = Field(None, max_length=36, description="A partner's id, when the target is one.")
    evidence: list[EvidenceIn] = Field(default_factory=list, max_length=50)
    follow_up_on: dt.date | None = None
    followed_by: str | None = Field(None, max_length=120, description="A published policy event's id.")
    followed_by_law: int | None = Field(None, ge=1, le=2**31 - 1, description="A law version's id.")
    publish: bool = False


class ActionOut(Schema):
    id: str
    country: str
    date: str
    kind: str
    target: str
    ask: str
    outcome: str
    alliance: str | None
    target_partner: str | None
    evidence: list[EvidenceIn]
    follow_up_on: str | None
    followed_by: str | None
    followed_by_law: int | None
    publish: bool
    members: list[str]


def _out(action) -> dict:
    return {"id": str(action.uuid), "country": action.country.iso3, "date": action.date.isoformat(),
            "kind": action.kind, "target": action.target, "ask": action.ask, "outcome": action.outcome,
            "alliance": str(action.alliance.uuid) if action.alliance else None,
            "target_partner": str(action.target_partner.uuid) if action.target_partner else None,
            "evidence": action.evidence,
            "follow_up_on": action.follow_up_on.isoformat() if action.follow_up_on else None,
            "followed_by": action.followed_by.slug if action.followed_by else None,
            "followed_by_law": action.followed_by_law_id, "publish": action.publish,
            "members": [str(m.uuid) for m in action.members.all()]}


def _visible(actor, model, key: str):
    """The record with id ``key`` that ``actor`` may see, or ``None`` (as if it did not exist)."""
    try:
        uid = uuid.UUID(key)
    except ValueError:
        return None
    return access.scope(actor, "view", model).filter(uuid=uid).first()


def _invalid(field: str, message: str):
    return Status(422, {"detail": [{"loc": ["body", field], "msg": message, "type": "value_error"}]})


@router.get("/advocacy/actions", auth=TokenAuth(), response=list[ActionOut], summary="Advocacy actions in your scope")
@paginate(BoundedPageNumberPagination, page_size=50)
def actions_api(request, country: str | None = None):
    found = country_get(iso3=country) if country else None
    actions = selectors.action_list(actor=request.auth, country=found)
    if country and found is None:
        actions = actions.none()
    return [_out(a) for a in actions.select_related("alliance", "target_partner", "followed_by")
            .prefetch_related("members").order_by("-date", "-pk")]


@router.post("/advocacy/actions", auth=TokenAuth(),
             response={201: ActionOut, 403: MessageOut, 422: ValidationErrorOut}, summary="Record an action")
def action_create_api(request, payload: ActionIn):
    """A coordinator records actions for their own countries; the secretariat for any."""
    from observatory.events.selectors import event_get
    from observatory.network.models import Member

    country = country_get(iso3=payload.country)
    if country is None:
        return _invalid("country", "an ISO3 code of one of the platform's countries")
    members = []
    for member_id in payload.members:
        member = Member.objects.filter(uuid__iexact=member_id).first() if len(member_id) == 36 else None
        if member is None:
            return _invalid("members", f"no member {member_id!r}")
        members.append(member)
    event = None
    if payload.followed_by:
        event = event_get(slug=payload.followed_by)
        if event is None:
            return _invalid("followed_by", f"no published policy event {payload.followed_by!r}")
    law = None
    if payload.followed_by_law:
        law = LegalProvision.objects.filter(pk=payload.followed_by_law).first()
        if law is None:
            return _invalid("followed_by_law", f"no law version {payload.followed_by_law}")
    linked = {}
    for name, model in (("alliance", Alliance), ("target_partner", Partner)):
        key = getattr(payload, name)
        if key:
            linked[name] = _visible(request.auth, model, key)
            if linked[name] is None:
                return _invalid(name, f"no {name.replace('_', ' ')} {key!r} that this account may see")
    data = services.ActionData(
        country=country, date=payload.date, kind=payload.kind, target=payload.target, ask=payload.ask,
        outcome=payload.outcome, members=members, evidence=[e.dict() for e in payload.evidence],
        follow_up_on=payload.follow_up_on, followed_by=event, followed_by_law=law, publish=payload.publish,
        **linked)
    try:
        action = services.action_create(actor=request.auth, data=data)
    except PermissionDenied:
        return Status(403, {"detail": "This account may not record actions in this country (a coordinator "
                                      "records them for their own countries)."})
    except ValidationError as error:
        return Status(422, {"detail": [{"loc": ["body", *key.split(".")], "msg": " ".join(messages),
                                        "type": "value_error"}
                                       for key, messages in error.message_dict.items()]})
    return Status(201, _out(action))
