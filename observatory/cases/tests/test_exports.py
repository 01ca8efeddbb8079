"""``observatory cases export``: identities only under an account that may see them, audited per case."""

from __future__ import annotations

import os
import stat

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from observatory.audit.models import AuditEntry
from observatory.cases.tests.conftest import CONTACT, NAME, NARRATIVE, case_data


def read(path):
    sheet = load_workbook(path, read_only=True).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    return rows[0], rows[1:]


@pytest.fixture
def cases(make_case):
    private = case_data()
    private.consent.share_network = False
    return {"shared": make_case(), "private": make_case(data=private), "kgz": make_case("documenter_kgz"),
            "formula": make_case(region="=HYPERLINK(\"http://evil\")")}


def test_export_without_identities_by_the_operator(tmp_path, cases):
    out = tmp_path / "ukr.xlsx"
    call_command("cases", "export", "--country", "UKR", "--out", str(out))
    header, rows = read(out)
    assert len(rows) == 3 and "victim_name" not in header
    text = repr(rows)
    assert NAME not in text and NARRATIVE not in text
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    workbook = load_workbook(out)
    cells = [row[header.index("region")] for row in workbook.worksheets[0].iter_rows(min_row=2)]
    formula = next(c for c in cells if str(c.value).startswith("=HYPERLINK"))
    assert formula.data_type == "s"  # kept as text: a spreadsheet shows it and never runs it
    entry = AuditEntry.objects.get(action="cases.export")
    assert entry.details["with_identities"] is False and entry.details["cases"] == 3


def test_identities_need_a_named_account_that_may_see_them(tmp_path, cases):
    out = tmp_path / "x.xlsx"
    with pytest.raises(CommandError, match="--as"):
        call_command("cases", "export", "--country", "UKR", "--out", str(out), "--with-identities")
    for persona in ("analyst", "admin"):
        with pytest.raises(CommandError, match="Not allowed"):
            call_command("cases", "export", "--country", "UKR", "--out", str(out), "--with-identities", "--as",
                         persona)
    assert not AuditEntry.objects.filter(action="case.identity_export").exists()


def test_a_coordinator_exports_identities_only_where_the_person_consented(tmp_path, cases):
    out = tmp_path / "ukr.xlsx"
    call_command("cases", "export", "--country", "UKR", "--out", str(out), "--with-identities", "--as",
                 "coordinator_ukr")
    header, rows = read(out)
    by_ref = {r[0]: dict(zip(header, r, strict=True)) for r in rows}
    assert by_ref[cases["shared"].reference]["victim_name"] == NAME
    assert by_ref[cases["shared"].reference]["victim_contact"] == CONTACT
    assert by_ref[cases["private"].reference]["victim_name"] in ("", None)
    assert by_ref[cases["private"].reference]["identity"].startswith("withheld")
    audited = set(AuditEntry.objects.filter(action="case.identity_export").values_list("object_id", flat=True))
    assert str(cases["shared"].pk) in audited and str(cases["private"].pk) not in audited
    entry = AuditEntry.objects.filter(action="case.identity_export").first()
    assert entry.actor_username == "coordinator_ukr" and "victim.name" in entry.details["fields"]
    assert NAME not in repr(list(AuditEntry.objects.values_list("details", flat=True)))


def test_an_export_as_a_documenter_is_limited_to_its_organisation(tmp_path, cases, make_case):
    make_case("documenter_ukr2")
    out = tmp_path / "doc.xlsx"
    call_command("cases", "export", "--country", "UKR", "--out", str(out), "--as", "documenter_ukr")
    _, rows = read(out)
    assert len(rows) == 3


def test_a_control_character_in_any_field_never_stops_the_export_or_leaks_into_an_error(tmp_path, make_case):
    """One stray byte (\\x00, \\x01) in a region or a name once made openpyxl fail for the whole country,
    printing the decrypted name in the error."""
    data = case_data(region="Kz\x01leak")
    data.victim.name = "Person\x00 Secretname"
    data.narrative = "Narrative with a \x0b vertical tab"
    make_case(data=data)
    make_case()
    out = tmp_path / "ukr.xlsx"
    call_command("cases", "export", "--country", "UKR", "--out", str(out), "--with-identities", "--as",
                 "coordinator_ukr")
    header, rows = read(out)
    assert len(rows) == 2
    text = repr(rows)
    assert "\x00" not in text and "\x01" not in text and "\x0b" not in text
    regions = [row[header.index("region")] for row in rows]
    assert "Kz\ufffdleak" in regions
    assert "Person\ufffd Secretname" in [row[header.index("victim_name")] for row in rows]
    assert AuditEntry.objects.filter(action="cases.export").count() == 1


def test_a_failed_export_names_the_case_not_the_value_writes_nothing_and_is_audited(tmp_path, make_case,
                                                                                  monkeypatch):
    from observatory.cases.services import exports

    case = make_case()
    monkeypatch.setattr(exports, "spreadsheet_text", lambda value: "" if value is None else str(value))
    data = case_data(region="Kz\x01leak")
    data.victim.name = "Person\x01 Secretname"
    make_case(data=data)
    out = tmp_path / "ukr.xlsx"
    with pytest.raises(CommandError) as raised:
        call_command("cases", "export", "--country", "UKR", "--out", str(out), "--with-identities", "--as",
                     "coordinator_ukr")
    message = str(raised.value)
    assert "Secretname" not in message and "leak" not in message and "nothing was exported" in message
    assert case.reference not in message  # the second case failed, and is the one named
    assert not out.exists()
    failed = AuditEntry.objects.get(action="cases.export.failed")
    assert failed.actor_username == "coordinator_ukr" and "Secretname" not in repr(failed.details)
    assert not AuditEntry.objects.filter(action="cases.export").exists()


def test_refused_exports_are_audited_too(tmp_path, cases):
    out = tmp_path / "x.xlsx"
    with pytest.raises(CommandError, match="Not allowed"):
        call_command("cases", "export", "--country", "UKR", "--out", str(out), "--with-identities", "--as", "analyst")
    with pytest.raises(CommandError, match="ISO3"):
        call_command("cases", "export", "--country", "XXX", "--out", str(out))
    refused = list(AuditEntry.objects.filter(action="cases.export.refused").order_by("seq"))
    assert [e.actor_username for e in refused] == ["analyst", "(system)"]
    assert refused[0].details == {"country": "UKR", "with_identities": True, "reason": "PermissionDenied"}
