"""Public statistics of the registry: counts of cases for one country and year, small cells suppressed.

Only cases that were verified (``verified``, ``in_response`` or ``closed``) and
whose person consented to share anonymised data with the network count, and
cases confirmed to describe one violation (an entity) count once. A
case counts once in every category it has (a case with two violation types
counts under both), so categories may add up to more than the total.
Suppression is applied by :mod:`observatory.cases.suppression`.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from observatory.cases.models import PERPETRATORS, SEXES, VIOLATIONS, Case, CaseStatus, Term
from observatory.cases.suppression import PublishedTable, suppress
from observatory.core.i18n import translated

COUNTED_STATUSES = (CaseStatus.VERIFIED, CaseStatus.IN_RESPONSE, CaseStatus.CLOSED)
DIMENSIONS = {"violation": VIOLATIONS, "perpetrator": PERPETRATORS, "sex": SEXES}
NOT_RECORDED = "not_recorded"
UNKNOWN_SEX = "unknown"


def counted_cases(*, country_id: int, year: int) -> QuerySet[Case]:
    return Case.objects.filter(country_id=country_id, occurred_year=year, status__in=COUNTED_STATUSES,
                               consent_share_network=True)


def entities() -> Count:
    """The number of violations among some cases: a case without an entity is one; an entity's cases are one.

    Several organisations may document the same violation; once a coordinator confirms
    that cases are one (``observatory.dedup``), they share an entity and count once.
    """
    return Count("entity", distinct=True) + Count("pk", distinct=True, filter=Q(entity__isnull=True))


def counted_total(*, country_id: int, year: int) -> int:
    """The number of violations (entities) among the counted cases of one country and year."""
    return counted_cases(country_id=country_id, year=year).aggregate(n=entities())["n"] or 0


_CATEGORY = {"violation": "acts__violation_id", "perpetrator": "acts__perpetrators", "sex": "victims__sex_id"}


def _raw_counts(*, country_id: int, year: int, by: str, codes: dict[int, str]) -> dict[str, int]:
    """Distinct counted cases per category, as codes, in one query.

    A LEFT JOIN from the cases keeps those without a category: they are counted
    as "not recorded" (or, for sex, as not known).
    """
    rows = (counted_cases(country_id=country_id, year=year).order_by()
            .values_list(_CATEGORY[by]).annotate(n=entities()))
    counts: dict[str, int] = {}
    for term_id, n in rows:
        if term_id is None:
            code = UNKNOWN_SEX if by == "sex" else NOT_RECORDED
        else:
            code = codes.get(term_id, str(term_id))
        counts[code] = counts.get(code, 0) + n
    return {k: v for k, v in counts.items() if v}


def suppression_order(*, by: str, country_iso3: str, year: int, codes) -> list[str]:
    """A fixed order of categories for secondary suppression: a keyed hash, unrelated to the counts."""
    key = hmac.new(settings.SECRET_KEY.encode(), b"observatory stats order v1", hashlib.sha256).digest()

    def rank(code: str) -> bytes:
        return hmac.new(key, f"{by}|{country_iso3}|{year}|{code}".encode(), hashlib.sha256).digest()

    return sorted(codes, key=rank)


@dataclass
class StatCell:
    code: str
    name_en: str
    name_ru: str
    value: int | str

    @property
    def name(self) -> str:
        return translated(self, "name")

    @property
    def number(self) -> int | None:
        return self.value if isinstance(self.value, int) else None


@dataclass
class ViolationStats:
    country: str
    year: int
    by: str
    total: int | str
    withheld: bool
    cells: list[StatCell] = field(default_factory=list)

    @property
    def largest(self) -> int:
        return max([c.number or 0 for c in self.cells] + [1])


_LABELS = {NOT_RECORDED: ("Not recorded", "Не указано")}


def violation_stats(*, country, year: int, by: str, total: int | None = None) -> ViolationStats:
    """The published table for ``country`` (a Country), ``year`` and ``by`` (violation, perpetrator or sex).

    ``total`` (the number of counted cases) may be passed when several breakdowns are built together.
    """
    if by not in DIMENSIONS:
        raise ValueError(f"by must be one of {', '.join(DIMENSIONS)}")
    if total is None:
        total = counted_total(country_id=country.pk, year=year)
    vocabulary = {t.pk: t for t in Term.objects.filter(vocabulary__code=DIMENSIONS[by])}
    counts = _raw_counts(country_id=country.pk, year=year, by=by, codes={pk: t.code for pk, t in vocabulary.items()}) \
        if total else {}
    order = suppression_order(by=by, country_iso3=country.iso3, year=year, codes=counts)
    table: PublishedTable = suppress(counts, total, order)
    terms = {t.code: t for t in vocabulary.values()}
    cells = []
    for code, value in table.cells.items():
        term = terms.get(code)
        name_en, name_ru = (term.name_en, term.name_ru) if term else _LABELS.get(code, (code, code))
        cells.append(StatCell(code=code, name_en=name_en, name_ru=name_ru, value=value))
    # Largest first; suppressed cells after the numbers, by code, so their position reveals nothing.
    cells.sort(key=lambda c: (c.number is None, -(c.number or 0), c.code))
    return ViolationStats(country=country.iso3, year=year, by=by, total=table.total, withheld=table.withheld,
                          cells=cells)
