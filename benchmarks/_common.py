"""Shared helpers for the benchmarks: a throwaway database and machine facts.

Benchmarks use SYNTHETIC data only; every figure they print says so.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(database_url: str | None = None) -> str:
    """Point Django at a fresh database (a temporary SQLite file unless ``database_url``) and migrate it."""
    var = tempfile.mkdtemp(prefix="observatory-bench-")
    os.environ.setdefault("OBSERVATORY_VAR_DIR", var)
    os.environ.setdefault("OBSERVATORY_SECRET_KEY", "benchmark-only-secret-key-0123456789-abcdefghijklmnop")
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{var}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "observatory.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return os.environ["DATABASE_URL"]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()}"


@contextmanager
def timer(label: str, results: dict):
    start = time.perf_counter()
    yield
    results[label] = time.perf_counter() - start


def create_postgres_database(name: str) -> str | None:
    """Create a fresh PostgreSQL database on 127.0.0.1 (trust auth) and return its URL, or None if unreachable."""
    try:
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc",
                        f'DROP DATABASE IF EXISTS "{name}"'], check=True, capture_output=True)
        subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc",
                        f'CREATE DATABASE "{name}"'], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def drop_postgres_database(name: str) -> None:
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc",
                    f'DROP DATABASE IF EXISTS "{name}"'], capture_output=True)
