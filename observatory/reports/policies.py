"""Who may write the staff texts of the country briefs: network staff (admins) only.

The briefs themselves are public documents built from public data. Their
introductions and recommendations are drafted by staff before a brief is
published, so drafts and their history are seen and changed by admins only; for
everyone else the staff pages are a 404, like a page that does not exist.
"""

from __future__ import annotations

from django.db.models import Q

from observatory.access import ADMINISTER_SITE, Action, Policy, may, register
from observatory.access.public import StaffOnlyPolicy
from observatory.reports.models import BriefText, BriefTextVersion


class BriefTextPolicy(StaffOnlyPolicy):
    model = BriefText


class BriefTextVersionPolicy(Policy):
    """Versions are written by the save service only; admins read them."""

    model = BriefTextVersion

    def rule(self, user, action):
        return Q() if action == Action.VIEW and may(user, ADMINISTER_SITE) else None


def register_all() -> None:
    register(BriefTextPolicy())
    register(BriefTextVersionPolicy())
