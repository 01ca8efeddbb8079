"""``observatory import PATH``: import observations from a file, all or nothing."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from observatory import access
from observatory.indicators.importers import ADAPTERS


class Command(BaseCommand):
    help = ("Import observations from a CSV/XLSX file (the platform's tidy format or a publisher's format). "
            "One file imports all or nothing; rejected rows are written to an error report.")

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--format", default="auto", choices=["auto", *ADAPTERS],
                            help="The file's format (default: recognise it).")
        parser.add_argument("--dry-run", action="store_true", help="Check and count, but write nothing.")
        parser.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                            help="An adapter option, e.g. source=worldbank_wdi or indicator=population.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, path, **options):
        if not Path(path).exists():
            raise CommandError(f"{path}: no such file.")
        adapter_options = {}
        for item in options["option"]:
            key, sep, value = item.partition("=")
            if not sep:
                raise CommandError(f"--option {item!r}: write it as KEY=VALUE.")
            adapter_options[key.strip()] = value.strip()
        from tqdm import tqdm  # the import path (pandas, NumPy) loads only when a file is imported

        from observatory.indicators.services import observations_import

        bar = None if options["no_progress"] else tqdm(unit=" rows", desc="Reading", file=sys.stderr)

        def progress(count):
            if bar is not None:
                bar.update(count - bar.n)

        try:
            result = observations_import(path=path, adapter=options["format"], options=adapter_options,
                                         actor=access.SYSTEM, dry_run=options["dry_run"], progress=progress)
        finally:
            if bar is not None:
                bar.close()
        if result.message:
            raise CommandError(result.message)
        counts = result.counts()
        summary = ", ".join(f"{key} {value}" for key, value in counts.items())
        prefix = "Dry run (nothing written): " if result.dry_run else ""
        self.stdout.write(f"{prefix}{result.file} ({result.adapter}): {summary}")
        if result.issues:
            for issue in result.issues[:10]:
                hint = f" (did you mean {issue.suggestions}?)" if issue.suggestions else ""
                self.stderr.write(f"  line {issue.line}, {issue.column} = {issue.value!r}: {issue.reason}{hint}")
            if len(result.issues) > 10:
                self.stderr.write(f"  ... and {len(result.issues) - 10} more")
            raise CommandError(
                f"{len(result.issues)} rows rejected; nothing was imported. Every rejected row is listed in "
                f"{result.error_report}."
            )
