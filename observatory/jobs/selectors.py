"""Reading jobs, through the access policy."""

from __future__ import annotations

import uuid

from observatory import access
from observatory.jobs.models import Job


def job_get(*, actor, job_id) -> Job | None:
    """The job if ``actor`` may see it; None for a missing job and for someone else's alike."""
    try:
        job_id = uuid.UUID(str(job_id))
    except ValueError:
        return None
    return access.scope(actor, access.Action.VIEW, Job).filter(pk=job_id).first()


def job_list(*, actor, limit: int = 50):
    return access.scope(actor, access.Action.VIEW, Job).select_related("owner")[:limit]
