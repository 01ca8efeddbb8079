"""Changing a member's details and contacts, and the secretariat's audited export.

Every member here is made up (test data).
"""

from __future__ import annotations

import io

import pytest
from django.db import connection
from openpyxl import load_workbook

from observatory import access
from observatory.audit.models import AuditEntry
from observatory.cases import crypto
from observatory.cases.tests.conftest import verified_session
from observatory.network.models import Member, MemberKind
from observatory.network.services import members_import
from observatory.network.tests.test_members import GOOD, HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(tmp_path, countries):
    path = tmp_path / "members.csv"
    path.write_text(HEADER + GOOD, encoding="utf-8")
    assert members_import(actor=access.SYSTEM, path=path).ok
    return {m.name or "individual": m for m in Member.objects.all()}


def _form(member, **changes):
    data = {"name": member.name, "type": member.type, "country": member.country.iso3, "focus": member.focus,
            "languages": member.languages, "website": member.website, "public": "on" if member.public else "",
            "contact_name": "", "email": "", "phone": ""}
    return {k: v for k, v in {**data, **changes}.items() if v != ""}


def test_a_coordinator_changes_a_member_and_its_email_is_re_encrypted(client, imported, personas):
    org = imported["Світло надії"]
    verified_session(client, personas["coordinator_ukr"])
    page = client.get(f"/ru/network/manage/{org.uuid}/edit/").content.decode()
    assert "office@example.org" in page and "Изменить данные участника" in page
    response = client.post(f"/ru/network/manage/{org.uuid}/edit/", _form(
        org, name="Світло надії (Київ)", email="new@example.org", contact_name="Олена Тестова", public="",
        phone="+380 44 000 00 00"))
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.name == "Світло надії (Київ)" and not org.public
    assert crypto.unseal(org, "email") == "new@example.org"
    with connection.cursor() as cursor:
        cursor.execute("SELECT email_enc FROM network_member WHERE id = %s", [org.pk])
        assert b"new@example.org" not in bytes(cursor.fetchone()[0])
    entry = AuditEntry.objects.get(action="network.update")
    assert entry.details["fields"] == ["email", "name", "public"] and "new@" not in str(entry.details)


def test_an_empty_name_is_named_and_nothing_changes(client, imported, personas):
    org = imported["Світло надії"]
    verified_session(client, personas["coordinator_ukr"])
    response = client.post(f"/ru/network/manage/{org.uuid}/edit/", _form(org, name=" ", email="x@example.org"))
    assert response.status_code == 400 and "Обязательное поле." in response.content.decode()
    org.refresh_from_db()
    assert crypto.unseal(org, "email") == "office@example.org"
    assert not AuditEntry.objects.filter(action="network.update").exists()


def test_a_coordinator_cannot_move_a_member_out_of_their_countries(client, imported, personas):
    org = imported["Світло надії"]
    verified_session(client, personas["coordinator_ukr"])
    response = client.post(f"/en/network/manage/{org.uuid}/edit/", _form(org, country="KGZ"))
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    org.refresh_from_db()
    assert org.country.iso3 == "UKR"


def test_the_secretariat_moves_a_member_and_its_contacts_follow(client, imported, personas):
    person = imported["individual"]
    verified_session(client, personas["admin"])
    response = client.post(f"/en/network/manage/{person.uuid}/edit/", _form(
        person, name="Иван Тестовый", country="KGZ", email="ivan@example.org", phone="+996 000"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.country.iso3 == "KGZ" and person.name == ""
    assert crypto.unseal(person, "person_name") == "Иван Тестовый" and crypto.unseal(person, "phone") == "+996 000"
    assert AuditEntry.objects.get(action="network.update").details["moved_from"] == "UKR"


@pytest.mark.parametrize("who", ["documenter_ukr", "analyst", "coordinator_kgz"])
def test_others_cannot_change_a_member(client, imported, personas, who):
    org = imported["Світло надії"]
    verified_session(client, personas[who])
    assert client.get(f"/en/network/manage/{org.uuid}/edit/").status_code == 404
    assert client.post(f"/en/network/manage/{org.uuid}/edit/", _form(org, name="X")).status_code == 404
    org.refresh_from_db()
    assert org.name == "Світло надії"


def test_the_secretariat_exports_a_workbook_the_import_reads_back(client, imported, personas, tmp_path):
    verified_session(client, personas["admin"])
    response = client.get("/en/network/manage/export/?country=UKR")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    found = {row[header.index("name")]: row for row in body}
    assert set(found) == {"Світло надії", "Иван Тестовый"}
    assert found["Иван Тестовый"][header.index("email")] == "ivan@example.org"
    entry = AuditEntry.objects.get(action="network.export")
    assert entry.details["members"] == 2 and entry.actor_id == personas["admin"].pk
    # The file is an import file: importing it elsewhere finds every member already there.
    path = tmp_path / "members.xlsx"
    path.write_bytes(response.content)
    result = members_import(actor=access.SYSTEM, path=path)
    assert result.ok and (result.created, result.unchanged) == (0, 2)


@pytest.mark.parametrize("who", ["coordinator_ukr", "documenter_ukr", "analyst"])
def test_only_the_secretariat_exports(client, imported, personas, who):
    verified_session(client, personas[who])
    assert client.get("/en/network/manage/export/").status_code == 404
    assert not AuditEntry.objects.filter(action="network.export").exists()


def test_a_formula_in_a_name_is_exported_as_text(client, imported, personas):
    Member.objects.filter(kind=MemberKind.ORGANISATION, name="Правовая помощь").update(name="=HYPERLINK(1)")
    verified_session(client, personas["admin"])
    sheet = load_workbook(io.BytesIO(client.get("/en/network/manage/export/").content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == "=HYPERLINK(1)"]
    assert cells and all(c.data_type == "s" for c in cells)


def test_the_export_at_the_command_line_names_its_account(imported, personas, tmp_path):
    from django.core.management import CommandError, call_command

    out = tmp_path / "all.xlsx"
    with pytest.raises(CommandError, match="only the secretariat"):
        call_command("members", "export", str(out), "--as", "coordinator_ukr")
    assert not out.exists()
    call_command("members", "export", str(out), "--as", "admin", "--country", "KGZ")
    assert (out.stat().st_mode & 0o777) == 0o600
    names = [row[0] for row in load_workbook(out).active.iter_rows(min_row=2, values_only=True)]
    assert names == ["Правовая помощь"]


def test_the_service_refuses_a_move_out_of_the_coordinators_countries(imported, personas, countries):
    from django.core.exceptions import PermissionDenied

    from observatory.countries.models import Country
    from observatory.network.services import MemberChange, member_update

    org = imported["Світло надії"]
    with pytest.raises(PermissionDenied):
        member_update(actor=personas["coordinator_ukr"], member=org, change=MemberChange(
            name=org.name, type=org.type, country=Country.objects.get(iso3="KGZ")))
    org.refresh_from_db()
    assert org.country.iso3 == "UKR"


def test_the_members_list_filters_by_joining_date(client, imported, personas):
    verified_session(client, personas["admin"])
    html = client.get("/ru/network/manage/?since=2014-01-01&until=2016-12-31").content.decode()
    assert "Правовая помощь" in html and "Світло надії" not in html and "в сети с" in html
    assert client.get("/ru/network/manage/?since=not-a-date").status_code == 200
