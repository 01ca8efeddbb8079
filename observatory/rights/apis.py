"""The human rights records in the JSON API: public, paginated, filtered by country (and mechanism)."""

from __future__ import annotations

import datetime

from ninja import Field, Router, Schema
from ninja.pagination import paginate

from observatory.core.apitools import BoundedPageNumberPagination
from observatory.countries.selectors import country_get
from observatory.rights import selectors
from observatory.rights.models import Mechanism

router = Router()


class RecommendationOut(Schema):
    id: str
    country: str
    mechanism: str
    cycle: str
    symbol: str
    paragraph: str
    date: str
    text: str
    text_ru: str | None
    recommending_state: str | None
    response: str | None
    themes: list[str]
    source_url: str
    status: str | None = Field(description="The newest assessment: not, partly or fully (implemented); null if none.")
    status_round: int | None


class CaseOut(Schema):
    country: str
    court: str
    title: str
    reference: str
    judgment_date: str
    rights: list[str]
    outcome: str
    requires: str
    execution_status: str | None
    source_url: str


class AlternativeOut(Schema):
    country: str
    name: str
    kind: str
    legal_basis: str
    model_provision: str | None = Field(None, description="The model-law provision it gives effect to: diversion or "
                                                          "alternatives_to_prison.")
    law_value: str | None = Field(None, description="The value of the country's current version of that provision "
                                                    "in the law data (as in /api/v1/laws), or null.")
    law_valid_from: datetime.date | None = None
    started: int | None
    status: str
    scale: str | None
    people_per_year: int | None
    people_per_year_year: int | None
    source_url: str
    source_title: str


def _country(iso3: str | None):
    """``(country, known)``: a filter that names no platform country matches nothing."""
    if not iso3:
        return None, True
    found = country_get(iso3=iso3)
    return found, found is not None


@router.get("/recommendations", response=list[RecommendationOut], summary="UN recommendations on drugs")
@paginate(BoundedPageNumberPagination, page_size=100)
def recommendations_api(request, country: str | None = None,
                        mechanism: str | None = None):
    found, known = _country(country)
    if not known or (mechanism and mechanism not in Mechanism.values):
        return []
    return [{"id": r.key, "country": r.country.iso3, "mechanism": r.mechanism, "cycle": r.cycle,
             "symbol": r.symbol, "paragraph": r.paragraph, "date": r.date.isoformat(), "text": r.text_en,
             "text_ru": r.text_ru or None, "recommending_state": r.recommending_state or None,
             "response": r.response or None, "themes": r.themes, "source_url": r.source_url,
             "status": r.current_status, "status_round": r.current_round}
            for r in selectors.recommendation_list(country=found, mechanism=mechanism or "")]


@router.get("/litigation", response=list[CaseOut], summary="Court cases concerning people who use drugs")
@paginate(BoundedPageNumberPagination, page_size=100)
def litigation_api(request, country: str | None = None):
    found, known = _country(country)
    if not known:
        return []
    return [{"country": c.country.iso3, "court": c.court, "title": c.title, "reference": c.reference,
             "judgment_date": c.judgment_date.isoformat(), "rights": c.rights, "outcome": c.outcome,
             "requires": c.requires, "execution_status": c.execution_status or None, "source_url": c.source_url}
            for c in selectors.case_list(country=found)]


@router.get("/alternatives", response=list[AlternativeOut], summary="Alternatives to punishment for drug offences")
@paginate(BoundedPageNumberPagination, page_size=100)
def alternatives_api(request, country: str | None = None):
    found, known = _country(country)
    if not known:
        return []
    return [{"country": a.country.iso3, "name": a.name_en, "kind": a.kind, "legal_basis": a.legal_basis,
             "model_provision": a.model_provision or None,
             "law_value": a.legal_provision.value if a.legal_provision else None,
             "law_valid_from": a.legal_provision.valid_from if a.legal_provision else None,
             "started": a.started, "status": a.status, "scale": a.scale or None,
             "people_per_year": a.scale_number, "people_per_year_year": a.scale_year, "source_url": a.source_url,
             "source_title": a.source_title}
            for a in selectors.alternative_list(country=found)]
