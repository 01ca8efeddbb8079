"""Who may publish an impact finding into a country's brief: admins, and coordinators for their countries."""

from __future__ import annotations

from django.db.models import Q

from observatory.accounts.access import Action, Policy, _country_ids, register
from observatory.accounts.models import Role
from observatory.impact.models import PublishedFinding


class PublishedFindingPolicy(Policy):
    model = PublishedFinding

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        if user.role == Role.COORDINATOR:
            return Q(country_id__in=_country_ids(user))
        return None


register(PublishedFindingPolicy())

__all__ = ["Action", "PublishedFindingPolicy"]
