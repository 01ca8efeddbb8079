"""``observatory jobs``: list background jobs, show one, or wait for one with a progress bar."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from observatory import access


class Command(BaseCommand):
    help = "Background jobs: 'list' the latest, 'show ID', or 'wait ID' with a progress bar until it ends."
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        listing = sub.add_parser("list", help="The latest jobs, newest first.")
        listing.add_argument("--limit", type=int, default=20)
        show = sub.add_parser("show", help="One job's status and result.")
        show.add_argument("job_id")
        wait = sub.add_parser("wait", help="Follow a job (or, without an id, every unfinished job) until it ends; "
                                           "exit 1 if one failed.")
        wait.add_argument("job_id", nargs="?")
        wait.add_argument("--timeout", type=float, default=0, help="Give up after this many seconds (0: never).")

    def handle(self, *args, subcommand, **options):
        from observatory.jobs import selectors

        if subcommand == "list":
            for job in selectors.job_list(actor=access.SYSTEM, limit=options["limit"]):
                percent = f" {job.percent}%" if job.percent is not None and not job.finished else ""
                self.stdout.write(f"{job.pk}  {job.status:<9}{percent:>5}  {job.created_at:%Y-%m-%d %H:%M}  "
                                  f"{job.kind}  {job.display_title}")
            return
        if subcommand == "wait" and not options["job_id"]:
            return self.wait_all(selectors, options["timeout"])
        job = selectors.job_get(actor=access.SYSTEM, job_id=options["job_id"])
        if job is None:
            raise CommandError(f"No job {options['job_id']}: see `observatory jobs list`.")
        if subcommand == "wait":
            job = self.wait(job, options["timeout"])
        self.stdout.write(f"{job.display_title}: {job.get_status_display()}"
                          + (f" ({job.error})" if job.error else "")
                          + (f"; result: {job.result}" if job.result else ""))
        if job.status == job.Status.FAILED:
            raise CommandError("The job failed.", returncode=1)

    def wait_all(self, selectors, timeout):
        from observatory.jobs.models import Job

        started = time.monotonic()
        failed = []
        pending = list(Job.objects.exclude(status__in=Job.FINISHED).order_by("created_at"))
        for job in pending:
            left = max(0.1, timeout - (time.monotonic() - started)) if timeout else 0
            job = self.wait(job, left)
            self.stdout.write(f"{job.display_title}: {job.get_status_display()}")
            if job.status == Job.Status.FAILED:
                failed.append(job)
        if not pending:
            self.stdout.write("No job is waiting or running.")
        if failed:
            raise CommandError(f"{len(failed)} job(s) failed.", returncode=1)

    def wait(self, job, timeout):
        from tqdm import tqdm

        started = time.monotonic()
        with tqdm(total=job.total or None, desc=job.kind, file=sys.stderr, disable=None) as bar:
            while True:
                job.refresh_from_db()
                if job.total and bar.total != job.total:
                    bar.total = job.total
                bar.n = job.done
                bar.set_postfix_str(job.step[:40])
                bar.refresh()
                if job.finished:
                    return job
                if timeout and time.monotonic() - started > timeout:
                    raise CommandError(f"The job is still {job.status} after {timeout:g} s.")
                time.sleep(0.5)
