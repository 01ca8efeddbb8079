"""Server time of the country dashboard and the indicator explorer with millions of observations.

The database holds the shipped real data plus N SYNTHETIC monthly observations of synthetic
indicators (labelled as such), so the pages' own indicators compete with a large table. Charts are
cached by content, so the first request of a page (cold: draws the charts) and the following ones
(warm) are reported separately; the target is the warm time.

    .venv/bin/python benchmarks/bench_pages.py --rows 5000000 [--postgres]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import create_postgres_database, drop_postgres_database, machine, setup_django  # noqa: E402

PAGES = [
    "/en/countries/UKR/",
    "/ru/countries/GEO/",
    "/en/indicators/gbd_drug_deaths_rate_as/?countries=UKR",
    "/en/indicators/hiv_prevalence_pwid/?view=map",
    "/en/indicators/bench_00/?view=map",
]


def load(rows: int) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction

    from observatory.countries.models import Country
    from observatory.indicators.models import Indicator, Source

    call_command("setup", "--no-static", verbosity=0)
    source, _ = Source.objects.get_or_create(key="bench_synthetic", defaults={
        "publisher": "SYNTHETIC benchmark data", "dataset": "synthetic, not real"})
    indicators = []
    for i in range(80):
        indicator, _ = Indicator.objects.get_or_create(code=f"bench_{i:02d}", defaults={
            "name_en": f"Synthetic indicator {i}", "name_ru": f"Синтетический показатель {i}", "topic": "deaths"})
        indicators.append(indicator.pk)
    countries = list(Country.objects.values_list("pk", flat=True))
    columns = ("indicator_id", "country_id", "period", "year", "month", "sex", "age_group", "source_id", "value",
               "value_text", "qualifier", "category", "flags", "note", "updated_at")

    def generate():
        n = 0
        for indicator in indicators:
            for country in countries:
                for year in range(1900, 2100):
                    for month in range(1, 13):
                        if n >= rows:
                            return
                        value = (n * 7919) % 10000 / 10
                        yield (indicator, country, f"{year}-{month:02d}", year, month, "", "", source.pk, value,
                               str(value), "", "", "[]", "", "2026-01-01 00:00:00")
                        n += 1

    generator = generate()
    while True:
        block = [row for _, row in zip(range(250_000), generator)]
        if not block:
            break
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY indicators_observation ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in block:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO indicators_observation ({', '.join(columns)}) VALUES ({marks})",
                                   block)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def measure(repeat: int) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    results = []
    for url in PAGES:
        start = time.perf_counter()
        response = client.get(url)
        cold = time.perf_counter() - start
        assert response.status_code == 200, (url, response.status_code)
        timings = []
        for _ in range(repeat):
            start = time.perf_counter()
            client.get(url)
            timings.append(time.perf_counter() - start)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        results.append({"url": url, "cold_ms": cold * 1000, "warm_median_ms": statistics.median(timings) * 1000,
                        "warm_p95_ms": sorted(timings)[max(0, int(0.95 * len(timings)) - 1)] * 1000,
                        "queries": len(queries)})
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    os.environ["OBSERVATORY_HTTPS"] = "0"
    os.environ["OBSERVATORY_COLLECTED_STATIC"] = "0"
    name = f"observatory_bench_pages_{os.getpid()}"
    url = create_postgres_database(name) if args.postgres else None
    if args.postgres and url is None:
        sys.exit("PostgreSQL is not reachable on 127.0.0.1:5432.")
    try:
        setup_django(url)
        from observatory.indicators.models import Observation

        start = time.perf_counter()
        load(args.rows)
        print(f"machine: {machine()}; database: {'postgresql' if args.postgres else 'sqlite'}; "
              f"{Observation.objects.count():,} observations (shipped real data + {args.rows:,} SYNTHETIC); "
              f"loaded in {time.perf_counter() - start:.0f} s")
        for row in measure(args.repeat):
            print(f"{row['url']:<60} cold {row['cold_ms']:7.1f} ms  warm median {row['warm_median_ms']:6.1f} ms  "
                  f"p95 {row['warm_p95_ms']:6.1f} ms  {row['queries']} queries")
    finally:
        if args.postgres:
            from django.db import connections

            connections.close_all()
            drop_postgres_database(name)


if __name__ == "__main__":
    main()
