"""The write half of the import service: checked rows go into the database in one transaction.

The rows arrive as columns (NumPy arrays). They are matched with the stored
observations by natural key, in bulk: new ones are inserted, changed ones get a
revision holding the previous value and the batch that set it, identical ones are
left alone. The writes are plain SQL over whole columns, ``executemany`` on
SQLite and ``COPY`` on PostgreSQL, so that a million rows go in at the speed of
the database rather than of the ORM.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from django.db import connection, transaction
from django.utils import timezone

from observatory.audit.services import audit_record
from observatory.core.files import file_sha256
from observatory.indicators.importers.columns import row_keys
from observatory.indicators.models import ImportBatch, Observation, ObservationRevision
from observatory.indicators.services.latest import latest_refresh

if TYPE_CHECKING:
    from observatory.indicators.services.imports import ImportResult

OBSERVATIONS = Observation._meta.db_table
REVISIONS = ObservationRevision._meta.db_table
KEY = ("indicator_id", "source_id", "country_id", "period", "sex", "age_group")  # the natural key
VALUES = Observation.VALUE_FIELDS
FLOATS = ("value", "lower", "upper")
# The page cache a big SQLite import may use (KiB): the indexes of a million-row table fit, so
# inserting does not re-read pages it has just written.
SQLITE_CACHE_KIB = 256 * 1024
CHUNK = 50_000  # rows turned into Python tuples at a time


def observations_write(*, result: ImportResult, rows: dict[str, np.ndarray], path: Path, actor,
                       dry_run: bool, skip_unchanged: bool = False) -> None:
    """Write checked rows in one transaction, with their import batch and audit entry; count them in ``result``.

    ``rows`` holds the observation table's columns, one array each:
    ``indicator_id``, ``country_id``, ``source_id``, ``period``, ``year``,
    ``month`` (0 for none), ``sex``, ``age_group`` and the value fields
    (``flags`` as JSON text); no natural key appears twice. With ``dry_run``
    only the counts are filled in; so too with ``skip_unchanged`` when no row is
    new or changed.
    """
    n = len(rows["period"])
    with transaction.atomic(), _bulk_session():
        existing = _existing(rows)
        position = _positions(rows, existing)
        new = np.flatnonzero(position < 0)
        matched = np.flatnonzero(position >= 0)
        old = existing.iloc[position[matched]]
        same = _unchanged(rows, matched, old)
        changed, old = matched[~same], old[~same]
        result.inserted, result.updated, result.unchanged = len(new), len(changed), int(same.sum())
        if dry_run or (skip_unchanged and not len(new) and not len(changed)):
            return
        stamp = connection.ops.adapt_datetimefield_value(timezone.now())
        batch = ImportBatch.objects.create(
            actor_username=actor.get_username() if actor is not None else "", file_name=result.file,
            file_sha256=file_sha256(path), adapter=result.adapter, status=ImportBatch.Status.APPLIED,
        )
        result.batch_id = batch.pk
        new = _in_key_order(rows, new)
        pick = slice(None) if len(new) == n and bool(np.all(np.diff(new) > 0)) else new
        _write(OBSERVATIONS, len(new), {
            **{name: rows[name][pick] for name in ("indicator_id", "country_id", "period", "year", "sex", "age_group",
                                                   "source_id", *VALUES)},
            "month": [m or None for m in rows["month"][pick].tolist()], "batch_id": batch.pk, "updated_at": stamp,
        })
        if len(changed):
            _write(REVISIONS, len(changed), {
                "observation_id": old["id"].to_numpy(dtype=np.int64), "replaced_by_batch_id": batch.pk,
                "previous_batch_id": [None if b != b or b is None else int(b) for b in old["batch_id"].tolist()],
                "replaced_at": stamp, **{name: old[name].to_numpy() for name in VALUES},
            })
            _update(old["id"].to_numpy(dtype=np.int64), {
                **{name: rows[name][changed] for name in VALUES}, "batch_id": batch.pk, "updated_at": stamp})
        touched = np.concatenate([new, changed])
        pairs = pd.DataFrame({"i": rows["indicator_id"][touched], "c": rows["country_id"][touched]}).drop_duplicates()
        latest_refresh(pairs=pairs.itertuples(index=False, name=None))
        batch.counts = result.counts()
        batch.save(update_fields=["counts"])
        audit_record(actor=actor, action="indicators.import", obj=batch,
                     details={"file": result.file, "adapter": result.adapter, **result.counts()})


@contextmanager
def _bulk_session() -> Iterator[None]:
    """A larger SQLite page cache while the import runs; nothing changes on PostgreSQL.

    Only memory changes: the journal, synchronous and locking settings stay as they are.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = {-SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def _existing(rows: dict[str, np.ndarray]) -> pd.DataFrame:
    """The stored observations of each (indicator, source) in the rows: natural key, id, batch and values.

    One query per (indicator, source), returning only those columns. ``flags`` is
    the stored JSON text; value, lower and upper are floats (NaN for NULL).
    """
    columns = ("id", "batch_id", *KEY[2:], *VALUES)
    sql = f"SELECT {', '.join(columns)} FROM {OBSERVATIONS} WHERE indicator_id = %s AND source_id = %s"
    groups = pd.DataFrame({"i": rows["indicator_id"], "s": rows["source_id"]}).drop_duplicates()
    parts = []
    with connection.cursor() as cursor:
        for indicator_id, source_id in groups.itertuples(index=False, name=None):
            cursor.execute(sql, [int(indicator_id), int(source_id)])
            if found := cursor.fetchall():
                part = pd.DataFrame.from_records(found, columns=columns)
                part["indicator_id"], part["source_id"] = indicator_id, source_id
                parts.append(part)
    if not parts:
        return pd.DataFrame({name: np.zeros(0, dtype=float if name in FLOATS else object)
                             for name in ("indicator_id", "source_id", *columns)})
    existing = pd.concat(parts, ignore_index=True)
    for name in FLOATS:
        existing[name] = existing[name].astype(float)
    return existing


def _positions(rows: dict[str, np.ndarray], existing: pd.DataFrame) -> np.ndarray:
    """For each row, the position of the stored observation with its natural key, or -1."""
    n = len(rows["period"])
    if not len(existing):
        return np.full(n, -1, dtype=np.int64)
    keys = row_keys(*(pd.factorize(np.concatenate([rows[k], existing[k].to_numpy(dtype=rows[k].dtype)]))[0]
                      for k in KEY))
    return pd.Index(keys[n:]).get_indexer(keys[:n])


def _unchanged(rows: dict[str, np.ndarray], matched: np.ndarray, old: pd.DataFrame) -> np.ndarray:
    """For each matched row, whether every value field equals the stored one (NULL equals NULL)."""
    same = np.ones(len(matched), dtype=bool)
    for name in VALUES:
        mine, theirs = rows[name][matched], old[name].to_numpy()
        if name in FLOATS:
            theirs = theirs.astype(float)
            same &= (mine == theirs) | (np.isnan(mine) & np.isnan(theirs))
        elif name == "flags":  # stored JSON, written the way the import writes it; list order still counts
            codes, uniques = pd.factorize(theirs.astype(object), use_na_sentinel=False)
            canonical = [json.dumps(json.loads(u) if isinstance(u, str) else u) for u in uniques]
            same &= mine == np.array(canonical, dtype=object)[codes]
        else:
            same &= mine == theirs.astype(object)
    return same


def _in_key_order(rows: dict[str, np.ndarray], positions: np.ndarray) -> np.ndarray:
    """The positions ordered by indicator, country and period, as the indexes are.

    Rows that arrive in index order fill each index page once, where a shuffled
    file would touch pages all over the indexes. A file already in that order
    keeps it.
    """
    terms = [rows[name][positions] for name in ("indicator_id", "country_id", "year", "month")]
    in_order = np.ones(max(len(positions) - 1, 0), dtype=bool)
    for term in reversed(terms):
        step = np.diff(term)
        in_order = (step > 0) | ((step == 0) & in_order)
    return positions if in_order.all() else positions[np.lexsort(terms[::-1])]


def _write(table: str, size: int, columns: dict[str, Sequence | object]) -> None:
    """Insert ``size`` rows given column by column (an array or list per column, or one value for all)."""
    names = list(columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            if size:
                with cursor.cursor.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
                    for rows in _chunks(columns, size):
                        for row in rows:
                            copy.write_row(row)
        else:
            sql = f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join(['%s'] * len(names))})"
            for rows in _chunks(columns, size):
                cursor.executemany(sql, rows)


def _update(ids: np.ndarray, columns: dict[str, Sequence | object]) -> None:
    """Set the given columns of the observations ``ids`` (executemany; pipelined on PostgreSQL)."""
    sql = f"UPDATE {OBSERVATIONS} SET {', '.join(f'{name} = %s' for name in columns)} WHERE id = %s"
    with connection.cursor() as cursor:
        for rows in _chunks({**columns, "id": ids}, len(ids)):
            cursor.executemany(sql, rows)


def _chunks(columns: dict[str, Sequence | object], size: int) -> Iterator[list[tuple]]:
    """The rows as tuples of plain Python values, a chunk at a time, so that a big import stays small.

    Each chunk is a list and its own executemany: Django's SQLite executemany keeps
    every row of a generator in memory until the call ends.
    """
    for start in range(0, size, CHUNK):
        stop = min(start + CHUNK, size)
        yield list(zip(*(_plain(values, start, stop) for values in columns.values())))


def _plain(values, start: int, stop: int) -> Iterable:
    """Rows ``start:stop`` of a column as Python values for the driver: NaN becomes NULL."""
    if isinstance(values, np.ndarray):
        part = values[start:stop]
        if part.dtype.kind == "f" and np.isnan(part).any():
            out = part.astype(object)
            out[np.isnan(part)] = None
            return out.tolist()
        return part.tolist()
    if isinstance(values, list):
        return values[start:stop]
    return itertools.repeat(values, stop - start)


