"""Reading the human rights records: public lists with filters, each recommendation's current status."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery

from observatory.rights.models import Alternative, Assessment, CourtCase, Recommendation


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


