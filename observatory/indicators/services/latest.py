"""Keeping the "latest value" table in step with the observations."""

from __future__ import annotations

from collections.abc import Iterable

from observatory.indicators.models import Indicator, LatestObservation, Observation, Source


def latest_refresh(*, pairs: Iterable[tuple[int, int]]) -> int:
    """Recompute the latest observation for the given (indicator id, country id) pairs.

    The latest is the most recent period among values with a real data year
    (values flagged ``edition_year`` or ``uncertain`` count only where nothing
    else exists); between sources giving the same period, the one earlier in the
    indicator's ``preferred_sources`` wins, and sources not listed there come
    after, in key order. Runs inside the caller's
    transaction. Returns the number of rows written.
    """
    pairs = set(pairs)
    if not pairs:
        return 0
    indicator_ids = {i for i, _ in pairs}
    country_ids = {c for _, c in pairs}
    preferred = {i.pk: list(i.preferred_sources or []) for i in Indicator.objects.filter(pk__in=indicator_ids)}
    source_keys = dict(Source.objects.values_list("pk", "key"))
    best: dict[tuple, tuple] = {}
    rows = Observation.objects.filter(indicator_id__in=indicator_ids, country_id__in=country_ids).values_list(
        "pk", "indicator_id", "country_id", "sex", "age_group", "year", "month", "source_id", "flags")
    for pk, indicator_id, country_id, sex, age_group, year, month, source_id, flags in rows.iterator(chunk_size=5000):
        if (indicator_id, country_id) not in pairs:
            continue
        order = preferred[indicator_id]
        key = source_keys[source_id]
        source_rank = order.index(key) if key in order else len(order)
        # A value whose year is only a report's edition year, or whose transcription is uncertain, is shown
        # as "latest" only when no value with a real data year exists: an edition year is not a data year.
        dated = not ({"edition_year", "uncertain"} & set(flags or ()))
        # Larger is better: dated first, later period, a more preferred source, then a stable tie-break.
        rank = (dated, year, month or 0, -source_rank, tuple(-ord(ch) for ch in key))
        slot = (indicator_id, country_id, sex, age_group)
        if slot not in best or rank > best[slot][0]:
            best[slot] = (rank, pk)
    stale = [
        pk for pk, indicator_id, country_id in LatestObservation.objects.filter(
            indicator_id__in=indicator_ids, country_id__in=country_ids).values_list("pk", "indicator_id", "country_id")
        if (indicator_id, country_id) in pairs
    ]
    for start in range(0, len(stale), 900):  # SQLite limits the number of query parameters
        LatestObservation.objects.filter(pk__in=stale[start:start + 900]).delete()
    objs = [LatestObservation(indicator_id=s[0], country_id=s[1], sex=s[2], age_group=s[3], observation_id=pk)
            for s, (_, pk) in best.items()]
    LatestObservation.objects.bulk_create(objs, batch_size=2000)
    return len(objs)
