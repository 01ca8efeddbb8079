"""Reads of the law database (public data: no access policy needed to read).

Every function loads what it needs in a fixed number of queries, whatever the number
of provisions or countries.
"""

from __future__ import annotations

import datetime

from django.db.models import Prefetch

from observatory.countries.models import Country
from observatory.laws import comparator
from observatory.laws.models import LegalProvision, LegalSource, ModelLaw, ModelLawProvision


def model_law() -> ModelLaw | None:
    return ModelLaw.objects.first()


def model_law_provisions() -> list[ModelLawProvision]:
    return list(ModelLawProvision.objects.order_by("position", "code"))


def versions_query():
    return (LegalProvision.objects.select_related("provision", "country")
            .prefetch_related(Prefetch("sources", queryset=LegalSource.objects.order_by("position"))))


def versions_by_country(*, countries: list[Country] | None = None) -> dict[str, list[LegalProvision]]:
    """Every recorded version, grouped by ISO3 code (for ``countries`` only, when given)."""
    queryset = versions_query()
    if countries is not None:
        queryset = queryset.filter(country__in=countries)
    grouped: dict[str, list[LegalProvision]] = {}
    for version in queryset:
        grouped.setdefault(version.country.iso3, []).append(version)
    return grouped


def country_assessment(*, country: Country, at: datetime.date | None = None,
                       provisions: list | None = None) -> list[comparator.Cell]:
    """One country's provisions against the model law at ``at`` (``None``: the latest known state)."""
    provisions = provisions if provisions is not None else model_law_provisions()
    versions = versions_by_country(countries=[country]).get(country.iso3, [])
    return comparator.assess(provisions=provisions, versions=versions, at=at)


def countries_comparison(*, countries: list[Country], at: datetime.date | None = None):
    """Side by side: a list of ``(provision, [cell per country])`` rows, in the order of ``countries``."""
    provisions = model_law_provisions()
    grouped = versions_by_country(countries=countries)
    columns = [comparator.assess(provisions=provisions, versions=grouped.get(c.iso3, []), at=at) for c in countries]
    return [(provision, [column[i] for column in columns]) for i, provision in enumerate(provisions)]


def country_reform(*, country: Country, before: datetime.date, after: datetime.date):
    provisions = model_law_provisions()
    versions = versions_by_country(countries=[country]).get(country.iso3, [])
    return comparator.reform(provisions=provisions, versions=versions, before=before, after=after)


def country_change_dates(*, country: Country) -> list[datetime.date]:
    versions = list(LegalProvision.objects.filter(country=country).only("valid_from", "valid_to"))
    return comparator.change_dates(versions)


def coverage_by_country() -> dict[str, dict[str, int]]:
    """Per ISO3 code: the counts of the latest known state (meets, partly, does not meet, unknown)."""
    provisions = model_law_provisions()
    result = {}
    for iso3, versions in versions_by_country().items():
        result[iso3] = comparator.summary(comparator.assess(provisions=provisions, versions=versions))
    return result
