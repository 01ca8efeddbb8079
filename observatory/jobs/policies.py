"""Jobs: a person sees the jobs they started; site administrators see every job."""

from __future__ import annotations

from django.db.models import Q

from observatory.access import ADMINISTER_SITE, Action, Policy, may, register
from observatory.jobs.models import Job


class JobPolicy(Policy):
    model = Job

    def rule(self, user, action):
        if action != Action.VIEW:
            return None  # jobs are created and changed by the services only
        if may(user, ADMINISTER_SITE):
            return Q()
        return Q(owner_id=user.pk)


def register_all() -> None:
    register(JobPolicy())
