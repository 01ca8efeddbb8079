"""The import service's bulk path gives what its row path gives, and the latest-value rule holds in SQL.

The observations are synthetic test inputs, not data.
"""

from __future__ import annotations

import random
from dataclasses import asdict

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observatory.access import SYSTEM
from observatory.indicators.importers.tidy import TidyAdapter
from observatory.indicators.models import (
    ImportBatch,
    Indicator,
    LatestObservation,
    Observation,
    ObservationRevision,
    Source,
)
from observatory.indicators.services import observations_import
from observatory.indicators.services.latest import latest_refresh

HEADER = "indicator,country,period,value,sex,age_group,lower,upper,flags,note,source"
MIXED = f"""{HEADER}
pwid_size,UKR,2018,350300,,,,,estimate,,unaids_gam2019
pwid_size,Georgia,2017,"52,500",,,,,,,unaids_gam2019
hiv_prevalence_pwid,Грузия,2017,2.3,,,,,,,unaids_gam2019
hiv_prevalence_pwid,ALB,2020,<1,,,,,,,unaids_gam2019
pwid_size,ALB,2020,5132-6182,,,,,,,unaids_gam2019
ost_coverage,MDA,2018,12.5,,,10,15,provisional,,unaids_gam2019
no_such_indicator,UKR,2018,1,,,,,,,unaids_gam2019
pwid_size,UKR,2018,1,,,,,,,no_such_source
pwid_size,UKR,2019,yes,,,,,,,unaids_gam2019
pwid_size,Ukrane,2019,1000,,,,,,,unaids_gam2019
pwid_size,GEO,2017,6,,,,,,,unaids_gam2019
pwid_size,KAZ,17,12abc,unknown,,,,estimat,,unaids_gam2019

pwid_size,KAZ,2016,12,,,,,,,unaids_gam2019
"""


def snapshot() -> list[tuple]:
    """Every stored observation and latest-value row, without ids, batches and times."""
    fields = ("indicator__code", "country__iso3", "period", "year", "month", "sex", "age_group", "source__key",
              *Observation.VALUE_FIELDS)
    observations = sorted(Observation.objects.values_list(*fields), key=repr)
    latest = sorted(LatestObservation.objects.values_list("indicator__code", "country__iso3", "sex", "age_group",
                                                          "observation__period", "observation__source__key"))
    return observations + latest


def row_path(monkeypatch):
    """Make the tidy adapter read row by row, as every adapter without a bulk reader does."""
    monkeypatch.setattr(TidyAdapter, "frame", lambda self, path, **options: None)


def result_fields(result) -> dict:
    return {**result.counts(), "message": result.message, "issues": [asdict(i) for i in result.issues]}


def test_bulk_and_row_paths_report_the_same_issues(catalogue, tidy_csv, tmp_path, monkeypatch):
    path = tidy_csv(MIXED)
    bulk = observations_import(actor=SYSTEM, path=path, report_dir=tmp_path / "bulk")
    assert len(bulk.issues) >= 8 and not Observation.objects.exists()
    row_path(monkeypatch)
    by_row = observations_import(actor=SYSTEM, path=path, report_dir=tmp_path / "row")
    assert result_fields(bulk) == result_fields(by_row)
    assert bulk.error_report.read_text(encoding="utf-8") == by_row.error_report.read_text(encoding="utf-8")


@pytest.mark.parametrize("good", [True, False], ids=["good-file", "file-with-errors"])
def test_bulk_and_row_paths_write_the_same_observations(catalogue, tidy_csv, tmp_path, monkeypatch, good):
    lines = [line for line in MIXED.splitlines() if line]
    if good:
        lines = lines[:7] + lines[-1:]
    path = tidy_csv("\n".join(lines))
    bulk = observations_import(actor=SYSTEM, path=path, report_dir=tmp_path)
    stored = snapshot()
    Observation.objects.all().delete()
    row_path(monkeypatch)
    by_row = observations_import(actor=SYSTEM, path=path, report_dir=tmp_path)
    assert {k: v for k, v in result_fields(bulk).items()} == result_fields(by_row)
    assert snapshot() == stored
    assert bool(stored) == good


def test_a_large_reimport_keeps_a_revision_for_each_changed_value(catalogue, tidy_csv, countries):
    rows = [(code, iso3, year) for code in ("pwid_size", "hiv_prevalence_pwid") for iso3 in ("UKR", "GEO", "KAZ")
            for year in range(1990, 2024)]
    text = HEADER + "\n" + "\n".join(f"{c},{i},{y},{y - 1000},,,,,,,unaids_gam2019" for c, i, y in rows)
    first = observations_import(actor=SYSTEM, path=tidy_csv(text))
    assert first.ok and first.inserted == len(rows)
    changed = {f"{c},{i},{y},{y - 1000}," for c, i, y in random.Random(3).sample(rows, 25)}
    edited = "\n".join(line.replace(f"{line.split(',')[2]},{int(line.split(',')[2]) - 1000},",
                                    f"{line.split(',')[2]},7,") if any(line.startswith(k) for k in changed) else line
                       for line in text.splitlines())
    second = observations_import(actor=SYSTEM, path=tidy_csv(edited, name="edited.csv"))
    assert (second.inserted, second.updated, second.unchanged) == (0, 25, len(rows) - 25)
    revisions = ObservationRevision.objects.select_related("observation")
    assert revisions.count() == 25
    for revision in revisions:
        assert revision.observation.value == 7 and revision.value == revision.observation.year - 1000
        assert revision.previous_batch_id == first.batch_id and revision.replaced_by_batch_id == second.batch_id
        assert revision.observation.batch_id == second.batch_id
    third = observations_import(actor=SYSTEM, path=tidy_csv(edited, name="again.csv"))
    assert (third.inserted, third.updated, third.unchanged) == (0, 0, len(rows))
    assert ObservationRevision.objects.count() == 25


def test_the_number_of_queries_does_not_grow_with_the_rows(catalogue, tidy_csv):
    def queries(n: int, name: str) -> int:
        text = HEADER + "\n" + "\n".join(f"pwid_size,UKR,{1900 + i},{i},,,,,,,unaids_gam2019" for i in range(n))
        with CaptureQueriesContext(connection) as captured:
            assert observations_import(actor=SYSTEM, path=tidy_csv(text, name=name)).ok
        return len(captured)

    assert queries(5, "small.csv") == queries(150, "large.csv")


def test_a_flag_change_moves_the_latest_value(catalogue, tidy_csv, countries):
    text = f"""{HEADER}
hiv_prevalence_pwid,ALB,2018,0.6,,,,,,,unaids_gam2019
hiv_prevalence_pwid,ALB,2020,0.5,,,,,,,curated_hri_gshr2020_t221
"""
    from observatory.indicators.selectors import observation_latest

    assert observations_import(actor=SYSTEM, path=tidy_csv(text)).ok
    assert observation_latest(country=countries["ALB"], indicator_code="hiv_prevalence_pwid").value == 0.5
    flagged = text.replace("0.5,,,,,,", "0.5,,,,,edition_year,")
    assert observations_import(actor=SYSTEM, path=tidy_csv(flagged, name="flagged.csv")).updated == 1
    assert observation_latest(country=countries["ALB"], indicator_code="hiv_prevalence_pwid").value == 0.6


# The rule as latest.py states it, written the plain way: the specification the SQL must meet.
def latest_by_rule(observations, preferred: dict[int, list[str]]) -> dict[tuple, int]:
    best = {}
    for obs in observations:
        order = preferred[obs.indicator_id]
        key = obs.source.key
        source_rank = order.index(key) if key in order else len(order)
        dated = not ({"edition_year", "uncertain"} & set(obs.flags or ()))
        rank = (dated, obs.year, obs.month or 0, -source_rank, tuple(-ord(ch) for ch in key))
        slot = (obs.indicator_id, obs.country_id, obs.sex, obs.age_group)
        if slot not in best or rank > best[slot][0]:
            best[slot] = (rank, obs.pk)
    return {slot: pk for slot, (_, pk) in best.items()}


KEYS = ["src", "src_b", "srca", "src_a", "a", "zz"]  # some keys start other keys
observation_specs = st.lists(
    st.tuples(st.integers(0, 1), st.sampled_from(["UKR", "GEO"]), st.sampled_from(["", "male"]),
              st.integers(2015, 2017), st.sampled_from([None, 1, 12]), st.sampled_from(KEYS),
              st.sampled_from([[], ["estimate"], ["edition_year"], ["uncertain", "break"]])),
    max_size=30,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=observation_specs, orders=st.lists(st.lists(st.sampled_from(KEYS), max_size=4), min_size=2, max_size=2))
def test_latest_refresh_follows_the_rule(countries, specs, orders):
    with transaction.atomic():
        LatestObservation.objects.all().delete()
        Observation.objects.all().delete()
        sources = {key: Source.objects.get_or_create(key=key, defaults={"publisher": "test", "dataset": "test"})[0]
                   for key in KEYS}
        indicators = []
        for n, order in enumerate(orders):
            indicator, _ = Indicator.objects.update_or_create(
                code=f"rule_test_{n}", defaults={"name_en": "t", "name_ru": "t", "topic": "deaths",
                                                 "preferred_sources": order})
            indicators.append(indicator)
        batch = ImportBatch.objects.create(file_name="t", file_sha256="", adapter="t", status="applied")
        seen = set()
        for i, iso3, sex, year, month, key, flags in specs:
            period = f"{year}-{month:02d}" if month else str(year)
            natural = (i, iso3, period, sex, key)
            if natural in seen:
                continue
            seen.add(natural)
            Observation.objects.create(indicator=indicators[i], country=countries[iso3], period=period, year=year,
                                       month=month, sex=sex, source=sources[key], flags=flags, value=1, batch=batch)
        observations = list(Observation.objects.select_related("source"))
        written = latest_refresh(pairs={(o.indicator_id, o.country_id) for o in observations})
        expected = latest_by_rule(observations, {ind.pk: ind.preferred_sources for ind in indicators})
        got = {(r.indicator_id, r.country_id, r.sex, r.age_group): r.observation_id
               for r in LatestObservation.objects.all()}
        assert got == expected and written == len(expected)
