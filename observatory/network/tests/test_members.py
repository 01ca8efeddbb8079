"""The network's members: import (all or nothing), encrypted contacts, access by role, the public directory.

Every member here is made up (test data).
"""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.db import connection

from observatory import access
from observatory.audit.models import AuditEntry
from observatory.network.models import Member, MemberKind
from observatory.network.services import members_import

pytestmark = pytest.mark.django_db

HEADER = "name,kind,type,country,email,phone,website,focus,languages,public,joined,contact_name\n"
GOOD = (
    "Світло надії,organisation,community,UKR,office@example.org,+380 44 000 00 00,https://example.org,"
    "harm_reduction;ost,uk;ru,yes,2012-05-01,Олена Тестова\n"
    "Правовая помощь,organisation,legal_aid,Kyrgyzstan,,,,legal_aid,ru,no,2015-01-10,\n"
    "Иван Тестовый,individual,activist,Украина,ivan@example.org,+380 67 000 00 00,,policy,ru,no,2019-03-03,\n"
)


@pytest.fixture
def member_file(tmp_path):
    def write(text: str, name: str = "members.csv"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def imported(member_file, countries):
    result = members_import(actor=access.SYSTEM, path=member_file(HEADER + GOOD))
    assert result.ok, result.issues or result.message
    return result


def test_a_member_list_is_imported_with_contacts_encrypted(imported):
    assert (imported.read, imported.created) == (3, 3)
    person = Member.objects.get(kind=MemberKind.INDIVIDUAL)
    assert person.name == "" and person.person_name_enc and person.email_enc
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM network_member")
        raw = repr(cursor.fetchall())
    for secret in ("Иван Тестовый", "ivan@example.org", "office@example.org", "Олена Тестова", "+380 67"):
        assert secret not in raw
    entry = AuditEntry.objects.get(action="network.import")
    assert "ivan" not in json.dumps(entry.details, ensure_ascii=False)
    assert Member.objects.get(name="Правовая помощь").country.iso3 == "KGZ"


def test_importing_twice_adds_nothing(imported, member_file):
    again = members_import(actor=access.SYSTEM, path=member_file(HEADER + GOOD, "again.csv"))
    assert (again.created, again.unchanged) == (0, 3)
    assert Member.objects.count() == 3


def test_one_wrong_row_imports_nothing_and_names_it(member_file, countries):
    bad = GOOD + "Bad one,group,,Atlantis,not-an-email,,example.org,yoga,xx,maybe,2019-02-30,\n"
    result = members_import(actor=access.SYSTEM, path=member_file(HEADER + bad))
    assert not result.ok and Member.objects.count() == 0
    problems = {(i.line, i.column) for i in result.issues}
    assert problems == {(5, "kind"), (5, "country"), (5, "email"), (5, "website"), (5, "focus"), (5, "languages"),
                        (5, "public"), (5, "joined")}


def test_contacts_of_individuals_never_reach_an_error_report(member_file, countries):
    bad = "Иван Тестовый,individual,,UKR,ivan@@example,,,,,,,\n"
    result = members_import(actor=access.SYSTEM, path=member_file(HEADER + bad))
    assert [(i.column, i.value) for i in result.issues] == [("email", "(hidden)")]


def test_a_coordinator_imports_only_in_their_countries(member_file, personas):
    result = members_import(actor=personas["coordinator_ukr"], path=member_file(HEADER + GOOD))
    assert [(i.line, i.column, i.value) for i in result.issues] == [(3, "country", "KGZ")]
    assert Member.objects.count() == 0


def test_a_missing_column_is_named(member_file, countries):
    result = members_import(actor=access.SYSTEM, path=member_file("name,kind\nX,organisation\n"))
    assert result.message.startswith("missing column(s): type, country, email")


def test_who_sees_which_members(imported, personas):
    listed = Member.objects.get(name="Світло надії")
    unlisted_kgz = Member.objects.get(name="Правовая помощь")
    person = Member.objects.get(kind=MemberKind.INDIVIDUAL)
    assert access.user_can(access.VISITOR, "view", listed)
    assert not access.user_can(access.VISITOR, "view", unlisted_kgz)
    assert not access.user_can(access.VISITOR, "view", person)
    assert access.user_can(personas["coordinator_ukr"], "view_contacts", person)
    assert not access.user_can(personas["coordinator_kgz"], "view", person)
    assert access.user_can(personas["coordinator_kgz"], "view_contacts", unlisted_kgz)
    assert not access.user_can(personas["analyst"], "view", unlisted_kgz)
    assert access.user_can(personas["admin"], "view_contacts", person)
    assert not access.user_can(personas["documenter_ukr"], "view_contacts", listed)
    listed.organisation = personas["documenter_ukr"].organisation
    listed.save()
    assert access.user_can(personas["documenter_ukr"], "view_contacts", listed)
    assert not access.user_can(access.SYSTEM, "view_contacts", listed)


def test_the_public_directory_lists_only_members_who_chose_it(client, imported):
    html = client.get("/en/network/").content.decode()
    assert "Світло надії" in html and "1 member listed." in html
    assert "Правовая помощь" not in html and "Иван" not in html and "office@example.org" not in html
    member = Member.objects.get(name="Світло надії")
    page = client.get(f"/ru/network/{member.uuid}/").content.decode()
    assert "Снижение вреда" in page and "office@example.org" not in page
    hidden = Member.objects.get(name="Правовая помощь")
    assert client.get(f"/en/network/{hidden.uuid}/").status_code == 404


def test_the_command_line_lists_without_contacts(imported, capsys):
    call_command("members", "list", "--country", "UKR", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert {r["kind"] for r in rows} == {"organisation", "individual"}
    assert all("email" not in r and "phone" not in r for r in rows)
    assert [r["name"] for r in rows if r["kind"] == "individual"] == [None]


def test_the_api_gives_the_directory_without_a_token_and_the_scope_with_one(client, imported, personas):
    from observatory.accounts.services import token_create

    public = client.get("/api/v1/network/members").json()["items"]
    assert [m["name"] for m in public] == ["Світло надії"]
    assert all("email" not in m for m in public)
    hidden = Member.objects.get(name="Правовая помощь")
    assert client.get(f"/api/v1/network/members/{hidden.uuid}").status_code == 404
    assert client.get("/api/v1/network/members/not-a-uuid").status_code == 404
    _token, secret = token_create(actor=personas["coordinator_kgz"], user=personas["coordinator_kgz"], name="t")
    headers = {"Authorization": f"Bearer {secret}"}
    scoped = client.get("/api/v1/network/members?country=KGZ", headers=headers).json()["items"]
    assert [m["name"] for m in scoped] == ["Правовая помощь"]
    assert client.get(f"/api/v1/network/members/{hidden.uuid}", headers=headers).status_code == 200
    assert client.get("/api/v1/network/members", headers={"Authorization": "Bearer wrong"}).status_code == 401
    stats = {row["country"]: row for row in client.get("/api/v1/network/stats").json()}
    assert stats["UKR"] == {"country": "UKR", "organisations": "<5", "individuals": "<5"}


def test_a_coordinator_suspends_a_member_and_the_directory_follows(client, imported, personas):
    import datetime as dt

    from observatory.cases.tests.conftest import verified_session

    listed = Member.objects.get(name="Світло надії")
    verified_session(client, personas["coordinator_ukr"])
    page = client.get("/ru/network/manage/?country=UKR").content.decode()
    assert "Світло надії" in page and "Частное лицо (имя — на странице участника)" in page
    assert "Правовая помощь" not in page  # another country's unlisted member
    detail = client.get(f"/ru/network/manage/{listed.uuid}/").content.decode()
    assert "office@example.org" not in detail
    shown = client.get(f"/ru/network/manage/{listed.uuid}/?show=contacts").content.decode()
    assert "office@example.org" in shown and "Олена Тестова" in shown
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    refused = client.post(f"/ru/network/manage/{listed.uuid}/", {"status": "suspended", "on": future}, follow=True)
    assert "Дата не может быть в будущем." in refused.content.decode()
    client.post(f"/ru/network/manage/{listed.uuid}/", {"status": "suspended", "on": dt.date.today().isoformat()})
    listed.refresh_from_db()
    assert listed.status == "suspended"
    assert AuditEntry.objects.get(action="network.status").details["to"] == "suspended"
    client.logout()
    assert "Світло надії" not in client.get("/en/network/").content.decode()
    verified_session(client, personas["coordinator_kgz"])
    assert client.get(f"/en/network/manage/{listed.uuid}/").status_code == 404


def test_the_directory_map_shows_where_members_are_listed(client, imported):
    html = client.get("/ru/network/").content.decode()
    assert "<svg" in html and "Участники сети в каталоге по странам" in html
    assert 'href="?country=UKR"' in html or "?country=UKR" in html  # a country links to its members
    assert "?country=KGZ" not in html  # its only member is not listed
    assert "Источник: каталог участников сети" in html
