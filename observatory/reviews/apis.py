"""JSON API of the review tracker.

Reads need no token and show what the public sees (published rounds); with a
token they show what that account may see. Writes take a token and follow the
same policy as the pages: a coordinator records assessments for their own
countries while the round is open.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Field, Router, Schema
from ninja import Status as Reply

from observatory import access
from observatory.accounts.auth import TokenAuth
from observatory.core.apitools import MessageOut, ValidationErrorOut
from observatory.countries.selectors import country_get
from observatory.reviews import selectors, services
from observatory.reviews.models import ReviewItem, Status
from observatory.reviews.policies import (
    access_country_assessment,
    access_review_item,
    access_review_process,
    access_review_round,
)

router = Router()


def _anonymous(request):
    return AnonymousUser()


READ_AUTH = [TokenAuth(), _anonymous]


def _user(request):
    return request.auth if getattr(request.auth, "is_authenticated", False) else AnonymousUser()


class LinkOut(Schema):
    title: str
    url: str
    publisher: str = ""


class ItemOut(Schema):
    code: str
    number: str
    reference: str
    group_en: str
    group_ru: str
    title_en: str
    title_ru: str
    active: bool


class RoundOut(Schema):
    year: int
    is_open: bool
    published: bool
    published_at: datetime | None


class ProcessOut(Schema):
    code: str
    title_en: str
    title_ru: str
    short_title_en: str
    short_title_ru: str
    description_en: str
    description_ru: str
    sources: list[LinkOut]
    items: list[ItemOut]
    rounds: list[RoundOut]


class EvidenceLink(Schema):
    url: str
    title: str


class AssessmentOut(Schema):
    country: str
    item: str
    status: str
    evidence: list[EvidenceLink]
    comment_en: str
    comment_ru: str
    version: int
    updated_at: datetime


class CountryReportOut(Schema):
    country: str
    introduction_en: str
    introduction_ru: str
    funding_amount: str | None = Field(None, description="Decimal as a string, in funding_currency.")
    funding_currency: str
    funding_year: int | None
    funding_source_title: str
    funding_source_url: str
    funding_note_en: str
    funding_note_ru: str
    version: int
    updated_at: datetime


class RoundDetailOut(Schema):
    process: str
    year: int
    is_open: bool
    published: bool
    published_at: datetime | None
    assessments: list[AssessmentOut]
    reports: list[CountryReportOut]


class AssessmentIn(Schema):
    status: str = Field(..., description="not_started | in_progress | achieved | regressed")
    evidence: list[EvidenceLink] = []
    comment_en: str = ""
    comment_ru: str = ""


def _invalid(errors: dict[str, list[str]]) -> dict:
    """A 422 in the API's one format: a list naming each field and what to do."""
    return {"detail": [{"loc": ["body", *field.split(".")], "msg": " ".join(messages), "type": "invalid"}
                       for field, messages in errors.items()]}


def _assessment_dict(a) -> dict:
    return {"country": a.country.iso3, "item": a.item.code, "status": a.status, "evidence": a.evidence,
            "comment_en": a.comment_en, "comment_ru": a.comment_ru, "version": a.version, "updated_at": a.updated_at}


def _report_dict(r) -> dict:
    return {"country": r.country.iso3, "introduction_en": r.introduction_en, "introduction_ru": r.introduction_ru,
            "funding_amount": None if r.funding_amount is None else str(r.funding_amount),
            "funding_currency": r.funding_currency, "funding_year": r.funding_year,
            "funding_source_title": r.funding_source_title, "funding_source_url": r.funding_source_url,
            "funding_note_en": r.funding_note_en, "funding_note_ru": r.funding_note_ru, "version": r.version,
            "updated_at": r.updated_at}


@router.get("/reviews", response=list[ProcessOut], auth=READ_AUTH,
            summary="Review processes with their items and the rounds you may see")
def review_processes(request):
    processes = selectors.process_list(user=_user(request))
    items = {}
    for item in (access.scope(_user(request), access.Action.VIEW, ReviewItem).filter(process__in=processes)
                 .order_by("position", "number")):
        items.setdefault(item.process_id, []).append(item)
    return [{
        "code": p.code, "title_en": p.title_en, "title_ru": p.title_ru, "short_title_en": p.short_title_en,
        "short_title_ru": p.short_title_ru, "description_en": p.description_en, "description_ru": p.description_ru,
        "sources": [{"title": s.get("title", ""), "url": s.get("url", ""), "publisher": s.get("publisher", "")}
                    for s in p.sources],
        "items": items.get(p.pk, []),
        "rounds": p.visible_rounds,
    } for p in processes]


@router.get("/reviews/{code}/rounds/{year}", response={200: RoundDetailOut, 404: MessageOut}, auth=READ_AUTH,
            summary="Assessments and state funding of one round (published rounds without a token)")
def review_round(request, code: str, year: int, country: str | None = None):
    user = _user(request)
    try:
        found = access_review_round(user=user, code=code, year=year)
    except Http404:
        return Reply(404, {"detail": "No such round."})
    assessments = (selectors.assessments_in_scope(user=user).filter(round=found)
                   .select_related("country", "item").order_by("country__iso3", "item__position"))
    reports = selectors.reports_in_scope(user=user).filter(round=found).select_related("country")
    if country:
        country_obj = country_get(iso3=country)
        if country_obj is None:
            return Reply(404, {"detail": "No such country."})
        assessments = assessments.filter(country=country_obj)
        reports = reports.filter(country=country_obj)
    return Reply(200, {"process": found.process.code, "year": found.year, "is_open": found.is_open,
                       "published": found.published, "published_at": found.published_at,
                       "assessments": [_assessment_dict(a) for a in assessments],
                       "reports": [_report_dict(r) for r in reports.order_by("country__iso3")]})


@router.put("/reviews/{code}/rounds/{year}/countries/{iso3}/items/{item}", auth=TokenAuth(),
            response={200: AssessmentOut, 404: MessageOut, 422: ValidationErrorOut},
            summary="Record or change one assessment (coordinators, own countries, open rounds)")
def review_assessment_put(request, code: str, year: int, iso3: str, item: str, payload: AssessmentIn):
    user = request.auth
    try:
        process = access_review_process(user=user, code=code)
        found = access_review_round(user=user, code=code, year=year)
        country = country_get(iso3=iso3)
        if country is None:
            raise Http404
        item_obj = access_review_item(user=user, process=process, code=item, active_only=True)
        access_country_assessment(user=user, round=found, item=item_obj, country=country,
                                  action=access.Action.CHANGE)
    except Http404:
        return Reply(404, {"detail": "Not found."})
    if payload.status not in Status.values:
        return Reply(422, _invalid({"status": [f"One of: {', '.join(Status.values)}."]}))
    try:
        assessment, _ = services.assessment_save(
            actor=user, review_round=found, item=item_obj, country=country, status=payload.status,
            evidence=[link.model_dump() for link in payload.evidence], comment_en=payload.comment_en,
            comment_ru=payload.comment_ru)
    except PermissionDenied:
        return Reply(404, {"detail": "Not found."})
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        return Reply(422, _invalid(errors))
    return Reply(200, _assessment_dict(assessment))
