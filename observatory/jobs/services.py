"""Starting background jobs, reporting their progress, and cleaning up after them.

A capability runs work in the background in three steps:

1. it defines a ``django.tasks`` task whose first argument is ``job_id`` and whose body
   runs inside :func:`job_running`, reporting progress on the object it yields;
2. a view or command calls :func:`job_enqueue` with that task: a :class:`Job` row and
   the queued task are written in one transaction, with an audit entry;
3. the owner follows the job on its page (``jobs:detail``) or with ``observatory jobs wait``.

Work that must follow any change of the data (pre-rendering pages, warming the brief
cache) registers with :func:`register_refresher`; imports call :func:`derived_refresh`.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.tasks.backends.immediate import ImmediateBackend
from django.utils import timezone, translation

from observatory import access
from observatory.audit.services import audit_record
from observatory.jobs.models import Job

logger = logging.getLogger("observatory.jobs")

# At most one progress write per this many seconds, besides the first and the last.
PROGRESS_INTERVAL = 0.5
# A job still "running" this long after it started was cut off (its worker stopped) and is marked failed.
INTERRUPTED_AFTER = timedelta(hours=2)
# Uploaded files and temporary files older than this, with no job waiting for them, are removed.
STALE_AFTER = timedelta(hours=1)


class JobError(Exception):
    """A failure whose message is safe and useful to show the job's owner (no values from records)."""


class JobFailed(Exception):
    """Raised in place of any other exception so that the task framework's own log holds only its kind."""


def jobs_files_dir() -> Path:
    """Where uploaded files wait for their job: readable by the service account only."""
    path = Path(settings.VAR_DIR) / "tmp" / "jobs"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _transactional(task) -> bool:
    from django_tasks_db import DatabaseBackend

    return isinstance(task.get_backend(), DatabaseBackend | ImmediateBackend)


def job_enqueue(*, actor, kind: str, title: str, task, kwargs: dict | None = None, job_id=None,
                title_params: dict | None = None) -> Job:
    """Record a job for ``actor`` and queue ``task(job_id=..., **kwargs)`` in the same transaction.

    With the database task backend the queued task commits with the job, so a worker never sees
    one without the other; a backend outside the database is given the task after the commit.
    ``job_id`` names the job in advance (a file saved for it carries the same name). ``title`` is
    English text marked with ``gettext_noop``, with ``%(name)s`` placeholders filled from
    ``title_params``; each reader sees it translated.
    """
    access.check_actor(actor, "job_enqueue")
    owner = actor if access.is_signed_in(actor) else None
    language = translation.get_language() or settings.LANGUAGE_CODE
    with transaction.atomic():
        job = Job.objects.create(kind=kind, title=str(title)[:200], title_params=title_params or {}, owner=owner,
                                 language=language[:8],
                                 **({"pk": job_id} if job_id else {}))
        audit_record(actor=actor, action="jobs.enqueue", obj=job, object_repr=kind, details={"kind": kind})

        def enqueue():
            result = task.enqueue(job_id=str(job.pk), **(kwargs or {}))
            Job.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id)[:64])

        if _transactional(task):
            enqueue()
        else:
            transaction.on_commit(enqueue)
    job.refresh_from_db()
    return job


class Progress:
    """What a running task reports: steps done of a total, the current step, and the result."""

    def __init__(self, job: Job):
        self.job = job
        self.result: dict = {}
        self._written = 0.0

    def update(self, *, done: int | None = None, total: int | None = None, step: str | None = None,
               force: bool = False) -> None:
        if done is not None:
            self.job.done = done
        if total is not None:
            self.job.total = total
        if step is not None:
            self.job.step = str(step)[:200]
        now = time.monotonic()
        last = self.job.total is not None and self.job.done >= self.job.total
        if force or last or now - self._written >= PROGRESS_INTERVAL:
            Job.objects.filter(pk=self.job.pk).update(done=self.job.done, total=self.job.total, step=self.job.step)
            self._written = now

    def advance(self, step: str | None = None) -> None:
        self.update(done=self.job.done + 1, step=step)


def _error_text(error: BaseException) -> str:
    if isinstance(error, JobError):
        return str(error)[:500]
    # Any other exception's message may quote data: show and log only its kind.
    return type(error).__name__


@contextmanager
def job_running(job_id: str):
    """Run the body as job ``job_id``: mark it running, then finished or failed, in the owner's language.

    Yields a :class:`Progress`. An exception marks the job failed with a safe message (a
    :class:`JobError`'s text, or only the kind of any other error) and is raised again, so the
    task is recorded as failed too. The log gets the kind and the traceback's frames, never the
    exception's message, which may hold data.
    """
    job = Job.objects.get(pk=job_id)
    if job.finished:
        raise JobError("This job has already finished.")
    job.status, job.started_at = Job.Status.RUNNING, timezone.now()
    Job.objects.filter(pk=job.pk).update(status=job.status, started_at=job.started_at)
    progress = Progress(job)
    with translation.override(job.language or settings.LANGUAGE_CODE):
        try:
            yield progress
        except BaseException as error:
            Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, error=_error_text(error),
                                                 finished_at=timezone.now(), done=job.done, step=job.step)
            frames = "".join(traceback.format_tb(error.__traceback__))
            logger.error("job %s (%s) failed: %s\n%s", job.pk, job.kind, type(error).__name__, frames)
            if isinstance(error, JobError | KeyboardInterrupt | SystemExit):
                raise
            # Not the original: the task framework logs what is raised, message and all.
            raise JobFailed(type(error).__name__) from None
    done = job.total if job.total is not None else job.done
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED, result=progress.result, done=done,
                                         total=job.total, step=job.step, finished_at=timezone.now())


# Work to redo after the data changes: name -> function(actor) that enqueues it.
_refreshers: dict[str, Callable] = {}


def register_refresher(name: str, enqueue: Callable) -> None:
    _refreshers[name] = enqueue


def derived_refresh(*, actor) -> list[Job]:
    """Queue every registered refresher (after an import): pages and documents are rebuilt in the background.

    Off when settings ``DERIVED_REFRESH`` is (``OBSERVATORY_DERIVED_REFRESH=0``; the test suite,
    where tasks run at once).
    """
    if not settings.DERIVED_REFRESH:
        return []
    return [enqueue(actor=actor) for enqueue in _refreshers.values()]


def jobs_interrupted_mark(*, now=None) -> int:
    """Mark failed the jobs whose worker stopped while running them (started too long ago)."""
    now = now or timezone.now()
    return Job.objects.filter(status=Job.Status.RUNNING, started_at__lt=now - INTERRUPTED_AFTER).update(
        status=Job.Status.FAILED, error="interrupted", finished_at=now
    )


def stale_files_remove(*, now: float | None = None) -> int:
    """Remove uploads left behind by a stopped server or worker; returns how many were removed.

    Two folders: files waiting for a job (removed when old and their job is not waiting or
    running) and Django's temporary upload files (removed when old: a finished request
    deletes its own).
    """
    now = now or time.time()
    cutoff = now - STALE_AFTER.total_seconds()
    active = {str(pk) for pk in Job.objects.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING])
              .values_list("pk", flat=True)}
    removed = 0
    for directory in (jobs_files_dir(), Path(settings.FILE_UPLOAD_TEMP_DIR)):
        if not directory.is_dir():
            continue
        for path in directory.iterdir():
            try:
                if not path.is_file() or path.stat().st_mtime >= cutoff:
                    continue
                if path.parent == jobs_files_dir() and path.name.split(".")[0] in active:
                    continue
                path.unlink()
                removed += 1
            except FileNotFoundError:
                continue
    return removed
