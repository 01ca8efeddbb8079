"""Policies for public reference data: everyone reads, network staff change."""

from __future__ import annotations

from django.db.models import Q

from observatory.access.capabilities import ADMINISTER_SITE, may
from observatory.access.policy import Action, Policy


class PublicReferencePolicy(Policy):
    """Public data (countries, the indicator catalogue, laws): visitors read; network staff change.

    Changes normally arrive through loaders and imports run as SYSTEM or by staff.
    """

    def public_rule(self, action):
        return Q() if action == Action.VIEW else None

    def rule(self, user, action):
        if may(user, ADMINISTER_SITE):
            return Q()
        return self.public_rule(action)


class StaffOnlyPolicy(Policy):
    """Records only network staff see and change (drafts of staff texts, import batches)."""

    def rule(self, user, action):
        return Q() if may(user, ADMINISTER_SITE) else None
