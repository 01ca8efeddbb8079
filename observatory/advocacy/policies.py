"""Who keeps the advocacy log: the secretariat everywhere, coordinators for their countries.

| role | actions it may see | add, change |
|---|---|---|
| admin (the secretariat) | all | all |
| coordinator | its countries' | its countries' |
| everyone else | none | none |
"""

from __future__ import annotations

from django.db.models import Q

from observatory.access import Action, Policy, register, user_country_ids
from observatory.accounts.models import Role
from observatory.advocacy.models import AdvocacyAction


class AdvocacyActionPolicy(Policy):
    model = AdvocacyAction

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        if user.role == Role.COORDINATOR:
            return None if action == Action.DELETE else Q(country_id__in=user_country_ids(user))
        return None


ACTIONS = AdvocacyActionPolicy()


def register_all() -> None:
    register(ACTIONS)
