"""``observatory brief``: country briefs (and the regional brief) as PDF from the command line.

    observatory brief UKR --lang ru -o ukr.pdf
    observatory brief --all --lang ru -o briefs/
    observatory brief --regional --lang en -o regional.pdf

A batch shows a progress bar; one country's failure does not stop it, and the end
lists which countries failed and why (the exit status is then 1). Briefs go
through the same disk cache as the web, so a batch also prepares the downloads.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

LANGUAGES = ("en", "ru")


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Command(BaseCommand):
    help = "Write country briefs (or the regional brief) as PDF, in English or Russian."

    def add_arguments(self, parser):
        parser.add_argument("iso3", nargs="?", help="The country's ISO3 code, e.g. UKR.")
        parser.add_argument("--all", action="store_true", dest="all_countries",
                            help="Every country; -o is then a directory (created if missing).")
        parser.add_argument("--regional", action="store_true", help="The regional brief instead of a country's.")
        parser.add_argument("--lang", choices=LANGUAGES, default="en", help="Language (default en).")
        parser.add_argument("-o", "--output", required=True, help="The PDF file, or with --all the directory.")
        parser.add_argument("--jobs", type=int, default=0,
                            help="Worker processes for --all (default: one per CPU core, at most 4).")
        parser.add_argument("--background", action="store_true",
                            help="With --all: queue the batch for the task worker and print the job's id "
                                 "(follow it with `observatory jobs wait ID` or on its page).")
        parser.add_argument("--no-cache", action="store_true",
                            help="Generate afresh instead of reusing a cached PDF of the same data.")

    def handle(self, *args, iso3=None, all_countries=False, regional=False, lang="en", output="", jobs=0,
               no_cache=False, **options):
        if sum([bool(iso3), all_countries, regional]) != 1:
            raise CommandError("Give one of: an ISO3 code, --all, or --regional.")
        if options.get("background") and not all_countries:
            raise CommandError("--background goes with --all: one brief is written at once.")
        from observatory.reports import generate

        if regional:
            return self._write(Path(output), generate.regional_pdf(language=lang, use_cache=not no_cache))
        if iso3:
            from observatory.countries.selectors import country_get

            country = country_get(iso3=iso3)
            if country is None:
                raise CommandError(f"No country {iso3.upper()}: see `observatory countries`.")
            return self._write(Path(output), generate.brief_pdf(country=country, language=lang,
                                                                use_cache=not no_cache))
        if options.get("background"):
            from observatory import access
            from observatory.reports.tasks import briefs_enqueue

            job = briefs_enqueue(actor=access.SYSTEM, languages=[lang], directory=Path(output).resolve(),
                                 use_cache=not no_cache)
            self.stdout.write(f"Queued job {job.pk}: follow it with `observatory jobs wait {job.pk}`.")
            return None
        return self._batch(Path(output), lang, jobs or min(_cpu_count(), 4), not no_cache)

    def _write(self, path: Path, pdf: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pdf)
        self.stdout.write(f"{path} ({len(pdf) // 1024} KB)")

    def _batch(self, directory: Path, language: str, jobs: int, use_cache: bool) -> None:
        from tqdm import tqdm

        from observatory.countries.selectors import country_list
        from observatory.reports.batch import briefs_batch

        countries = {c.iso3: c for c in country_list()}
        failures: dict[str, str] = {}
        started = time.perf_counter()
        with briefs_batch(countries=countries, languages=[language], directory=directory, jobs=jobs,
                          use_cache=use_cache) as results:
            # The progress bar starts after the workers: its monitor thread must not exist when they start.
            with tqdm(total=len(countries), desc=f"briefs ({language})", unit="country", file=sys.stderr,
                      disable=None) as progress:
                for iso3, _language, error, _seconds in results:
                    if error:
                        failures[iso3] = error
                    progress.set_postfix_str(iso3)
                    progress.update()
        elapsed = time.perf_counter() - started
        written = len(countries) - len(failures)
        self.stdout.write(f"{written} of {len(countries)} briefs ({language}) written to {directory} "
                          f"in {elapsed:.1f} s.")
        if failures:
            lines = "\n".join(f"  {iso3}: {reason}" for iso3, reason in sorted(failures.items()))
            raise CommandError(f"{len(failures)} of {len(countries)} failed:\n{lines}")
