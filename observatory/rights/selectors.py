"""Reading the human rights records: public lists with filters, each recommendation's current status."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from observatory.countries.selectors import country_list_by_name
from observatory.rights.models import (
    ALTERNATIVE_PROVISIONS,
    Alternative,
    AlternativeStatus,
    Assessment,
    CourtCase,
    Recommendation,
)


def _latest(field: str):
    newest = Assessment.objects.filter(recommendation=OuterRef("pk")).order_by("-round", "-assessed_at", "-pk")
    return Subquery(newest.values(field)[:1])


def recommendation_list(*, country=None, mechanism: str = "", theme: str = "") -> QuerySet[Recommendation]:
    """Recommendations with their current status (``current_status``, ``current_round``: the newest assessment)."""
    items = Recommendation.objects.select_related("country").annotate(
        current_status=_latest("status"), current_round=_latest("round"))
    if country is not None:
        items = items.filter(country=country)
    if mechanism:
        items = items.filter(mechanism=mechanism)
    if theme:
        # JSON containment is not on every database: the list is small, filter in Python.
        items = items.filter(pk__in=[pk for pk, themes in items.values_list("pk", "themes") if theme in (themes or [])])
    return items.order_by("country__iso3", "-date", "mechanism", "paragraph")


def recommendation_history(recommendation: Recommendation) -> QuerySet[Assessment]:
    return (recommendation.assessments.select_related("assessed_by")
            .prefetch_related("laws__provision", "events", "review_items")
            .order_by("-round", "-assessed_at", "-pk"))


def case_list(*, country=None) -> QuerySet[CourtCase]:
    cases = CourtCase.objects.select_related("country")
    return cases.filter(country=country) if country is not None else cases


def alternative_list(*, country=None) -> QuerySet[Alternative]:
    items = Alternative.objects.select_related("country", "legal_provision__provision")
    return items.filter(country=country) if country is not None else items


def country_summary(country) -> dict:
    """What the country page shows: recommendations by status, the latest ones, cases and alternatives."""
    recommendations = list(recommendation_list(country=country))
    return {
        "recommendations": recommendations[:5], "recommendations_total": len(recommendations),
        "by_status": {key: sum(1 for r in recommendations if r.current_status == status)
                      for key, status in (("not", "not"), ("partly", "partly"), ("fully", "fully"),
                                          ("unassessed", None))},
        "cases": list(case_list(country=country)), "alternatives": list(alternative_list(country=country)),
    }




@dataclass
class DiversionRow:
    """Where one country stands on alternatives to punishment: in its law, and in practice."""

    country: object
    law: list  # the current versions of the model law's two provisions on alternatives, with their status
    programmes: list
    practice: str  # the strongest status of a programme: active, pilot, in law only, or "" (none recorded)
    category: str  # a key of DIVERSION_CATEGORIES, or "" (nothing recorded)

    @property
    def category_label(self) -> str:
        return str(DIVERSION_CATEGORIES.get(self.category, ""))

    @property
    def practice_label(self) -> str:
        return str(AlternativeStatus(self.practice).label) if self.practice else ""


DIVERSION_CATEGORIES = {
    "law_and_practice": _("in law and in practice"), "practice_only": _("in practice, no basis in the law data"),
    "law_only": _("in law only"), "not_in_law": _("not in law"),
}
_PRACTICE = (AlternativeStatus.ACTIVE, AlternativeStatus.PILOT)
_IN_LAW = (AlternativeStatus.IN_LAW, AlternativeStatus.UNKNOWN)  # "unknown": a source describes the law only


def diversion_in_law_and_practice() -> list[DiversionRow]:
    """Each country's law on diversion and alternatives to imprisonment (the model law's provisions, as in the
    law comparator) beside the programmes recorded in practice, in one category per country for the map."""
    from observatory.laws import labels
    from observatory.laws.comparator import version_status
    from observatory.laws.models import LegalProvision

    versions: dict[str, dict[str, LegalProvision]] = {}
    for version in (LegalProvision.objects.filter(provision__code__in=ALTERNATIVE_PROVISIONS, valid_to__isnull=True)
                    .select_related("provision", "country").order_by(F("valid_from").asc(nulls_first=True))):
        versions.setdefault(version.country.iso3, {})[version.provision.code] = version  # the latest start wins
    programmes: dict[str, list[Alternative]] = {}
    for item in alternative_list():
        programmes.setdefault(item.country.iso3, []).append(item)
    rows = []
    for country in country_list_by_name():
        law = [{"version": v, "status": (status := version_status(v)),
                "status_label": str(labels.JUDGEMENT_LABELS[status]),
                "value_label": labels.value_phrase(code=v.provision.code, value=v.value)}
               for code in ALTERNATIVE_PROVISIONS if (v := versions.get(country.iso3, {}).get(code))]
        items = programmes.get(country.iso3, [])
        statuses = {item.status for item in items}
        practice = next((s for s in (*_PRACTICE, AlternativeStatus.IN_LAW) if s in statuses), "")
        if not practice and AlternativeStatus.UNKNOWN in statuses:
            practice = AlternativeStatus.IN_LAW
        in_law = any(entry["status"] in ("meets", "partly") for entry in law) or bool(statuses & set(_IN_LAW))
        in_practice = bool(statuses & set(_PRACTICE))
        if in_practice:
            category = "law_and_practice" if in_law else "practice_only"
        elif in_law:
            category = "law_only"
        elif law:
            category = "not_in_law"
        else:
            category = ""
        rows.append(DiversionRow(country=country, law=law, programmes=items, practice=practice, category=category))
    return rows


def practice_links(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """For the law pages: a link from a country's diversion or alternatives provision to its programmes."""
    codes = {code for _iso3, code in pairs if code in ALTERNATIVE_PROVISIONS}
    if not codes:
        return {}
    counts = (Alternative.objects.filter(model_provision__in=codes, country__iso3__in={iso3 for iso3, _ in pairs})
              .values("country__iso3", "model_provision").annotate(n=Count("pk")))
    links = {}
    for row in counts:
        iso3, n = row["country__iso3"], row["n"]
        links[(iso3, row["model_provision"])] = {
            "label": ngettext("%(n)s programme recorded in the directory of alternatives to punishment",
                              "%(n)s programmes recorded in the directory of alternatives to punishment", n) % {"n": n},
            "url": f"{reverse('rights:alternatives')}?country={iso3}"}
    return {pair: link for pair, link in links.items() if pair in pairs}
