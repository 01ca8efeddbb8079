"""A consistent copy of the database and a digest of every table, for SQLite and PostgreSQL.

The digest of a table is its row count and an order-independent hash of its rows (the sum,
modulo 2**256, of the SHA-256 of each row's canonical text), so the same rows give the same
digest whatever order the database returns them in. It is taken from the same snapshot as
the copy, and again after a restore, so that the two can be compared table by table.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection, connections, transaction

# Disposable contents, rewritten while a site runs: never compared.
UNCOMPARED = {"observatory_cache"}
_MOD = 1 << 256


class SnapshotError(RuntimeError):
    """The database could not be copied or restored (a missing tool, a refused connection)."""


def _canonical(value) -> str:
    if isinstance(value, memoryview):
        value = bytes(value)
    return repr(value)


def _digest(rows) -> dict:
    count, total = 0, 0
    for row in rows:
        text = "\x1f".join(_canonical(v) for v in row).encode("utf-8", "surrogatepass")
        total = (total + int.from_bytes(hashlib.sha256(text).digest(), "big")) % _MOD
        count += 1
    return {"rows": count, "sha256": f"{total:064x}"}


def engine() -> str:
    return connection.vendor  # "sqlite" or "postgresql"


# -- SQLite -------------------------------------------------------------------------------------

def _sqlite_open(name, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection to the database file ``name``, or to a shared in-memory database (``file:...`` URI)."""
    name = str(name)
    if name.startswith("file:"):
        return sqlite3.connect(name, uri=True)
    return sqlite3.connect(f"file:{name}?mode=ro", uri=True) if readonly else sqlite3.connect(name)


def _sqlite_name() -> str:
    return str(connection.settings_dict["NAME"])


def sqlite_digests(name) -> dict:
    db = _sqlite_open(name, readonly=True)
    try:
        tables = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: _digest(db.execute(f'SELECT * FROM "{t}"')) for t in tables if t not in UNCOMPARED}
    finally:
        db.close()


def _sqlite_copy(target: Path) -> dict:
    source = _sqlite_open(_sqlite_name())
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # the online backup API: a consistent copy while the site runs
    finally:
        copy.close()
        source.close()
    return sqlite_digests(target)


def _sqlite_restore(dump: Path) -> None:
    """Copy ``dump`` over the live database with the backup API: one locked step, all or nothing."""
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    live = _sqlite_open(_sqlite_name())
    try:
        live.execute("PRAGMA busy_timeout = 20000")
        source.backup(live)
    finally:
        live.close()
        source.close()


# -- PostgreSQL ---------------------------------------------------------------------------------

def _pg_env() -> tuple[list[str], dict]:
    s = connection.settings_dict
    args = ["--dbname", s["NAME"]]
    if s.get("HOST"):
        args += ["--host", s["HOST"]]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", s["USER"]]
    env = {**os.environ, "PGPASSWORD": s.get("PASSWORD") or ""}
    return args, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise SnapshotError(f"{name} is not installed: install the PostgreSQL client (Debian: postgresql-client).")
    return found


def _pg_live_digests(cursor) -> dict:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    tables = [r[0] for r in cursor.fetchall()]
    digests = {}
    for table in tables:
        if table in UNCOMPARED:
            continue
        with connection.chunked_cursor() as rows:  # server-side: a large table is never held in memory
            rows.execute(f'SELECT * FROM "{table}"')
            digests[table] = _digest(_rows(rows))
    return digests


def _rows(cursor):
    while batch := cursor.fetchmany(2000):
        yield from batch


def _pg_copy(target: Path) -> dict:
    args, env = _pg_env()
    with transaction.atomic(), connection.cursor() as cursor:
        # One snapshot for the dump and the digests: pg_dump joins this transaction's view of the data.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        result = subprocess.run([_tool("pg_dump"), *args, "--format=custom", "--no-owner", "--no-privileges",
                                 f"--snapshot={snapshot}", "--file", str(target)],
                                env=env, capture_output=True, text=True)
        if result.returncode:
            raise SnapshotError(f"pg_dump failed: {result.stderr.strip()[:300]}")
        return _pg_live_digests(cursor)


def _pg_restore(dump: Path) -> None:
    args, env = _pg_env()
    connections.close_all()
    result = subprocess.run([_tool("pg_restore"), *args, "--clean", "--if-exists", "--no-owner", "--no-privileges",
                             "--single-transaction", "--exit-on-error", str(dump)],
                            env=env, capture_output=True, text=True)
    if result.returncode:
        raise SnapshotError(f"pg_restore failed; nothing was changed: {result.stderr.strip()[:300]}")


# -- either -------------------------------------------------------------------------------------

def database_copy(target: Path) -> dict:
    """Write a consistent copy of the database to ``target``; returns the digests of its tables."""
    if engine() == "sqlite":
        return _sqlite_copy(target)
    if engine() == "postgresql":
        return _pg_copy(target)
    raise SnapshotError(f"Backups support SQLite and PostgreSQL, not {engine()}.")


def database_restore(dump: Path) -> None:
    if engine() == "sqlite":
        return _sqlite_restore(dump)
    return _pg_restore(dump)


def live_digests() -> dict:
    if engine() == "sqlite":
        return sqlite_digests(_sqlite_name())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        return _pg_live_digests(cursor)
