"""Importing cases from REAct-style spreadsheets: all or nothing, errors per row and column, no identity in reports."""

from __future__ import annotations

import csv

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from observatory.cases.models import Case, CaseStatus
from observatory.cases.services.imports import COLUMNS, cases_import
from observatory.cases.tests.conftest import CLIENT_CODE, NAME, NARRATIVE

ROWS = [
    {"case_key": "A", "occurred_on": "2024-03-15", "channel": "outreach", "narrative": NARRATIVE,
     "consent_document": "да", "consent_share_network": "yes", "consent_contact": "нет", "victim_name": NAME,
     "client_code": CLIENT_CODE, "sex": "женщина", "key_populations": "people_on_ost; people_who_inject_drugs",
     "violation": "police_beating", "perpetrators": "police", "place_type": "street"},
    {"case_key": "A", "violation": "Вымогательство со стороны полиции", "perpetrators": "police;investigator"},
    {"case_key": "B", "occurred_on": "2023", "channel": "hotline", "consent_document": "1",
     "violation": "ost_denied_or_interrupted", "status": "draft"},
]


def write_csv(path, rows, delimiter=","):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_spreadsheet_imports_through_the_services(tmp_path, personas, vocabularies):
    result = cases_import(path=write_csv(tmp_path / "react.csv", ROWS), actor=personas["documenter_ukr"])
    assert result.ok, result.issues
    assert (result.read, result.cases, result.created) == (3, 2, 2)
    first = Case.objects.get(status=CaseStatus.SUBMITTED)
    assert [a.violation.code for a in first.acts.order_by("order")] == ["police_beating", "police_extortion"]
    assert first.victims.get().sex.code == "female"
    assert Case.objects.get(status=CaseStatus.DRAFT).occurred_precision == "year"


def test_importing_the_same_file_again_creates_nothing(tmp_path, personas, vocabularies):
    path = write_csv(tmp_path / "react.csv", ROWS, delimiter=";")
    cases_import(path=path, actor=personas["documenter_ukr"])
    again = cases_import(path=path, actor=personas["documenter_ukr"])
    assert again.ok and again.created == 0 and again.unchanged == 2
    assert Case.objects.count() == 2


def test_one_bad_row_imports_nothing_and_the_report_hides_identities(tmp_path, personas, vocabularies):
    rows = [dict(ROWS[0]), dict(ROWS[2], violation="police_beatng", occurred_on="2023-13"),
            {"case_key": "C", "consent_document": "maybe", "violation": "planted_drugs", "victim_name": NAME,
             "victim_contact": "+380000", "occurred_on": "2024", "channel": "hotline"}]
    result = cases_import(path=write_csv(tmp_path / "bad.csv", rows), actor=personas["documenter_ukr"],
                          report_dir=tmp_path)
    assert not result.ok and not Case.objects.exists()
    problems = {(i.line, i.column) for i in result.issues}
    assert (3, "violation") in problems and (4, "consent_document") in problems
    typo = next(i for i in result.issues if i.column == "violation")
    assert "police_beating" in typo.suggestions
    report = result.error_report.read_text(encoding="utf-8")
    assert NAME not in report and "+380000" not in report and CLIENT_CODE not in report
    assert "file,line,column,value,reason,suggestions" in report.splitlines()[0]


def test_xlsx_import_by_command(tmp_path, personas, vocabularies):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    for row in ROWS:
        sheet.append([row.get(c, "") for c in COLUMNS])
    path = tmp_path / "react.xlsx"
    workbook.save(path)
    call_command("cases", "import", str(path), "--as", "documenter_ukr")
    assert Case.objects.count() == 2
    with pytest.raises(CommandError, match="no organisation"):
        call_command("cases", "import", str(path), "--as", "analyst")
    call_command("cases", "import", str(path), "--org", "harm-reduction-kgz", "--dry-run")
    assert not Case.objects.filter(country__iso3="KGZ").exists()


def test_unexpected_columns_are_named(tmp_path, personas, vocabularies):
    path = tmp_path / "odd.csv"
    path.write_text("violation,passport_number\npolice_beating,AB123\n", encoding="utf-8")
    result = cases_import(path=path, actor=personas["documenter_ukr"])
    assert "passport_number" in result.message and not Case.objects.exists()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.dictionaries(st.sampled_from(COLUMNS), st.text(max_size=12)), max_size=4))
def test_arbitrary_rows_never_crash_and_never_half_import(tmp_path, personas, vocabularies, rows):
    """Whatever a spreadsheet holds, the import either writes every case or none, and reports why."""
    from django.db import transaction

    with transaction.atomic():
        path = write_csv(tmp_path / "r.csv", [dict(r, case_key="") for r in rows])
        result = cases_import(path=path, actor=personas["documenter_ukr"], report_dir=tmp_path)
        assert Case.objects.count() == (result.created if result.ok else 0)
        transaction.set_rollback(True)
