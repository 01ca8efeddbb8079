"""Keeping the "latest value" table in step with the observations."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager

from django.db import connection

from observatory.indicators.models import Indicator, LatestObservation, Observation, Source

LATEST, OBSERVATIONS = LatestObservation._meta.db_table, Observation._meta.db_table
_SLOT = "o.indicator_id, o.country_id, o.sex, o.age_group"
_WIDTH = 2**16  # room for each of the source ranks in SQLite's packed rank


def latest_refresh(*, pairs: Iterable[tuple[int, int]]) -> int:
    """Recompute the latest observation for the given (indicator id, country id) pairs.

    The latest is the most recent period among values with a real data year
    (values flagged ``edition_year`` or ``uncertain`` count only where nothing
    else exists); between sources giving the same period, the one earlier in the
    indicator's ``preferred_sources`` wins, and sources not listed there come
    after, in key order. Runs inside the caller's
    transaction. Returns the number of rows written.

    The choice is made by the database in one aggregate over the pairs'
    observations: the rule's terms packed into one integer rank, the row with the
    largest rank per slot wins. The source order is computed here and handed over
    as integers, so both databases rank sources exactly as the rule says,
    whatever their collation.
    """
    pairs = {(int(i), int(c)) for i, c in pairs}
    if not pairs:
        return 0
    key_rank, preferred = _source_ranks({i for i, _ in pairs})
    touched = f"WITH touched (indicator_id, country_id) AS (VALUES {_values(sorted(pairs))}) "
    join = (f"FROM touched t JOIN {OBSERVATIONS} o "
            f"ON o.indicator_id = t.indicator_id AND o.country_id = t.country_id")
    key_position = _case("o.source_id", key_rank, len(key_rank))
    preferred_position = _preferred_case(preferred)
    if connection.vendor == "postgresql":
        undated = """(o.flags @> '["edition_year"]'::jsonb OR o.flags @> '["uncertain"]'::jsonb)"""
    else:
        undated = """(instr(o.flags, '"edition_year"') > 0 OR instr(o.flags, '"uncertain"') > 0)"""
    # The rule's terms packed into one integer, most significant first: dated, year, month, preferred
    # source, source key; the largest rank wins. Years and months are small integers (below 32768).
    rank = (f"(((((CASE WHEN {undated} THEN 0 ELSE 1 END) * CAST(32768 AS BIGINT) + o.year) * 32768"
            f" + COALESCE(o.month, 0)) * {_WIDTH} + {_WIDTH - 1} - {preferred_position}) * {_WIDTH}"
            f" + {_WIDTH - 1} - {key_position})")
    if connection.vendor == "postgresql":
        best = f"(MAX(ARRAY[{rank}, o.id]))[2] AS id"  # a hash aggregate: no sort of all the rows
    else:
        best = f"o.id AS id, MAX({rank}) AS rank"  # SQLite takes the bare o.id from the row holding the MAX
    select = (f"SELECT indicator_id, country_id, sex, age_group, id FROM ("
              f"SELECT {_SLOT}, {best} {join} GROUP BY {_SLOT}) best")
    with connection.cursor() as cursor, _no_automatic_index(cursor):
        cursor.execute(touched + f"DELETE FROM {LATEST} WHERE (indicator_id, country_id) IN "
                                 f"(SELECT indicator_id, country_id FROM touched)")
        # INSERT first, WITH after: Python's sqlite3 reports a row count only for statements that start with INSERT.
        cursor.execute(f"INSERT INTO {LATEST} (indicator_id, country_id, sex, age_group, observation_id) "
                       + touched + select)
        return cursor.rowcount


def _source_ranks(indicator_ids: set[int]) -> tuple[dict[int, int], dict[tuple[int, int], int]]:
    """Each source's position in key order, and each (indicator, source)'s position in preferred_sources."""
    source_ids = dict(Source.objects.values_list("key", "pk"))
    # Key order as the rule has always compared keys: by character, and where one key is the
    # start of another, the longer one first.
    by_key = sorted(source_ids, key=lambda key: tuple(-ord(ch) for ch in key), reverse=True)
    key_rank = {source_ids[key]: position for position, key in enumerate(by_key)}
    preferred = {}
    for indicator_id, order in Indicator.objects.filter(pk__in=indicator_ids).values_list("pk", "preferred_sources"):
        order = list(order or [])
        preferred.update({(indicator_id, source_ids[key]): order.index(key) for key in order if key in source_ids})
    if len(key_rank) >= _WIDTH or max(preferred.values(), default=0) >= _WIDTH - 1:
        raise ValueError("too many sources to rank")  # 65,535 sources: far beyond any catalogue
    return key_rank, preferred


def _preferred_case(preferred: dict[tuple[int, int], int]) -> str:
    """Position in the indicator's preferred_sources; sources not listed come after all listed ones."""
    unlisted = _WIDTH - 1
    if not preferred:
        return str(unlisted)
    whens = " ".join(f"WHEN o.indicator_id = {int(i)} AND o.source_id = {int(s)} THEN {int(p)}"
                     for (i, s), p in sorted(preferred.items()))
    return f"(CASE {whens} ELSE {unlisted} END)"


def _case(column: str, mapping: dict[int, int], default: int) -> str:
    if not mapping:
        return str(default)
    whens = " ".join(f"WHEN {int(k)} THEN {int(v)}" for k, v in sorted(mapping.items()))
    return f"(CASE {column} {whens} ELSE {int(default)} END)"


def _values(rows: Iterable[tuple[int, ...]]) -> str:
    """Integer rows as the body of a VALUES list (integers only, so nothing needs quoting)."""
    return ", ".join("(" + ", ".join(str(int(v)) for v in row) + ")" for row in rows)


@contextmanager
def _no_automatic_index(cursor):
    """Keep SQLite from building a throw-away index over all observations: the stored indexes serve."""
    if connection.vendor != "sqlite":
        yield
        return
    cursor.execute("PRAGMA automatic_index")
    before = cursor.fetchone()[0]
    cursor.execute("PRAGMA automatic_index = OFF")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA automatic_index = {int(before)}")
