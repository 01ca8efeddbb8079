"""Public API of the indicator database: the catalogue and observations (JSON or CSV with sources)."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from ninja import Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.errors import HttpError, ValidationError

from observatory import access
from observatory.core.pagecache import public_page
from observatory.core.apitools import ValidationErrorOut, year_query
from observatory.indicators import selectors
from observatory.indicators.models import Indicator

router = Router()

MAX_ROWS = 100_000


class SourceOut(Schema):
    key: str
    publisher: str
    dataset: str
    edition: str
    url: str
    licence: str
    citation_en: str
    citation_ru: str


class IndicatorOut(Schema):
    code: str
    name_en: str
    name_ru: str
    definition_en: str
    definition_ru: str
    unit_en: str
    unit_ru: str
    topic: str
    kind: str
    higher_is_better: bool | None
    decimals: int
    is_count: bool
    sources: list[str]


class ObservationOut(Schema):
    indicator: str
    country: str
    period: str
    year: int
    sex: str | None
    age_group: str | None
    value: float | None
    lower: float | None
    upper: float | None
    qualifier: str
    category: str
    value_text: str
    flags: list[str]
    note: str
    source: str
    population: float | None = None
    population_source: str | None = None


@router.get("/indicators", response=list[IndicatorOut], summary="The indicator catalogue")
def indicators(request):
    result = []
    sources: dict[str, set[str]] = {}
    for code, key in (selectors.observations_query().values_list("indicator__code", "source__key").distinct()
                      .order_by()):
        sources.setdefault(code, set()).add(key)
    for indicator in access.public_scope(Indicator).order_by("code"):
        result.append({
            **{f: getattr(indicator, f) for f in ("code", "name_en", "name_ru", "definition_en", "definition_ru",
                                                   "unit_en", "unit_ru", "topic", "kind", "higher_is_better",
                                                   "decimals", "is_count")},
            "sources": sorted(sources.get(indicator.code, ())),
        })
    return result


@router.get("/sources", response=list[SourceOut], summary="Every data source, with licence and citation")
def sources(request):
    from observatory.indicators.models import Source

    return list(access.public_scope(Source).order_by("key"))


def observation_dict(obs) -> dict:
    return {
        "indicator": obs.indicator.code, "country": obs.country.iso3, "period": obs.period, "year": obs.year,
        "sex": obs.sex or None, "age_group": obs.age_group or None, "value": obs.value, "lower": obs.lower,
        "upper": obs.upper, "qualifier": obs.qualifier, "category": obs.category, "value_text": obs.value_text,
        "flags": list(obs.flags or []), "note": obs.note, "source": obs.source.key,
    }


CSV_COLUMNS = ["indicator", "country", "period", "year", "sex", "age_group", "value", "lower", "upper", "qualifier",
               "category", "value_text", "flags", "note", "source", "source_publisher", "source_dataset",
               "source_edition", "source_url", "source_licence", "population", "population_source"]


PER_CAPITA_DESCRIPTION = (
    "Divide each value by its country's population in the same year and multiply by this number "
    "(100000 gives a rate per 100,000 population). Only for indicators that are counts (is_count in "
    "/api/v1/indicators). A value without a population figure for its year is returned with value null; "
    "population and population_source name the denominator.")


def _per_capita(rows: list[dict], indicator: str, per: int) -> list[dict]:
    from observatory.indicators.models import Indicator

    found = Indicator.objects.filter(code=indicator).first()
    if found is not None and not found.is_count:
        raise ValidationError([{"loc": ["query", "per_capita"], "type": "value_error",
                                "msg": "This indicator is not a count (see is_count in /api/v1/indicators); "
                                       "it cannot be divided by population. Leave per_capita out."}])
    population = selectors.population_by_year(countries=list({row["country"] for row in rows}))
    for row in rows:
        people, key = population.get((row["country"], row["year"]), (None, None))
        factor = per / people if people else None
        for field in ("value", "lower", "upper"):
            if row[field] is not None:
                row[field] = row[field] * factor if factor else None
        row.update(population=people, population_source=key)
    return rows


@router.get("/observations", response={200: list[ObservationOut], 422: ValidationErrorOut},
            summary="Observations of an indicator and/or a country, filtered by years; format=csv adds source columns")
@decorate_view(public_page(name="api-observations", version=selectors.data_version))
def observations(request, indicator: str | None = None, country: str | None = None,
                 year_from: int | None = year_query(alias="from"), year_to: int | None = year_query(alias="to"),
                 sex: str | None = None, format: str = "json",
                 per_capita: int | None = Query(None, ge=1, le=1_000_000, description=PER_CAPITA_DESCRIPTION)):
    if format not in ("json", "csv"):
        raise HttpError(400, "format is json or csv")
    if not indicator and not country:
        # Everything at once was 5.4 MB: ask for a slice (indicator codes are listed at /api/v1/indicators).
        raise ValidationError([{"loc": ["query", "indicator"], "type": "missing",
                                "msg": "Give an indicator (see /api/v1/indicators) or a country (ISO3), or both."}])
    if per_capita and not indicator:
        raise ValidationError([{"loc": ["query", "indicator"], "type": "missing",
                                "msg": "per_capita needs an indicator that is a count (see /api/v1/indicators)."}])
    queryset = selectors.observations_query(indicator=indicator, country=country, year_from=year_from,
                                            year_to=year_to, sex=sex)
    found = list(queryset[: MAX_ROWS + 1])
    if len(found) > MAX_ROWS:
        raise HttpError(400, f"More than {MAX_ROWS} observations match; filter by indicator or country.")
    rows = [observation_dict(obs) for obs in found]
    if per_capita:
        rows = _per_capita(rows, indicator, per_capita)
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for obs, row in zip(found, rows):
            row["flags"] = ";".join(row["flags"])
            source = obs.source
            row.update(source_publisher=source.publisher, source_dataset=source.dataset,
                       source_edition=source.edition, source_url=source.url, source_licence=source.licence)
            writer.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in CSV_COLUMNS})
        name = "-".join(filter(None, ["observations", indicator, country, "per-capita" if per_capita else ""]))
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    return rows
