"""Background tasks of the indicator database: importing an uploaded file."""

from __future__ import annotations

from pathlib import Path

from django.tasks import task
from django.utils.translation import gettext as _

from observatory.jobs.services import JobError, derived_refresh, job_running

# The job page lists this many rejected rows; the error report has them all.
ISSUES_SHOWN = 500


@task()
def observations_import_task(*, job_id: str, path: str, adapter: str, options: dict, dry_run: bool,
                             display_name: str) -> None:
    """Import an uploaded file as its uploader; the file is removed whatever happens."""
    from observatory.indicators.services import observations_import  # pandas: in the worker only

    file = Path(path)
    try:
        with job_running(job_id) as progress:
            actor = progress.job.owner
            if actor is None:
                raise JobError(_("The account that uploaded the file no longer exists."))
            progress.update(step=_("Reading and checking the file"), force=True)
            result = observations_import(
                path=file, adapter=adapter, options=options, actor=actor, dry_run=dry_run,
                display_name=display_name,
                progress=lambda rows: progress.update(done=rows, step=_("Rows read")),
            )
            progress.result = {
                "file": result.file, "adapter": result.adapter, "dry_run": result.dry_run, "ok": result.ok,
                "message": result.message, **result.counts(),
                "issues": [
                    {"line": i.line, "column": i.column, "value": i.value, "reason": i.reason,
                     "suggestions": i.suggestions}
                    for i in result.issues[:ISSUES_SHOWN]
                ],
                "issues_more": max(0, len(result.issues) - ISSUES_SHOWN),
            }
            progress.update(step=_("Done"))
            if result.ok and not dry_run and (result.inserted or result.updated):
                derived_refresh(actor=actor)
    finally:
        file.unlink(missing_ok=True)
