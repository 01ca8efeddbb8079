"""Who reads and writes the human rights records.

Recommendations, court cases and alternatives are public reference data (anyone reads; network staff,
the admins, change them; the shipped data loads as the platform). Implementation assessments are
public too, so that every recommendation sits next to the evidence of what became of it:

| role | read assessments | add an assessment | change or delete one |
|---|---|---|---|
| admin (the secretariat) | all | any country's | delete only (an assessment made in error) |
| coordinator | all | its countries' | none |
| everyone else, visitors | all | none | none |

An assessment is never changed: a new one is added for the next round, and the old ones are the history.
"""

from __future__ import annotations

from django.db.models import Q

from observatory.access import Action, Policy, register, user_country_ids
from observatory.access.public import PublicReferencePolicy
from observatory.accounts.models import Role
from observatory.rights.models import Alternative, Assessment, CourtCase, Recommendation


class RecommendationPolicy(PublicReferencePolicy):
    model = Recommendation


class CourtCasePolicy(PublicReferencePolicy):
    model = CourtCase


class AlternativePolicy(PublicReferencePolicy):
    model = Alternative


class AssessmentPolicy(Policy):
    model = Assessment

    def public_rule(self, action):
        return Q() if action == Action.VIEW else None

    def rule(self, user, action):
        if action == Action.VIEW:
            return Q()
        if action == Action.CHANGE:
            return None
        if user.role == Role.ADMIN:
            return Q()
        if user.role == Role.COORDINATOR and action == Action.CREATE:
            mine = Recommendation.objects.filter(country_id__in=user_country_ids(user)).values("pk")
            return Q(recommendation_id__in=mine)
        return None


ASSESSMENTS = AssessmentPolicy()


def register_all() -> None:
    for policy in (RecommendationPolicy(), CourtCasePolicy(), AlternativePolicy(), ASSESSMENTS):
        register(policy)
