"""Public API of the law database: a country's provisions judged against the model law, and the model law."""

from __future__ import annotations

import datetime

from ninja import Query, Router, Schema
from ninja.errors import HttpError

from observatory.countries.selectors import country_get
from observatory.laws import export, selectors

router = Router()


class LawsQuery(Schema):
    country: str
    date: datetime.date | None = None


@router.get("/laws", summary="A country's provisions judged against the model law (meets / partly / does not "
                             "meet / unknown), with citation and sources")
def laws(request, query: Query[LawsQuery]):
    """``date`` (YYYY-MM-DD) gives the state of the law on that day; without it, the latest known state.

    Every recorded version (reforms included) is listed under ``versions``.
    """
    country = country_get(iso3=query.country)
    if country is None:
        raise HttpError(404, "Unknown country code; see /api/v1/countries.")
    cells = selectors.country_assessment(country=country, at=query.date)
    result = export.country_dict(country=country, cells=cells, at=query.date)
    result["versions"] = [export.version_dict(v) for cell in cells for v in cell.history]
    return result


@router.get("/laws/model", summary="The model non-repressive drug law: each provision's target and why (EN/RU)")
def model_law(request):
    edition = selectors.model_law()
    return {
        "version": edition.version if edition else None,
        "title_en": edition.title_en if edition else "",
        "title_ru": edition.title_ru if edition else "",
        "provisions": [
            {f: getattr(p, f) for f in ("code", "label_en", "label_ru", "value_type", "allowed_values", "target",
                                        "target_en", "target_ru", "why_en", "why_ru", "judgement",
                                        "judgement_rule", "basis")}
            for p in selectors.model_law_provisions()
        ],
    }
