"""Assessing a recommendation's implementation: a new, audited record per assessment, never an overwrite."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from observatory.access import require
from observatory.audit.services import audit_record
from observatory.rights.models import Assessment, Implementation, Recommendation


@dataclass
class AssessmentData:
    round: int
    status: str
    evidence: str
    laws: list = field(default_factory=list)  # laws.LegalProvision of the same country
    events: list = field(default_factory=list)  # events.PolicyEvent of the same country
    indicators: list[str] = field(default_factory=list)
    review_items: list = field(default_factory=list)


def assessment_errors(recommendation: Recommendation, data: AssessmentData) -> dict[str, str]:
    errors = {}
    if data.status not in Implementation.values:
        errors["status"] = _("Choose not, partly or fully implemented.")
    if not data.evidence.strip():
        errors["evidence"] = _("Say what shows this status: a law, a figure, a report.")
    this_year = timezone.now().year
    if not recommendation.date.year <= data.round <= this_year:
        errors["round"] = _("A year from the recommendation's (%(start)s) to this year (%(end)s).") % {
            "start": recommendation.date.year, "end": this_year}
    if any(item.country_id != recommendation.country_id for item in [*data.laws, *data.events]):
        errors["laws"] = _("Laws and events of the recommendation's own country.")
    return errors


@transaction.atomic
def assessment_record(*, actor, recommendation: Recommendation, data: AssessmentData) -> Assessment:
    """Add an assessment; the newest one is the recommendation's status, the earlier ones its history."""
    errors = assessment_errors(recommendation, data)
    if errors:
        raise ValidationError({key: [message] for key, message in errors.items()})
    assessment = Assessment(recommendation=recommendation, round=data.round, status=data.status,
                            evidence=data.evidence.strip(), indicators=sorted(set(data.indicators)),
                            assessed_by=actor if getattr(actor, "pk", None) else None)
    require(actor, "create", assessment)
    assessment.save()
    assessment.laws.set(data.laws)
    assessment.events.set(data.events)
    assessment.review_items.set(data.review_items)
    previous = recommendation.assessments.exclude(pk=assessment.pk).order_by("-round", "-assessed_at").first()
    audit_record(actor=actor, action="rights.assess", obj=recommendation,
                 details={"round": data.round, "status": data.status,
                          "previous": previous.status if previous else None})
    return assessment

