"""Who may publish an impact finding into a country's brief: admins, and coordinators for their countries.

Published findings are read by everyone through the public country brief.
"""

from __future__ import annotations

from django.db.models import Q

from observatory.access import Action, Policy, register, user_country_ids
from observatory.accounts.models import Role
from observatory.impact.models import PublishedFinding


class PublishedFindingPolicy(Policy):
    model = PublishedFinding

    def public_rule(self, action):
        return Q(withdrawn_at__isnull=True) if action == Action.VIEW else None

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        if user.role == Role.COORDINATOR:
            own = Q(country_id__in=user_country_ids(user))
            return own | self.public_rule(action) if action == Action.VIEW else own
        return self.public_rule(action)


def register_all() -> None:
    register(PublishedFindingPolicy())
