"""Who supplies national figures and who reviews them.

| role | supplies figures for | sees | reviews (accepts or rejects) |
|---|---|---|---|
| admin (the secretariat) | any country | all | all |
| analyst | any country | all | all but their own |
| coordinator | its countries | its countries' | none |
| case manager, documenter | its organisation's country | its organisation's | none |
| visitor | none | none | none |

Review is the ``change`` action; a reviewer never reviews their own submission (the service refuses it).
"""

from __future__ import annotations

from django.db.models import Q

from observatory.access import Policy, register, user_country_ids
from observatory.accounts.models import ORGANISATION_ROLES, Role
from observatory.figures.models import FigureSubmission


class FigureSubmissionPolicy(Policy):
    model = FigureSubmission

    def rule(self, user, action):
        if user.role in (Role.ADMIN, Role.ANALYST):
            return Q() if action != "delete" else None
        if action not in ("view", "create"):
            return None
        if user.role == Role.COORDINATOR:
            return Q(country_id__in=user_country_ids(user))
        if user.role in ORGANISATION_ROLES and user.organisation_id:
            return Q(organisation_id=user.organisation_id, country_id=user.organisation.country_id)
        return None


SUBMISSIONS = FigureSubmissionPolicy()


def register_all() -> None:
    register(SUBMISSIONS)
