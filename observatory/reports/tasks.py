"""Background tasks of the briefs: every country's brief, as ``observatory brief --all`` writes them."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.tasks import task
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from observatory.jobs.services import JobError, job_enqueue, job_running


def briefs_dir() -> Path:
    """Where briefs made after an import are kept (they are also in the PDF cache)."""
    return Path(settings.VAR_DIR) / "briefs"


@task()
def briefs_task(*, job_id: str, languages: list[str], directory: str, use_cache: bool = True) -> None:
    """Write every country's brief in each language into ``directory``; a failed country does not stop the rest."""
    from observatory.countries.selectors import country_list
    from observatory.reports.batch import briefs_batch

    with job_running(job_id) as progress:
        countries = {c.iso3: c for c in country_list()}
        progress.update(done=0, total=len(countries) * len(languages), step=_("Writing the briefs"), force=True)
        failed = []
        # One process: the worker shares the machine with the web server.
        with briefs_batch(countries=countries, languages=languages, directory=Path(directory), jobs=1,
                          use_cache=use_cache) as results:
            for iso3, language, error, _seconds in results:
                if error:
                    failed.append(f"{iso3} ({language})")
                progress.advance(step=f"{iso3} ({language})")
        progress.result = {"written": progress.job.total - len(failed), "failed": failed, "directory": directory}
        if failed:
            raise JobError(_("%(n)d of %(total)d briefs failed: %(which)s. The others were written.")
                           % {"n": len(failed), "total": progress.job.total, "which": ", ".join(failed)})


def briefs_enqueue(*, actor, languages: list[str] | None = None, directory: Path | None = None,
                   use_cache: bool = True):
    languages = languages or [code for code, _name in settings.LANGUAGES]
    return job_enqueue(
        actor=actor, kind="reports.briefs", title=gettext_noop("Write every country's brief"), task=briefs_task,
        kwargs={"languages": languages, "directory": str(directory or briefs_dir()), "use_cache": use_cache},
    )
