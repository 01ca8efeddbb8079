"""Who may change the indicator database: network staff (admins) import files; everyone reads."""

from __future__ import annotations

from django.db.models import Q

from observatory.accounts.access import Action, Policy, register
from observatory.accounts.models import Role
from observatory.indicators.models import ImportBatch


class ImportBatchPolicy(Policy):
    model = ImportBatch

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        return None


register(ImportBatchPolicy())

__all__ = ["Action", "ImportBatchPolicy"]
