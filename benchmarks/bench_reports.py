"""Time to generate the PDF briefs from the shipped real data (after ``observatory setup``).

Targets (issue 8): one country brief under 2 s; all 29 countries in both languages under 60 s.
Every brief here is generated afresh (the disk cache of PDFs is bypassed), except the line that
times a cached download. Figures printed: wall time, and the CPU time of this process and its
worker processes (on a machine shared with other work, CPU time is the steadier number).

    .venv/bin/python benchmarks/bench_reports.py [--repeat 5] [--jobs N] [--skip-batch]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, setup_django  # noqa: E402


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="Warm single-brief runs per case (default 5).")
    parser.add_argument("--jobs", type=int, default=0, help="Worker processes for the batch (default: CPU cores).")
    parser.add_argument("--skip-batch", action="store_true", help="Only the single-brief figures.")
    args = parser.parse_args()

    started = time.perf_counter()
    setup_django()
    from django.core.management import call_command

    call_command("setup", "--no-static", verbosity=0)
    print(f"machine: {machine()}; load average at start {load_average()}")
    print(f"setup (migrate + shipped real data): {time.perf_counter() - started:.1f} s")

    from django.core.cache import cache

    from observatory.countries.selectors import country_get, country_list
    from observatory.reports import generate
    from observatory.reports.documents.inputs import inputs_load

    ukr = country_get(iso3="UKR")
    # Cold: the first brief of a fresh process also starts the chart renderer and scores the index.
    t0, c0 = time.perf_counter(), cpu_seconds()
    generate.brief_pdf(country=ukr, language="en", use_cache=False)
    print(f"one brief, cold process (UKR en, includes loading the data and starting the chart renderer): "
          f"{time.perf_counter() - t0:.2f} s wall, {cpu_seconds() - c0:.2f} s CPU")

    for iso3, language in (("UKR", "en"), ("UKR", "ru"), ("GEO", "ru"), ("KAZ", "en")):
        country = country_get(iso3=iso3)
        walls = []
        for _ in range(args.repeat):
            # Charts are cached by content: clearing the cache makes the brief draw them anew, as after a
            # change of data. The index's scores are cached too; they are computed again outside the timing,
            # as the scorecard pages do after a change of data.
            cache.clear()
            inputs_load()
            t0 = time.perf_counter()
            pdf = generate.brief_pdf(country=country, language=language, use_cache=False)
            walls.append(time.perf_counter() - t0)
        print(f"one brief, warm process, charts drawn anew ({iso3} {language}, {len(pdf) // 1024} KB): "
              f"median {statistics.median(walls):.2f} s, best {min(walls):.2f} s over {len(walls)} runs")

    generate.brief_pdf(country=ukr, language="ru")  # fills the disk cache
    t0 = time.perf_counter()
    for _ in range(20):
        generate.brief_pdf(country=ukr, language="ru")
    print(f"cached brief (same data version; the download of an unchanged brief): "
          f"{(time.perf_counter() - t0) / 20 * 1000:.0f} ms")

    t0 = time.perf_counter()
    pdf = generate.regional_pdf(language="en", use_cache=False)
    print(f"regional brief (en, {len(pdf) // 1024} KB): {time.perf_counter() - t0:.2f} s")

    if args.skip_batch:
        return
    from observatory.reports.batch import briefs_batch

    jobs = args.jobs or len(os.sched_getaffinity(0))
    countries = {c.iso3: c for c in country_list()}
    out = Path(tempfile.mkdtemp(prefix="observatory-bench-briefs-"))
    cache.clear()
    t0, c0 = time.perf_counter(), cpu_seconds()
    with briefs_batch(countries=countries, languages=["en", "ru"], directory=out, jobs=jobs,
                      use_cache=False) as results:
        done = list(results)
    wall, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    failures = [(iso3, language, error) for iso3, language, error, _ in done if error]
    seconds = sorted(s for *_, s in done)
    written = len(list(out.glob("*.pdf")))
    print(f"all {len(countries)} countries in both languages ({written} PDFs, {jobs} worker processes, "
          f"the batch of `observatory brief --all --no-cache` with both languages in one pool): "
          f"{wall:.1f} s wall, {cpu:.1f} s CPU; per brief in a worker: median {statistics.median(seconds):.2f} s, "
          f"slowest {seconds[-1]:.2f} s{'; FAILED: ' + str(failures) if failures else ''}")
    print(f"load average at end {load_average()}")


if __name__ == "__main__":
    main()
