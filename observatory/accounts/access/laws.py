"""Who may change the law database and take part in the scorecard's expert survey.

* Laws and the model law are public data: every signed-in user may view them through the
  policy (the public pages read them without one); only admins (network staff) change them.
* Survey questions: admins manage them; everyone signed in may view them.
* Assignments: admins assign experts; an expert sees their own assignments; a coordinator
  sees those of their countries (to review them).
* Answers: an expert creates and changes only the answers to their own assignments; admins
  and the coordinators of the country see them (reviewers); nobody else does.
* Final answers: published with the index, so any signed-in user may view them; admins and
  the coordinators of the country finalise them (a reviewer who rated the same unit may not:
  the service checks that).
"""

from __future__ import annotations

from django.db.models import Q

from observatory.accounts.access import Action, Policy, _country_ids, register
from observatory.accounts.models import Role
from observatory.laws.models import LegalProvision, LegalSource, ModelLaw, ModelLawProvision
from observatory.scorecard.models import SurveyAnswer, SurveyAssignment, SurveyFinal, SurveyQuestion


class StaffEditsPolicy(Policy):
    """Public reference data: any signed-in user views, admins change."""

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        return Q() if action == Action.VIEW else None


class ModelLawPolicy(StaffEditsPolicy):
    model = ModelLaw


class ModelLawProvisionPolicy(StaffEditsPolicy):
    model = ModelLawProvision


class LegalProvisionPolicy(StaffEditsPolicy):
    model = LegalProvision


class LegalSourcePolicy(StaffEditsPolicy):
    model = LegalSource


class SurveyQuestionPolicy(StaffEditsPolicy):
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
            return own | Q(country_id__in=_country_ids(user))
        return own


class SurveyAnswerPolicy(Policy):
    model = SurveyAnswer

    def rule(self, user, action):
        if action in (Action.CREATE, Action.CHANGE):
            # A literal list, so that ``user_can`` on an unsaved answer checks it without a subquery.
            return Q(assignment_id__in=list(SurveyAssignment.objects.filter(expert_id=user.pk)
                                            .values_list("pk", flat=True)))
        own = Q(assignment__expert_id=user.pk)
        if action == Action.DELETE:
            return None
        if user.role == Role.ADMIN:
            return Q()
        if user.role == Role.COORDINATOR:
            return own | Q(assignment__country_id__in=_country_ids(user))
        return own


class SurveyFinalPolicy(Policy):
    model = SurveyFinal

    def rule(self, user, action):
        if action == Action.VIEW:
            return Q()
        if action == Action.DELETE:
            return Q() if user.role == Role.ADMIN else None
        if user.role == Role.ADMIN:
            return Q()
        if user.role == Role.COORDINATOR:
            return Q(country_id__in=_country_ids(user))
        return None


for _policy in (ModelLawPolicy(), ModelLawProvisionPolicy(), LegalProvisionPolicy(), LegalSourcePolicy(),
                SurveyQuestionPolicy(), SurveyAssignmentPolicy(), SurveyAnswerPolicy(), SurveyFinalPolicy()):
    register(_policy)

__all__ = ["Action"]
