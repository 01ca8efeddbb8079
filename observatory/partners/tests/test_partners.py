"""Partners: who sees which partner and its contacts, the contact history, the staff pages in Russian.

Every partner and contact here is made up (test data).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from observatory import access
from observatory.audit.models import AuditEntry
from observatory.cases import crypto
from observatory.cases.tests.conftest import verified_session
from observatory.countries.models import Country
from observatory.partners import services
from observatory.partners.models import Partner, PartnerContact

pytestmark = pytest.mark.django_db


def _partner(name, iso3, *, regional=False, email="", actor=access.SYSTEM):
    return services.partner_create(actor=actor, data=services.PartnerData(
        name=name, kind="ministry", country=Country.objects.get(iso3=iso3), relationships=["target"],
        regional=regional, email=email, contact_name="Пётр Тестов" if email else ""))


@pytest.fixture
def partners(countries):
    return {
        "ukr": _partner("Ministry of Health of Ukraine", "UKR", email="moh@example.org"),
        "kgz": _partner("Ministry of Internal Affairs of Kyrgyzstan", "KGZ", email="mvd@example.org"),
        "regional": _partner("UNODC regional office (test)", "KGZ", regional=True, email="unodc@example.org"),
    }


def test_who_sees_which_partners_and_contacts(partners, personas):
    ukr, kgz, regional = partners["ukr"], partners["kgz"], partners["regional"]
    coordinator = personas["coordinator_ukr"]
    assert access.user_can(coordinator, "view", ukr) and access.user_can(coordinator, "view_contacts", ukr)
    assert access.user_can(coordinator, "view", regional)
    assert not access.user_can(coordinator, "view_contacts", regional)
    assert not access.user_can(coordinator, "view", kgz) and not access.user_can(coordinator, "change", regional)
    assert access.user_can(personas["coordinator_kgz"], "view_contacts", regional)
    assert access.user_can(personas["admin"], "view_contacts", kgz)
    for name in ("documenter_ukr", "case_manager_ukr", "analyst"):
        assert not access.scope(personas[name], "view", Partner).exists(), name
    assert not access.scope(access.VISITOR, "view", Partner).exists()
    assert not access.user_can(access.SYSTEM, "view_contacts", ukr)


def test_contacts_are_encrypted_and_never_audited_in_the_clear(partners):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM partners_partner")
        raw = repr(cursor.fetchall())
    assert "moh@example.org" not in raw and "Пётр Тестов" not in raw
    assert crypto.unseal(partners["ukr"], "email") == "moh@example.org"
    assert "moh@" not in str(list(AuditEntry.objects.values_list("details", flat=True)))


def test_the_history_follows_its_partner(partners, personas):
    ukr, kgz = partners["ukr"], partners["kgz"]
    coordinator = personas["coordinator_ukr"]
    entry = services.partner_contact_add(actor=coordinator, partner=ukr, date=dt.date(2025, 3, 4), channel="meeting",
                                         summary="Agreed to review the OST budget line in June.")
    assert AuditEntry.objects.get(action="partners.contact_add").details == {"date": "2025-03-04",
                                                                             "channel": "meeting"}
    with pytest.raises(PermissionDenied):
        services.partner_contact_add(actor=coordinator, partner=kgz, date=dt.date(2025, 3, 4), channel="call",
                                     summary="x")
    assert access.user_can(coordinator, "view", entry)
    assert not access.user_can(personas["coordinator_kgz"], "view", entry)
    assert not access.user_can(personas["analyst"], "view", entry)
    with pytest.raises(ValidationError) as error:
        services.partner_contact_add(actor=coordinator, partner=ukr, date=dt.date.today() + dt.timedelta(days=3),
                                     channel="fax", summary=" ")
    assert set(error.value.message_dict) == {"date", "channel", "summary"}
    assert PartnerContact.objects.count() == 1


def test_a_coordinator_keeps_a_partner_on_a_phone_in_russian(client, countries, personas):
    verified_session(client, personas["coordinator_ukr"])
    form = {"name": "Комитет Верховной Рады по вопросам здоровья", "kind": "parliament", "relationships": ["target"],
            "country": "UKR", "active": "on", "email": "komitet@example.org", "contact_name": "Секретариат"}
    wrong = client.post("/ru/partners/new/", {**form, "name": "", "country": "KGZ"})
    html = wrong.content.decode()
    assert wrong.status_code == 400 and "Обязательное поле." in html and not Partner.objects.exists()
    response = client.post("/ru/partners/new/", form)
    partner = Partner.objects.get()
    assert response.status_code == 302 and partner.country.iso3 == "UKR"
    page = client.get(f"/ru/partners/{partner.uuid}/").content.decode()
    assert "История контактов" in page and "komitet@example.org" not in page
    shown = client.get(f"/ru/partners/{partner.uuid}/?show=contacts").content.decode()
    assert "komitet@example.org" in shown
    assert AuditEntry.objects.filter(action="partners.contacts_view").count() == 1
    added = client.post(f"/ru/partners/{partner.uuid}/", {"date": "2025-02-01", "channel": "letter",
                                                          "summary": "Направили письмо о финансировании ОЗТ."})
    assert added.status_code == 302 and partner.history.count() == 1
    listing = client.get("/ru/partners/?relationship=target&country=UKR").content.decode()
    assert "Комитет Верховной Рады" in listing
    assert "Комитет Верховной Рады" not in client.get("/ru/partners/?relationship=funder").content.decode()


@pytest.mark.parametrize("who", ["documenter_ukr", "analyst", "coordinator_kgz"])
def test_others_get_not_found(client, partners, personas, who):
    verified_session(client, personas[who])
    ukr = partners["ukr"]
    assert client.get(f"/en/partners/{ukr.uuid}/").status_code == 404
    assert client.get(f"/en/partners/{ukr.uuid}/edit/").status_code == 404
    assert client.post(f"/en/partners/{ukr.uuid}/", {"date": "2025-01-01", "channel": "call",
                                                    "summary": "x"}).status_code == 404
    assert not PartnerContact.objects.exists()


def test_moving_a_partner_needs_both_countries(partners, personas):
    ukr = partners["ukr"]
    data = services.PartnerData(name=ukr.name, kind=ukr.kind, country=Country.objects.get(iso3="KGZ"))
    with pytest.raises(PermissionDenied):
        services.partner_update(actor=personas["coordinator_ukr"], partner=ukr, data=data)
    moved = services.partner_update(actor=personas["admin"], partner=ukr, data=data)
    assert moved.country.iso3 == "KGZ" and crypto.unseal(moved, "email") == "moh@example.org"
    assert AuditEntry.objects.get(action="partners.update").details["moved_from"] == "UKR"


@pytest.mark.parametrize("who, shown", [("coordinator_ukr", True), ("admin", True), ("documenter_ukr", False),
                                        ("analyst", False)])
def test_the_menu_offers_partners_to_whom_the_policy_lets_see_them(client, countries, personas, who, shown):
    verified_session(client, personas[who])
    nav = client.get("/ru/").content.decode().split("</nav>")[0]
    assert ('href="/ru/partners/"' in nav and "Партнёры" in nav) is shown
    assert ('href="/ru/advocacy/"' in nav) is shown
