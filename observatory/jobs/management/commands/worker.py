"""``observatory worker``: run queued background tasks (django.tasks, database backend)."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Run background tasks as they are queued (imports, page rendering, briefs, email). Ctrl+C stops it."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every task waiting now, then exit.")
        parser.add_argument("--interval", type=float, default=1.0,
                            help="Seconds between looks at the queue when it is empty (default 1).")

    def handle(self, *args, once=False, interval=1.0, verbosity=1, **options):
        from django.tasks import task_backends
        from django_tasks_db import DatabaseBackend

        from observatory.jobs.services import jobs_interrupted_mark, stale_files_remove

        if not isinstance(task_backends["default"], DatabaseBackend):
            raise CommandError("Tasks run at once in this configuration (OBSERVATORY_TASKS=immediate): no worker "
                               "is needed.")
        interrupted, removed = jobs_interrupted_mark(), stale_files_remove()
        if verbosity:
            self.stdout.write(f"Worker starting: {interrupted} interrupted job(s) marked failed, "
                              f"{removed} stale upload(s) removed.")
        call_command("db_worker", queue_name="*", batch=once, interval=interval, reload=False,
                     startup_delay=not once, verbosity=verbosity, stdout=self.stdout, stderr=self.stderr)
