"""The import service: all or nothing, idempotent, revisions kept, errors a user can act on."""

from __future__ import annotations

import csv

from django.conf import settings

from observatory.access import SYSTEM
from observatory.audit.models import AuditEntry
from observatory.indicators.models import ImportBatch, Observation, ObservationRevision
from observatory.indicators.selectors import observation_latest
from observatory.indicators.services import observations_import

HEADER = "indicator,country,period,value,sex,flags,note,source"
GOOD = f"""{HEADER}
pwid_size,UKR,2018,350300,,estimate,,unaids_gam2019
pwid_size,Georgia,2017,52500,,,,unaids_gam2019
hiv_prevalence_pwid,Грузия,2017,2.3,,,,unaids_gam2019
hiv_prevalence_pwid,ALB,2020,<1,,,,unaids_gam2019
pwid_size,ALB,2020,5132-6182,,,,unaids_gam2019
"""


def test_import_inserts_then_a_second_run_changes_nothing(catalogue, tidy_csv):
    path = tidy_csv(GOOD)
    first = observations_import(actor=SYSTEM, path=path)
    assert first.ok and (first.read, first.inserted, first.updated, first.unchanged) == (5, 5, 0, 0)
    second = observations_import(actor=SYSTEM, path=path)
    assert (second.inserted, second.updated, second.unchanged) == (0, 0, 5)
    assert Observation.objects.count() == 5
    assert ImportBatch.objects.count() == 2


def test_values_keep_their_printed_form(catalogue, tidy_csv, countries):
    observations_import(actor=SYSTEM, path=tidy_csv(GOOD))
    albania = {o.indicator.code: o for o in Observation.objects.filter(country__iso3="ALB")}
    hiv = albania["hiv_prevalence_pwid"]
    assert (hiv.value, hiv.qualifier) == (1.0, "<")
    pwid = albania["pwid_size"]
    assert (pwid.value, pwid.lower, pwid.upper) == (None, 5132.0, 6182.0)
    ukraine = Observation.objects.get(country__iso3="UKR")
    assert ukraine.flags == ["estimate"] and ukraine.source.key == "unaids_gam2019"


def test_a_changed_value_keeps_the_previous_one_with_its_batch(catalogue, tidy_csv, countries):
    first = observations_import(actor=SYSTEM, path=tidy_csv(GOOD))
    second = observations_import(actor=SYSTEM, path=tidy_csv(GOOD.replace("350300", "346900"), name="fix.csv"))
    assert (second.inserted, second.updated, second.unchanged) == (0, 1, 4)
    obs = Observation.objects.get(country__iso3="UKR", indicator__code="pwid_size")
    assert obs.value == 346900 and obs.batch_id == second.batch_id
    revision = ObservationRevision.objects.get(observation=obs)
    assert revision.value == 350300
    assert revision.previous_batch_id == first.batch_id and revision.replaced_by_batch_id == second.batch_id
    assert observation_latest(country=countries["UKR"], indicator_code="pwid_size").value == 346900


def test_one_bad_row_rejects_the_whole_file_and_changes_nothing(catalogue, tidy_csv, tmp_path):
    observations_import(actor=SYSTEM, path=tidy_csv(GOOD))
    before = list(Observation.objects.values_list("pk", "value").order_by("pk"))
    audit_before = AuditEntry.objects.count()
    bad = GOOD.replace("350300", "346900") + "pwid_size,Ukrane,2019,1000,,,,unaids_gam2019\n"
    result = observations_import(actor=SYSTEM, path=tidy_csv(bad, name="bad.csv"), report_dir=tmp_path / "reports")
    assert not result.ok and result.rejected == 1
    issue = result.issues[0]
    assert (issue.line, issue.column, issue.value) == (7, "country", "Ukrane")
    assert "UKR" in issue.suggestions
    assert list(Observation.objects.values_list("pk", "value").order_by("pk")) == before
    assert AuditEntry.objects.count() == audit_before
    with result.error_report.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows == [{"file": "bad.csv", "line": "7", "column": "country", "value": "Ukrane",
                     "reason": issue.reason, "suggestions": issue.suggestions}]


def test_catalogue_mismatches_are_named(catalogue, tidy_csv, tmp_path):
    text = f"""{HEADER}
no_such_indicator,UKR,2018,1,,,,unaids_gam2019
pwid_size,UKR,2018,1,,,,no_such_source
pwid_size,UKR,2018,yes,,,,unaids_gam2019
pwid_size,GEO,2017,5,,,,unaids_gam2019
pwid_size,GEO,2017,6,,,,unaids_gam2019
"""
    result = observations_import(actor=SYSTEM, path=tidy_csv(text), report_dir=tmp_path)
    reasons = {(i.line, i.column): i.reason for i in result.issues}
    assert "unknown indicator" in reasons[(2, "indicator")]
    assert "unknown source" in reasons[(3, "source")]
    assert "takes a number" in reasons[(4, "value")]
    assert "as line 5" in reasons[(6, "value")]
    assert not Observation.objects.exists()


def test_unreadable_files_get_one_readable_message(catalogue, tmp_path):
    png = tmp_path / "photo.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    for path in (png, empty):
        result = observations_import(actor=SYSTEM, path=path)
        assert result.message and path.name in result.message
        assert "Traceback" not in result.message
    assert not Observation.objects.exists()


def test_dry_run_counts_but_writes_nothing(catalogue, tidy_csv):
    result = observations_import(actor=SYSTEM, path=tidy_csv(GOOD), dry_run=True)
    assert result.ok and result.inserted == 5
    assert not Observation.objects.exists() and not ImportBatch.objects.exists()


def test_an_import_is_audited(catalogue, tidy_csv, personas):
    result = observations_import(path=tidy_csv(GOOD), actor=personas["admin"])
    entry = AuditEntry.objects.get(action="indicators.import")
    assert entry.actor_username == "admin" and entry.details["inserted"] == 5
    assert entry.object_id == str(result.batch_id)


def test_latest_prefers_a_real_data_year_over_an_edition_year(catalogue, tidy_csv, countries):
    text = f"""{HEADER}
hiv_prevalence_pwid,ALB,2018,0.6,,,,unaids_gam2019
hiv_prevalence_pwid,ALB,2020,0.5,,edition_year,,curated_hri_gshr2020_t221
"""
    assert observations_import(actor=SYSTEM, path=tidy_csv(text)).ok
    assert observation_latest(country=countries["ALB"], indicator_code="hiv_prevalence_pwid").value == 0.6


def test_the_shipped_world_bank_file_loads_population(catalogue, countries):
    result = observations_import(actor=SYSTEM, path=settings.DATA_DIR / "raw" / "worldbank-population" / "population.csv",
                                 options={"source": "worldbank_population"})
    assert result.ok and result.inserted == 29 * 65
    georgia = observation_latest(country=countries["GEO"], indicator_code="population")
    assert georgia.period == "2024" and georgia.source.publisher.startswith("World Bank")
    with (settings.DATA_DIR / "raw" / "worldbank-population" / "population.csv").open() as handle:
        expected = next(float(r["Value"]) for r in csv.DictReader(handle)
                        if r["Country Code"] == "GEO" and r["Year"] == "2024")
    assert georgia.value == expected
