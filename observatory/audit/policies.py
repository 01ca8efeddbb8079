"""The audit trail: network staff read it; nobody changes or deletes an entry (only the service appends)."""

from __future__ import annotations

from django.db.models import Q

from observatory.access import ADMINISTER_SITE, Action, Policy, may, register
from observatory.audit.models import AuditEntry


class AuditEntryPolicy(Policy):
    model = AuditEntry

    def rule(self, user, action):
        return Q() if action == Action.VIEW and may(user, ADMINISTER_SITE) else None


def register_all() -> None:
    register(AuditEntryPolicy())
