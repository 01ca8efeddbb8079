"""Who may write the staff texts of the country briefs: network staff (admins) only.

The briefs themselves are public documents built from public data and need no
policy. Their introductions and recommendations are drafted by staff before a
brief is published, so drafts and their history are seen and changed by admins
only; for everyone else the staff pages are a 404, like a page that does not exist.
"""

from __future__ import annotations

from django.db.models import Q

from observatory.accounts.access import Action, Policy, register
from observatory.accounts.models import Role
from observatory.reports.models import BriefText, BriefTextVersion


class BriefTextPolicy(Policy):
    model = BriefText

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        return None


class BriefTextVersionPolicy(Policy):
    """Versions are written by the save service only; admins read them."""

    model = BriefTextVersion

    def rule(self, user, action):
        if user.role == Role.ADMIN and action == Action.VIEW:
            return Q()
        return None


register(BriefTextPolicy())
register(BriefTextVersionPolicy())

__all__ = ["Action", "BriefTextPolicy", "BriefTextVersionPolicy"]
