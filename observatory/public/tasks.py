"""Background tasks of the public pages: building every country's board after the data changes."""

from __future__ import annotations

from django.tasks import task
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from observatory.jobs.services import job_enqueue, job_running


@task()
def country_boards_task(*, job_id: str) -> None:
    from observatory.public.dashboard import country_boards_prerender

    with job_running(job_id) as progress:
        progress.update(step=_("Preparing the country pages"), force=True)
        built = country_boards_prerender(progress=lambda done, total: progress.update(done=done, total=total))
        progress.result = {"boards": built}


def country_boards_enqueue(*, actor):
    return job_enqueue(actor=actor, kind="public.boards", title=gettext_noop("Prepare the country pages"),
                       task=country_boards_task)
