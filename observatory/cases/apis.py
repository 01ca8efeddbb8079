"""JSON API of the violations registry (mounted at /api/v1/).

Cases need a token (``Authorization: Bearer``) and follow the access policy:
a case out of scope is a 404. Identity fields are returned only when asked for
(``?identity=true``), only to accounts that may see them, and every such read
is audited. Vocabularies and the suppressed statistics are public.
"""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from observatory import access
from observatory.accounts.auth import TokenAuth
from observatory.cases import limits, selectors
from observatory.cases.models import CaseStatus, Term, Vocabulary
from observatory.cases.policies import CASES, CaseAction, access_case
from observatory.cases.services import ActData, CaseData, Consent, VictimData, case_create
from observatory.cases.statistics import DIMENSIONS, violation_stats
from observatory.cases.values import format_occurred
from observatory.core.apitools import BoundedPageNumberPagination, MessageOut, ValidationErrorOut, year_query
from observatory.countries.selectors import country_get

router = Router()


class ConsentIn(Schema):
    document: bool = False
    share_network: bool = False
    advocacy: bool = False
    contact: bool = False


class VictimIn(Schema):
    name: str = Field("", max_length=limits.TEXT["name"])
    contact: str = Field("", max_length=limits.TEXT["contact"])
    client_code: str = Field("", max_length=limits.TEXT["client_code"])
    sex: str = Field("", max_length=limits.CODE)
    age_group: str = Field("", max_length=limits.CODE)
    key_populations: list[str] = Field([], max_length=limits.KEY_POPULATIONS)
    date_of_birth: str = Field("", max_length=limits.TEXT["date_of_birth"], description="YYYY-MM-DD")
    address: str = Field("", max_length=limits.TEXT["address"])


class ActIn(Schema):
    violation: str = Field(..., max_length=limits.CODE, description="A code from /vocabularies/violations")
    perpetrators: list[str] = Field([], max_length=limits.PERPETRATORS_PER_ACT,
                                    description="Codes from /vocabularies/perpetrators")
    place_type: str = Field("", max_length=limits.CODE)
    consequences: list[str] = Field([], max_length=limits.CONSEQUENCES_PER_ACT)


class CaseIn(Schema):
    country: str = Field(..., max_length=3, description="ISO3; must be the country your organisation works in")
    occurred_on: str = Field("", max_length=10,
                             description="A date (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY)")
    channel: str = Field("", max_length=limits.CODE, description="A code from /vocabularies/intake_channels")
    region: str = Field("", max_length=limits.TEXT["region"])
    victim: VictimIn = VictimIn()
    acts: list[ActIn] = Field([], max_length=limits.ACTS, description=f"At most {limits.ACTS} acts")
    narrative: str = Field("", max_length=limits.TEXT["narrative"])
    consent: ConsentIn = ConsentIn()
    idempotency_key: str | None = Field(None, max_length=limits.IDEMPOTENCY_KEY,
                                        description="Send the same key again and the same case is returned")
    submit: bool = Field(True, description="false keeps the case as a draft")


class CaseCreatedOut(Schema):
    id: UUID
    reference: str
    status: str
    created: bool


def _errors(error: ValidationError) -> dict:
    return {"detail": [{"loc": ["body", *key.split(".")], "msg": " ".join(messages), "type": "invalid"}
                       for key, messages in error.message_dict.items()]}


@router.post("/cases", auth=TokenAuth(), response={200: CaseCreatedOut, 201: CaseCreatedOut, 403: MessageOut,
                                                   422: ValidationErrorOut},
             summary="Record a case (idempotent with idempotency_key)")
def case_create_api(request, payload: CaseIn):
    """Record a case for your organisation. 201 when created; 200 with the same id when the key was seen before."""
    user = request.auth
    if not CASES.allows_any(user, CaseAction.CREATE):
        return Status(403, {"detail": "This account may not record cases (only documenters and case managers can)."})
    home = user.organisation.country.iso3
    if payload.country.upper() != home:
        return Status(422, {"detail": [{"loc": ["body", "country"],
                                        "msg": f"Your organisation records cases for {home}."}]})
    data = CaseData(
        occurred_on=payload.occurred_on, region=payload.region, channel=payload.channel, narrative=payload.narrative,
        consent=Consent(**payload.consent.dict()), victim=VictimData(**payload.victim.dict()),
        acts=[ActData(**act.dict()) for act in payload.acts],
    )
    try:
        case, created = case_create(actor=user, data=data, submit=payload.submit,
                                    idempotency_key=payload.idempotency_key)
    except ValidationError as error:
        return Status(422, _errors(error))
    except PermissionDenied:
        return Status(403, {"detail": "Not allowed."})
    return Status(201 if created else 200, {"id": case.uuid, "reference": case.reference, "status": case.status,
                                            "created": created})


class TermRef(Schema):
    code: str
    name_en: str
    name_ru: str


class ActOut(Schema):
    violation: TermRef
    perpetrators: list[TermRef]
    place_type: TermRef | None
    consequences: list[TermRef]


class VictimOut(Schema):
    id: UUID
    sex: str | None
    age_group: str | None
    key_populations: list[str]


class ResponseOut(Schema):
    id: UUID
    type: str
    status: str
    outcome: str
    started_on: dt.date | None
    completed_on: dt.date | None
    follow_up_due: dt.date | None


class IdentityVictimOut(Schema):
    id: UUID
    name: str
    contact: str
    date_of_birth: str
    address: str
    client_code: str


class IdentityOut(Schema):
    narrative: str
    victims: list[IdentityVictimOut]


class ConsentOut(Schema):
    document: bool
    share_network: bool
    advocacy: bool
    contact: bool


class CaseOut(Schema):
    id: UUID
    reference: str
    status: str
    country: str
    organisation: str | None
    region: str
    occurred_on: str
    self_reported: bool
    channel: str | None
    consent: ConsentOut
    victims: list[VictimOut]
    acts: list[ActOut]
    responses: list[ResponseOut]
    created_at: dt.datetime
    identity: IdentityOut | None = None


def _term(term) -> dict | None:
    return {"code": term.code, "name_en": term.name_en, "name_ru": term.name_ru} if term else None


def _case_out(case, identity=None) -> dict:
    return {
        "id": case.uuid, "reference": case.reference, "status": case.status, "country": case.country.iso3,
        "organisation": case.organisation.slug if case.organisation else None, "region": case.region,
        "occurred_on": format_occurred(case.occurred_on, case.occurred_precision),
        "self_reported": case.self_reported, "channel": case.channel.code if case.channel else None,
        "consent": {"document": case.consent_document, "share_network": case.consent_share_network,
                    "advocacy": case.consent_advocacy, "contact": case.consent_contact},
        "victims": [{"id": v.uuid, "sex": v.sex.code if v.sex else None,
                     "age_group": v.age_group.code if v.age_group else None,
                     "key_populations": [k.code for k in v.key_populations.all()]} for v in case.victims.all()],
        "acts": [{"violation": _term(a.violation), "perpetrators": [_term(p) for p in a.perpetrators.all()],
                  "place_type": _term(a.place_type), "consequences": [_term(c) for c in a.consequences.all()]}
                 for a in case.acts.all()],
        "responses": [{"id": r.uuid, "type": r.type.code, "status": r.status, "outcome": r.outcome,
                       "started_on": r.started_on, "completed_on": r.completed_on, "follow_up_due": r.follow_up_due}
                      for r in case.responses.all()],
        "created_at": case.created_at,
        "identity": None if identity is None else {
            "narrative": identity.narrative,
            "victims": [{"id": v.uuid, "name": v.name, "contact": v.contact, "date_of_birth": v.date_of_birth,
                         "address": v.address, "client_code": v.client_code} for v in identity.victims]},
    }


@router.get("/cases/{case_id}", auth=TokenAuth(), response={200: CaseOut, 403: MessageOut, 404: MessageOut},
            summary="One case (identity fields only with ?identity=true, audited)")
def case_get_api(request, case_id: str, identity: bool = False):
    user = request.auth
    case = access_case(user=user, case_id=case_id, action=CaseAction.VIEW)
    detail = selectors.case_detail(user=user, case=case)
    revealed = None
    if identity:
        if not CASES.user_can(user, CaseAction.VIEW_IDENTITY, case):
            return Status(403, {"detail": "This account may not see this person's identity: the person did not "
                                          "consent to share it with the network, the role never sees identities, "
                                          "or the role needs a token issued with the authenticator code "
                                          "(POST /api/v1/auth/tokens)."})
        revealed = selectors.case_identity(user=user, case=case, via="api")
    return Status(200, _case_out(detail, revealed))


class CaseListItem(Schema):
    id: UUID
    reference: str
    status: str
    country: str
    organisation: str | None
    occurred_on: str
    self_reported: bool
    violations: list[str]
    created_at: dt.datetime

    @staticmethod
    def resolve_id(case):
        return case.uuid

    @staticmethod
    def resolve_country(case):
        return case.country.iso3

    @staticmethod
    def resolve_organisation(case):
        return case.organisation.slug if case.organisation else None

    @staticmethod
    def resolve_occurred_on(case):
        return format_occurred(case.occurred_on, case.occurred_precision)

    @staticmethod
    def resolve_violations(case):
        return [a.violation.code for a in case.acts.all()]


@router.get("/cases", auth=TokenAuth(), response=list[CaseListItem],
            summary="Cases in your scope, newest first (no identity fields)")
@paginate(BoundedPageNumberPagination, page_size=50)
def case_list_api(request, country: str | None = None, status: str | None = None,
                  year: int | None = year_query()):
    """Filter by ``country`` (ISO3), ``status`` (draft, submitted, verified, in_response, closed, rejected)
    and ``year``."""
    if status and status not in CaseStatus.values:
        return selectors.case_list(user=request.auth).none()
    return selectors.case_list(user=request.auth, country=country, status=status, year=year)


class HuridocsOut(Schema):
    thesaurus: str
    code: str
    term: str
    match: str


class TermOut(Schema):
    code: str
    name_en: str
    name_ru: str
    description_en: str
    description_ru: str
    group: str | None
    huridocs: HuridocsOut | None
    active: bool


@router.get("/vocabularies/{vocabulary}", response={200: list[TermOut], 404: MessageOut},
            summary="A controlled vocabulary (violations, perpetrators, place_types, ...), with HURIDOCS mappings")
def vocabulary_api(request, vocabulary: str):
    if not access.scope(request.user, access.Action.VIEW, Vocabulary).filter(code=vocabulary).exists():
        raise Http404
    terms = (access.scope(request.user, access.Action.VIEW, Term).filter(vocabulary__code=vocabulary)
             .select_related("group").order_by("order", "code"))
    return Status(200, [
        {"code": t.code, "name_en": t.name_en, "name_ru": t.name_ru, "description_en": t.description_en,
         "description_ru": t.description_ru, "group": t.group.code if t.group else None, "active": t.active,
         "huridocs": {"thesaurus": t.huridocs_thesaurus, "code": t.huridocs_code, "term": t.huridocs_term,
                      "match": t.huridocs_match} if t.huridocs_code else None}
        for t in terms
    ])


class StatCellOut(Schema):
    code: str
    name_en: str
    name_ru: str
    count: int | str = Field(..., description='A number, "<5" (1 to 4) or "≥5" (hidden to protect a small cell)')


class StatsOut(Schema):
    country: str
    year: int
    by: str
    total: int | str
    withheld: bool
    cells: list[StatCellOut]
    rule: str


RULE = ("Verified cases whose person consented to anonymised sharing. 1-4 is shown as \"<5\"; while the total "
        "minus the visible cells would narrow a \"<5\" cell, further cells are hidden as \"≥5\" in an order that "
        "does not depend on the counts; if that is not enough, the breakdown is withheld. A case counts under "
        "each of its categories.")


@router.get("/stats/violations", response={200: StatsOut, 404: MessageOut, 422: ValidationErrorOut},
            summary="Public counts of documented violations for one country and year (small cells suppressed)")
def stats_api(request, country: str, year: int = year_query(...), by: str = "violation"):
    if by not in DIMENSIONS:
        return Status(422, {"detail": [{"loc": ["query", "by"], "msg": f"by is one of {', '.join(DIMENSIONS)}"}]})
    country_obj = country_get(iso3=country)
    if country_obj is None:
        raise Http404
    stats = violation_stats(country=country_obj, year=year, by=by)
    return Status(200, {"country": stats.country, "year": stats.year, "by": stats.by, "total": stats.total,
                 "withheld": stats.withheld, "rule": RULE,
                 "cells": [{"code": c.code, "name_en": c.name_en, "name_ru": c.name_ru, "count": c.value}
                           for c in stats.cells]})
