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
import cProfile
import csv
import os
import pstats
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import create_postgres_database, drop_postgres_database, machine, setup_django  # noqa: E402

SOURCE = "bench_synthetic"
# 75 indicators x 29 countries x 2,400 months = 5.2 million distinct observations, enough for --profile-rows 5000000.
N_INDICATORS = 75


def prepare_catalogue():
    """Countries, plus synthetic indicators and a synthetic source clearly labelled as such."""
    from observatory.access import SYSTEM
    from observatory.countries.services import countries_load
    from observatory.indicators.models import Indicator, Source

    countries_load(actor=SYSTEM)
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


def raw_tuples(rows, batch_id: int | None):
    """The rows exactly as the service stores them (batch included), parsed beforehand: the raw insert does no work.

    ``batch_id`` None leaves the batch column out, as this benchmark's first version did.
    """
    from observatory.countries.models import Country
    from observatory.indicators.models import Indicator, Source

    indicators = dict(Indicator.objects.values_list("code", "pk"))
    countries = dict(Country.objects.values_list("iso3", "pk"))
    source = Source.objects.get(key=SOURCE).pk
    out = []
    for indicator, country, period, value in rows:
        out.append((indicators[indicator], countries[country], period, int(period[:4]), int(period[5:7]), "", "",
                    source, value, str(value), None, None, "", "", "[]", "", "2026-01-01 00:00:00", batch_id))
    return out if batch_id is not None else [row[:-1] for row in out]


COLUMNS = ("indicator_id", "country_id", "period", "year", "month", "sex", "age_group", "source_id", "value",
           "value_text", "lower", "upper", "qualifier", "category", "flags", "note", "updated_at", "batch_id")


def raw_batch() -> int:
    """The import batch the raw rows point to, as every observation the service writes does."""
    from observatory.indicators.models import ImportBatch

    return ImportBatch.objects.create(file_name="raw insert", file_sha256="", adapter="raw", status="applied").pk


def raw_insert(tuples) -> float:
    from django.db import connection, transaction

    columns = COLUMNS[:len(tuples[0])] if tuples else COLUMNS
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY indicators_observation ({', '.join(columns)}) FROM STDIN") as copy:
                for row in tuples:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO indicators_observation ({', '.join(columns)}) VALUES ({placeholders})",
                               tuples)
    return time.perf_counter() - start


def clear_observations():
    """Empty the indicator tables and give their space back, so that every import starts from the same state."""
    from django.db import connection

    tables = ("indicators_latestobservation", "indicators_observationrevision", "indicators_observation",
              "indicators_importbatch")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)}")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")
            cursor.execute("VACUUM")


def bench_import(n: int, *, repeat: int = 1, cprofile: str | None = None, raw_batch_column: bool = True) -> dict:
    """Raw insert and service import of the same n rows, alternating, each into emptied tables."""
    from observatory.access import SYSTEM
    from observatory.countries.models import Country
    from observatory.indicators.services import observations_import

    countries = list(Country.objects.values_list("iso3", flat=True).order_by("iso3"))
    rows = list(synthetic_rows(n, countries))
    assert len(rows) == n, f"the generator gives only {len(rows):,} distinct rows"
    raw_runs, service_runs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.csv"
        write_csv(path, rows)
        for run in range(repeat):
            clear_observations()
            tuples = raw_tuples(rows, raw_batch() if raw_batch_column else None)
            raw_runs.append(raw_insert(tuples))
            del tuples
            clear_observations()
            profiler = cProfile.Profile() if cprofile and run == 0 else None
            start = time.perf_counter()
            if profiler:
                profiler.enable()
            result = observations_import(path=path, actor=SYSTEM)
            if profiler:
                profiler.disable()
            service_runs.append(time.perf_counter() - start)
            if profiler:
                profiler.dump_stats(cprofile)
                pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
            assert result.ok and result.inserted == n, (result.message, result.issues[:3])
            print(f"  run {run + 1}: raw {raw_runs[-1]:.1f} s, service {service_runs[-1]:.1f} s, "
                  f"ratio {raw_runs[-1] / service_runs[-1]:.2f}", flush=True)
        start = time.perf_counter()
        again = observations_import(path=path, actor=SYSTEM)
        reimport_seconds = time.perf_counter() - start
        assert again.unchanged == n
    clear_observations()
    raw_seconds, service_seconds = statistics.median(raw_runs), statistics.median(service_runs)
    return {"rows": n, "raw_s": raw_seconds, "service_s": service_seconds, "reimport_s": reimport_seconds,
            "raw_rows_per_s": n / raw_seconds, "service_rows_per_s": n / service_seconds,
            "ratio": raw_seconds / service_seconds, "runs": repeat}


def bench_profile(m: int, repeat: int = 200) -> dict:
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
    batch = raw_batch()
    while True:
        block = [row for _, row in zip(range(chunk), generator)]
        if not block:
            break
        raw_insert(raw_tuples(block, batch))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    start = time.perf_counter()
    with transaction.atomic():
        latest_refresh(pairs=set(Observation.objects.values_list("indicator_id", "country_id").distinct()))
    refresh_seconds = time.perf_counter() - start
    assert Observation.objects.count() == m, "the generator gave fewer observations than asked for"
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
    parser.add_argument("--repeat", type=int, default=1,
                        help="import runs (raw and service alternating); the medians are reported")
    parser.add_argument("--cprofile", metavar="PATH", help="profile the first service import; write the stats to PATH")
    parser.add_argument("--raw-without-batch", action="store_true",
                        help="leave the batch column out of the raw insert (this benchmark's first version)")
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
        print(f"machine: {machine()}; database: {database}; data: SYNTHETIC; "
              f"load average before: {os.getloadavg()[0]:.1f}", flush=True)
        imp = bench_import(args.rows, repeat=args.repeat, cprofile=args.cprofile,
                           raw_batch_column=not args.raw_without_batch)
        print(f"import {imp['rows']:,} rows (median of {imp['runs']}): "
              f"service {imp['service_s']:.1f} s ({imp['service_rows_per_s']:,.0f} rows/s), "
              f"raw {'COPY' if database == 'postgresql' else 'executemany'}"
              f"{' without the batch column' if args.raw_without_batch else ''} {imp['raw_s']:.1f} s "
              f"({imp['raw_rows_per_s']:,.0f} rows/s); service/raw speed = {imp['ratio']:.2f}; "
              f"re-import (all unchanged) {imp['reimport_s']:.1f} s")
        prof = bench_profile(args.profile_rows)
        print(f"country profile with {prof['observations']:,} observations: median {prof['median_ms']:.2f} ms, "
              f"p95 {prof['p95_ms']:.2f} ms, {prof['queries']} query, {prof['indicators_in_profile']} indicators; "
              f"latest-table rebuild {prof['latest_refresh_s']:.1f} s")
        print(f"load average after: {os.getloadavg()[0]:.1f} (other work on the machine slows both sides)")
    finally:
        if args.postgres:
            from django.db import connections

            connections.close_all()
            drop_postgres_database(pg_name)


if __name__ == "__main__":
    main()
