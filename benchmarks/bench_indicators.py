"""Indicator database benchmarks (SYNTHETIC data only).

1. Import: N synthetic tidy rows through the import service (``observations_import``: read, parse,
   validate, write), next to a raw bulk insert of the same, already parsed rows into the same
   table (``executemany`` on SQLite, ``COPY`` on PostgreSQL), each into a fresh database.
2. Country profile: the latest value of every indicator for one country, with M observations in the
   database (median of repeated calls of ``country_profile``), and its query count.

    .venv/bin/python benchmarks/bench_indicators.py --rows 1000000 --profile-rows 5000000
    .venv/bin/python benchmarks/bench_indicators.py --postgres ...   # also on PostgreSQL (127.0.0.1)
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import create_postgres_database, drop_postgres_database, machine, setup_django  # noqa: E402

SOURCE = "bench_synthetic"
N_INDICATORS = 60


def prepare_catalogue():
    """Countries, plus synthetic indicators and a synthetic source clearly labelled as such."""
    from observatory.countries.services import countries_load
    from observatory.indicators.models import Indicator, Source

    countries_load()
    Source.objects.get_or_create(key=SOURCE, defaults={"publisher": "SYNTHETIC benchmark data",
                                                       "dataset": "synthetic, not real"})
    for i in range(N_INDICATORS):
        Indicator.objects.get_or_create(code=f"bench_{i:02d}", defaults={
            "name_en": f"Synthetic indicator {i}", "name_ru": f"Синтетический показатель {i}", "topic": "deaths"})


def synthetic_rows(n: int, countries: list[str], seed: int = 1):
    """n distinct (indicator, country, month) rows with random values."""
    rnd = random.Random(seed)
    count = 0
    for i in range(N_INDICATORS):
        for country in countries:
            for year in range(1900, 2100):
                for month in range(1, 13):
                    if count >= n:
                        return
                    yield f"bench_{i:02d}", country, f"{year}-{month:02d}", round(rnd.uniform(0, 10000), 2)
                    count += 1


def write_csv(path: Path, rows) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["indicator", "country", "period", "value", "source"])
        for indicator, country, period, value in rows:
            writer.writerow([indicator, country, period, value, SOURCE])


def raw_tuples(rows):
    """The rows as the observation table stores them, parsed beforehand (the raw insert does no work)."""
    from observatory.countries.models import Country
    from observatory.indicators.models import Indicator, Source

    indicators = dict(Indicator.objects.values_list("code", "pk"))
    countries = dict(Country.objects.values_list("iso3", "pk"))
    source = Source.objects.get(key=SOURCE).pk
    out = []
    for indicator, country, period, value in rows:
        out.append((indicators[indicator], countries[country], period, int(period[:4]), int(period[5:7]), "", "",
                    source, value, str(value), None, None, "", "", "[]", "", "2026-01-01 00:00:00"))
    return out


COLUMNS = ("indicator_id", "country_id", "period", "year", "month", "sex", "age_group", "source_id", "value",
           "value_text", "lower", "upper", "qualifier", "category", "flags", "note", "updated_at")


def raw_insert(tuples) -> float:
    from django.db import connection, transaction

    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY indicators_observation ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in tuples:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(COLUMNS))
            cursor.executemany(f"INSERT INTO indicators_observation ({', '.join(COLUMNS)}) VALUES ({placeholders})",
                               tuples)
    return time.perf_counter() - start


def clear_observations():
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("indicators_latestobservation", "indicators_observationrevision", "indicators_observation",
                      "indicators_importbatch"):
            cursor.execute(f"DELETE FROM {table}")


def bench_import(n: int) -> dict:
    from observatory.countries.models import Country
    from observatory.indicators.services import observations_import

    countries = list(Country.objects.values_list("iso3", flat=True).order_by("iso3"))
    rows = list(synthetic_rows(n, countries))
    tuples = raw_tuples(rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.csv"
        write_csv(path, rows)
        clear_observations()
        raw_seconds = raw_insert(tuples)
        clear_observations()
        start = time.perf_counter()
        result = observations_import(path=path)
        service_seconds = time.perf_counter() - start
        assert result.ok and result.inserted == n, (result.message, result.issues[:3])
        start = time.perf_counter()
        again = observations_import(path=path)
        reimport_seconds = time.perf_counter() - start
        assert again.unchanged == n
    clear_observations()
    return {"rows": n, "raw_s": raw_seconds, "service_s": service_seconds, "reimport_s": reimport_seconds,
            "raw_rows_per_s": n / raw_seconds, "service_rows_per_s": n / service_seconds,
            "ratio": raw_seconds / service_seconds}


def bench_profile(m: int, repeat: int = 50) -> dict:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from observatory.countries.models import Country
    from observatory.indicators.models import Observation
    from observatory.indicators.selectors import country_profile
    from observatory.indicators.services.latest import latest_refresh

    countries = list(Country.objects.values_list("iso3", flat=True).order_by("iso3"))
    clear_observations()
    chunk = 500_000
    generator = synthetic_rows(m, countries, seed=2)
    while True:
        block = [row for _, row in zip(range(chunk), generator)]
        if not block:
            break
        raw_insert(raw_tuples(block))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    start = time.perf_counter()
    with transaction.atomic():
        latest_refresh(pairs=set(Observation.objects.values_list("indicator_id", "country_id").distinct()))
    refresh_seconds = time.perf_counter() - start
    ukraine = Country.objects.get(iso3="UKR")
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        profile = country_profile(country=ukraine)
        timings.append(time.perf_counter() - start)
    with CaptureQueriesContext(connection) as queries:
        country_profile(country=ukraine)
    return {"observations": m, "indicators_in_profile": len(profile), "median_ms": statistics.median(timings) * 1000,
            "p95_ms": sorted(timings)[int(0.95 * len(timings)) - 1] * 1000, "queries": len(queries),
            "latest_refresh_s": refresh_seconds}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--profile-rows", type=int, default=5_000_000)
    parser.add_argument("--postgres", action="store_true", help="run on PostgreSQL at 127.0.0.1 instead of SQLite")
    args = parser.parse_args()
    database = "sqlite"
    pg_name = f"observatory_bench_{os.getpid()}"
    url = None
    if args.postgres:
        url = create_postgres_database(pg_name)
        if url is None:
            sys.exit("PostgreSQL is not reachable on 127.0.0.1:5432.")
        database = "postgresql"
    try:
        setup_django(url)
        prepare_catalogue()
        print(f"machine: {machine()}; database: {database}; data: SYNTHETIC")
        imp = bench_import(args.rows)
        print(f"import {imp['rows']:,} rows: service {imp['service_s']:.1f} s ({imp['service_rows_per_s']:,.0f} rows/s), "
              f"raw {'COPY' if database == 'postgresql' else 'executemany'} {imp['raw_s']:.1f} s "
              f"({imp['raw_rows_per_s']:,.0f} rows/s); service/raw speed = {imp['ratio']:.2f}; "
              f"re-import (all unchanged) {imp['reimport_s']:.1f} s")
        prof = bench_profile(args.profile_rows)
        print(f"country profile with {prof['observations']:,} observations: median {prof['median_ms']:.2f} ms, "
              f"p95 {prof['p95_ms']:.2f} ms, {prof['queries']} query, {prof['indicators_in_profile']} indicators; "
              f"latest-table rebuild {prof['latest_refresh_s']:.1f} s")
    finally:
        if args.postgres:
            from django.db import connections

            connections.close_all()
            drop_postgres_database(pg_name)


if __name__ == "__main__":
    main()
