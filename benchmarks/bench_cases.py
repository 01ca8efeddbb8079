"""Time the violations registry on SYNTHETIC cases (generated here; not real records, not real people).

    .venv/bin/python benchmarks/bench_cases.py [--cases 1000000] [--database-url postgres://...] [--repeat 15]

Without ``--database-url`` a fresh SQLite database is made in a temporary
folder. With it, the URL must name an EMPTY scratch PostgreSQL database: the
script migrates it and fills it. Every synthetic case says so: its reference
contains ``-S`` and its (encrypted) narrative starts with "SYNTHETIC".

Measured, as server time through Django's full middleware stack (test client,
no network): a coordinator's case list (filtered by status, and unfiltered),
for page sizes 10 to 100 with their query counts; and the public statistics
for one country and year (the API, one breakdown, and the page, three).
Targets: list under 100 ms, statistics under 200 ms. Never fails on a time.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

STATUSES = [("draft", 5), ("submitted", 15), ("verified", 30), ("in_response", 25), ("closed", 20), ("rejected", 5)]
SEXES = [("male", 55), ("female", 40), ("non_binary_other", 2), ("unknown", 3)]
CHUNK = 20_000
THE_COUNTRY = "UKR"  # the coordinator's country, given a larger share of cases (12 %)


def configure(database_url: str | None) -> Path:
    var = Path(tempfile.mkdtemp(prefix="observatory-bench-cases-"))
    os.environ["OBSERVATORY_VAR_DIR"] = str(var)
    os.environ.setdefault("OBSERVATORY_SECRET_KEY", "benchmark-only-secret-key-" + "x" * 40)
    os.environ["OBSERVATORY_HTTPS"] = "0"
    os.environ["OBSERVATORY_COLLECTED_STATIC"] = "0"
    os.environ["OBSERVATORY_LOG_LEVEL"] = "WARNING"
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "observatory.settings"
    (var / "static").mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return var


def weighted(choices):
    values, weights = zip(*choices, strict=True)
    return values, weights


def setup_reference_data():
    from django.core.management import call_command

    from observatory.access import SYSTEM
    from observatory.accounts.services import organisation_create, user_create
    from observatory.cases import crypto
    from observatory.cases.services import vocabularies_load
    from observatory.countries.models import Country
    from observatory.countries.services import countries_load

    call_command("migrate", verbosity=0)
    countries_load(actor=SYSTEM)
    vocabularies_load(actor=SYSTEM)
    organisations = []
    for country in Country.objects.order_by("iso3"):
        for n in range(3):
            organisations.append(organisation_create(actor=SYSTEM, slug=f"synthetic-{country.iso3.lower()}-{n}",
                                                     name=f"SYNTHETIC organisation {n} ({country.iso3})",
                                                     country=country.iso3))
    coordinator, _ = user_create(actor=SYSTEM, username="bench_coordinator", role="coordinator",
                                 password="benchmark password 123", countries=[THE_COUNTRY])
    keys = {org.pk: crypto.data_key_for(organisation=org) for org in organisations}
    return organisations, coordinator, keys


class _Writer:
    """Fast inserts of prepared rows: COPY on PostgreSQL, executemany on SQLite (values adapted as Django would)."""

    def __init__(self, connection):
        self.connection = connection
        self.postgres = connection.vendor == "postgresql"

    def adapt(self, value):
        if self.postgres:
            return value
        if isinstance(value, uuid.UUID):
            return value.hex
        if isinstance(value, datetime):
            return str(value.astimezone(UTC).replace(tzinfo=None))
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, bool):
            return int(value)
        return value

    def insert(self, model, columns: list[str], rows: list[tuple]) -> None:
        table = model._meta.db_table
        if self.postgres:
            with self.connection.cursor() as cursor:
                raw = cursor.cursor
                names = ", ".join(f'"{c}"' for c in columns)
                with raw.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(row)
            return
        names = ", ".join(f'"{c}"' for c in columns)
        sql = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(columns))})'
        adapt = self.adapt
        self.connection.connection.executemany(sql, [tuple(adapt(v) for v in row) for row in rows])

    def next_id(self, model) -> int:
        from django.db.models import Max

        return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1

    def reset_sequences(self, models) -> None:
        if not self.postgres:
            return
        from django.core.management.color import no_style

        with self.connection.cursor() as cursor:
            for statement in self.connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)


CASE_COLUMNS = ["id", "uuid", "reference", "organisation_id", "country_id", "region", "occurred_on",
                "occurred_precision", "occurred_year", "channel_id", "status", "self_reported", "consent_document",
                "consent_share_network", "consent_advocacy", "consent_contact", "narrative_enc", "rejection_reason",
                "created_at", "updated_at", "submitted_at"]
VICTIM_COLUMNS = ["id", "uuid", "case_id", "client_code_index", "client_code_index_key", "sex_id"]
ACT_COLUMNS = ["id", "case_id", "victim_id", "violation_id", "order"]
LINK_COLUMNS = ["act_id", "term_id"]


def generate(total: int, organisations, keys, seed: int = 20240601) -> float:
    """Insert ``total`` synthetic cases with a victim, 1–2 acts and 1–2 perpetrators each, in chunks.

    Rows are written directly (COPY or executemany): the services would take hours for a million
    cases, and the point here is the read path. Narratives are really encrypted, so rows have
    their true size.
    """
    from django.db import connection, transaction

    from observatory.cases import crypto
    from observatory.cases.models import Act, Case, Term, Victim

    writer = _Writer(connection)
    rng = random.Random(seed)
    terms: dict[str, list[int]] = {}
    by_code = {}
    for term in Term.objects.select_related("vocabulary"):
        terms.setdefault(term.vocabulary.code, []).append(term.pk)
        by_code[(term.vocabulary.code, term.code)] = term.pk
    sex_values, sex_weights = weighted([(by_code[("sexes", code)], w) for code, w in SEXES])
    status_values, status_weights = weighted(STATUSES)
    violations = terms["violations"]
    violation_weights = [1 / (i + 1) for i in range(len(violations))]  # a few types are common, most are rare
    perpetrators = terms["perpetrators"]
    perpetrator_weights = [1 / (i + 1) ** 1.2 for i in range(len(perpetrators))]
    channels = terms["intake_channels"]
    ukr = [o for o in organisations if o.country.iso3 == THE_COUNTRY]
    others = [o for o in organisations if o.country.iso3 != THE_COUNTRY]
    start = datetime(2015, 1, 1, tzinfo=UTC)
    span = (datetime(2025, 12, 31, tzinfo=UTC) - start).total_seconds()
    through = Act.perpetrators.through
    case_id, victim_id, act_id = writer.next_id(Case), writer.next_id(Victim), writer.next_id(Act)
    shell = Case()  # only to bind each ciphertext to its case's uuid, as the services do
    began = time.perf_counter()
    made = 0
    while made < total:
        size = min(CHUNK, total - made)
        cases, victims, acts, links = [], [], [], []
        for i in range(size):
            n = made + i
            org = rng.choice(ukr) if rng.random() < 0.12 else rng.choice(others)
            occurred = date(2015, 1, 1) + timedelta(days=rng.randrange(0, 4017))
            created = start + timedelta(seconds=rng.random() * span)
            status = rng.choices(status_values, status_weights)[0]
            shell.uuid = uuid.uuid4()
            crypto.seal(shell, "narrative", f"SYNTHETIC benchmark narrative {n}; not a real event.",
                        key=keys[org.pk])
            cases.append((case_id, shell.uuid, f"{org.country.iso3}-{occurred.year % 100:02d}-S{n:07d}", org.pk,
                          org.country_id, "SYNTHETIC", occurred, "day", occurred.year, rng.choice(channels), status,
                          False, True, rng.random() < 0.7, rng.random() < 0.4, rng.random() < 0.5,
                          shell.narrative_enc, "", created, created, None if status == "draft" else created))
            victims.append((victim_id, uuid.uuid4(), case_id, "", "", rng.choices(sex_values, sex_weights)[0]))
            for order in range(1 if rng.random() < 0.7 else 2):
                acts.append((act_id, case_id, victim_id, rng.choices(violations, violation_weights)[0], order))
                chosen = set(rng.choices(perpetrators, perpetrator_weights, k=1 if rng.random() < 0.75 else 2))
                links.extend((act_id, term) for term in chosen)
                act_id += 1
            case_id += 1
            victim_id += 1
        with transaction.atomic():
            writer.insert(Case, CASE_COLUMNS, cases)
            writer.insert(Victim, VICTIM_COLUMNS, victims)
            writer.insert(Act, ACT_COLUMNS, acts)
            writer.insert(through, LINK_COLUMNS, links)
        made += size
        rate = made / (time.perf_counter() - began)
        print(f"\r  generated {made:,} of {total:,} synthetic cases ({rate:,.0f}/s)", end="", file=sys.stderr)
    print(file=sys.stderr)
    writer.reset_sequences([Case, Victim, Act, through])
    maintain(connection)
    return time.perf_counter() - began


def maintain(connection) -> None:
    """Planner statistics (and, on PostgreSQL, the visibility map) as autovacuum would leave them after a load."""
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        raw = connection.connection
        previous = raw.autocommit
        raw.autocommit = True
        raw.execute("VACUUM ANALYZE")
        raw.autocommit = previous
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def signed_in_client(user):
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def measure(client, path: str, repeat: int) -> tuple[float, float, int, int]:
    """Median and worst milliseconds over ``repeat`` requests (after two warm-ups), status, queries per request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        response = client.get(path)
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - began) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return statistics.median(times), max(times), response.status_code, len(queries)


def machine() -> str:
    cpu = "unknown"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"nproc {os.cpu_count()}, CPU {cpu}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--database-url", help="An EMPTY scratch PostgreSQL database (default: SQLite in a temp dir)")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--reuse", action="store_true",
                        help="Measure a database filled by an earlier run (with --database-url) without generating")
    args = parser.parse_args()
    var = configure(args.database_url)
    from django.db import connection

    from observatory.cases.models import Case

    vendor = connection.vendor
    version = connection.cursor().connection.execute("select sqlite_version()").fetchone()[0] \
        if vendor == "sqlite" else connection.cursor().connection.info.server_version
    print(f"# Violations registry benchmark (SYNTHETIC data) — {vendor} {version}; {machine()}")
    if args.reuse:
        from observatory.accounts.models import User

        coordinator = User.objects.get(username="bench_coordinator")
        maintain(connection)
        print(f"reusing {Case.objects.count():,} synthetic cases")
    else:
        organisations, coordinator, keys = setup_reference_data()
        seconds = generate(args.cases, organisations, keys)
        print(f"generated {args.cases:,} synthetic cases in {seconds:.0f} s")
    in_country = Case.objects.filter(country__iso3=THE_COUNTRY).count()
    print(f"{in_country:,} cases in {THE_COUNTRY} (the coordinator's country)")
    if vendor == "sqlite":
        size = sum(p.stat().st_size for p in var.glob("observatory.sqlite3*"))
        print(f"database size {size / 1e9:.2f} GB")
    client = signed_in_client(coordinator)
    year = 2023
    rows = []
    for label, path in [
        ("coordinator list, status=submitted, 25 a page", "/en/cases/?status=submitted"),
        ("coordinator list, status=verified, year=2023", "/en/cases/?status=verified&year=2023"),
        ("coordinator list, unfiltered, 25 a page", "/en/cases/"),
        ("coordinator list, status=submitted, page 100", "/en/cases/?status=submitted&page=100"),
        ("coordinator list, status=submitted, 10 a page", "/en/cases/?status=submitted&per_page=10"),
        ("coordinator list, status=submitted, 50 a page", "/en/cases/?status=submitted&per_page=50"),
        ("coordinator list, status=submitted, 100 a page", "/en/cases/?status=submitted&per_page=100"),
        ("API list, country+status, 50 a page", None),
        (f"public stats API, {THE_COUNTRY} {year}, by violation", f"/api/v1/stats/violations?country={THE_COUNTRY}"
                                                                  f"&year={year}&by=violation"),
        (f"public stats API, {THE_COUNTRY} {year}, by perpetrator", f"/api/v1/stats/violations?country={THE_COUNTRY}"
                                                                    f"&year={year}&by=perpetrator"),
        (f"public violations page, {THE_COUNTRY} {year} (3 breakdowns)",
         f"/en/cases/violations/?country={THE_COUNTRY}&year={year}"),
    ]:
        if path is None:
            from observatory.access import SYSTEM
            from observatory.accounts.services import token_create

            _, secret = token_create(actor=SYSTEM, user=coordinator)
            api = type(client)(HTTP_AUTHORIZATION=f"Bearer {secret}")
            median, worst, status, queries = measure(api, f"/api/v1/cases?country={THE_COUNTRY}&status=submitted",
                                                     args.repeat)
        else:
            median, worst, status, queries = measure(client, path, args.repeat)
        rows.append((label, median, worst, status, queries))
    print()
    print("| request (synthetic data) | median ms | worst ms | status | queries |")
    print("|---|---:|---:|---:|---:|")
    for label, median, worst, status, queries in rows:
        print(f"| {label} | {median:.1f} | {worst:.1f} | {status} | {queries} |")
    print()
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"git: {subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True, cwd=ROOT).stdout.strip()}")


if __name__ == "__main__":
    main()
