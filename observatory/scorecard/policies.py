"""Who takes part in the scorecard's expert survey.

* Questions: public (they are printed beside the index); admins manage them.
* Assignments: admins assign experts; an expert sees their own assignments; a
  coordinator sees those of their countries (to review them).
* Answers: an expert creates and changes only the answers to their own
  assignments; admins and the coordinators of the country see them (reviewers);
  nobody else does.
* Final answers: published with the index, so everyone may view them; admins and
  the coordinators of the country finalise them (a reviewer who rated the same
  unit may not: the service checks that).
"""

from __future__ import annotations

from django.db.models import Q

from observatory.access import Action, Policy, register, user_country_ids
from observatory.access.public import PublicReferencePolicy
from observatory.accounts.models import Role
from observatory.scorecard.models import SurveyAnswer, SurveyAssignment, SurveyFinal, SurveyQuestion


class SurveyQuestionPolicy(PublicReferencePolicy):
    model = SurveyQuestion


class SurveyAssignmentPolicy(Policy):
    model = SurveyAssignment

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        if action != Action.VIEW:
            return None
        own = Q(expert_id=user.pk)
        if user.role == Role.COORDINATOR:
            return own | Q(country_id__in=user_country_ids(user))
        return own


class SurveyAnswerPolicy(Policy):
    model = SurveyAnswer

    def rule(self, user, action):
        if action in (Action.CREATE, Action.CHANGE):
            return Q(assignment_id__in=SurveyAssignment.objects.filter(expert_id=user.pk).values("pk"))
        if action == Action.DELETE:
            return None
        own = Q(assignment__expert_id=user.pk)
        if user.role == Role.ADMIN:
            return Q()
        if user.role == Role.COORDINATOR:
            return own | Q(assignment__country_id__in=user_country_ids(user))
        return own


class SurveyFinalPolicy(Policy):
    model = SurveyFinal

    def public_rule(self, action):
        return Q() if action == Action.VIEW else None

    def rule(self, user, action):
        if action == Action.VIEW:
            return Q()
        if user.role == Role.ADMIN:
            return Q()
        if user.role == Role.COORDINATOR and action != Action.DELETE:
            return Q(country_id__in=user_country_ids(user))
        return None


def register_all() -> None:
    for policy in (SurveyQuestionPolicy(), SurveyAssignmentPolicy(), SurveyAnswerPolicy(), SurveyFinalPolicy()):
        register(policy)
