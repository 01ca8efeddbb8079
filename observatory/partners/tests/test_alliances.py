"""Alliances: members, scope by role, the actions carried out under them.

Test data only: made-up alliances and members.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from observatory import access
from observatory.advocacy import services as advocacy
from observatory.audit.models import AuditEntry
from observatory.cases.tests.conftest import verified_session
from observatory.countries.models import Country
from observatory.network.models import Member, MemberKind, MemberStatus
from observatory.partners import services
from observatory.partners.models import Alliance

pytestmark = pytest.mark.django_db


def _member(name, iso3, *, public=True, kind=MemberKind.ORGANISATION, organisation=None):
    return Member.objects.create(name=name if kind == MemberKind.ORGANISATION else "", kind=kind,
                                 country=Country.objects.get(iso3=iso3), status=MemberStatus.APPROVED,
                                 public=public, organisation=organisation)


@pytest.fixture
def alliances(countries, personas):
    ukr_a = _member("Світло (test)", "UKR", organisation=personas["documenter_ukr"].organisation)
    ukr_b = _member("Шлях (test)", "UKR", public=False)
    kgz = _member("Ариет (test)", "KGZ")
    national = services.alliance_create(actor=access.SYSTEM, data=services.AllianceData(
        name="Ukrainian drug policy coalition (test)", purpose="Decriminalise possession for personal use.",
        country=Country.objects.get(iso3="UKR"), started_on=dt.date(2019, 5, 1), members=[ukr_a, ukr_b]))
    regional = services.alliance_create(actor=access.SYSTEM, data=services.AllianceData(
        name="Central Asian OST alliance (test)", purpose="Keep OST funded.", members=[kgz], public=True))
    return {"national": national, "regional": regional, "members": (ukr_a, ukr_b, kgz)}


def test_who_sees_and_changes_which_alliances(alliances, personas):
    national, regional = alliances["national"], alliances["regional"]
    assert access.user_can(personas["coordinator_ukr"], "change", national)
    assert access.user_can(personas["coordinator_ukr"], "view", regional)
    assert not access.user_can(personas["coordinator_ukr"], "change", regional)
    assert not access.user_can(personas["coordinator_kgz"], "view", national)
    # Staff of a member organisation see the alliance their organisation is in; others only public ones.
    assert access.user_can(personas["documenter_ukr"], "view", national)
    assert not access.user_can(personas["documenter_ukr"], "change", national)
    assert not access.user_can(personas["analyst"], "view", national)
    assert access.user_can(personas["analyst"], "view", regional)
    assert access.user_can(access.VISITOR, "view", regional) and not access.user_can(access.VISITOR, "view", national)
    assert AuditEntry.objects.filter(action="partners.alliance_create").count() == 2


def test_an_alliance_is_made_of_organisations_of_its_country(alliances, countries):
    person = _member("", "UKR", kind=MemberKind.INDIVIDUAL)
    kgz = alliances["members"][2]
    with pytest.raises(ValidationError) as error:
        services.alliance_update(actor=access.SYSTEM, alliance=alliances["national"], data=services.AllianceData(
            name="", purpose="x", country=Country.objects.get(iso3="UKR"), members=[person, kgz],
            started_on=dt.date.today() + dt.timedelta(days=1)))
    assert set(error.value.message_dict) == {"name", "members", "started_on"}
    assert alliances["national"].members.count() == 2


def test_a_coordinator_cannot_move_an_alliance_out_of_their_countries(alliances, personas):
    national = alliances["national"]
    with pytest.raises(PermissionDenied):
        services.alliance_update(actor=personas["coordinator_ukr"], alliance=national, data=services.AllianceData(
            name=national.name, purpose=national.purpose, country=Country.objects.get(iso3="KGZ")))
    national.refresh_from_db()
    assert national.country.iso3 == "UKR"


def test_the_alliance_page_lists_its_actions_and_hides_unlisted_members(client, alliances, personas):
    national = alliances["national"]
    action = advocacy.action_create(actor=personas["coordinator_ukr"], data=advocacy.ActionData(
        country=Country.objects.get(iso3="UKR"), date=dt.date(2024, 6, 26), kind="campaign",
        target="Verkhovna Rada", ask="Support the decriminalisation bill.", alliance=national))
    verified_session(client, personas["coordinator_ukr"])
    page = client.get(f"/ru/partners/alliances/{national.uuid}/").content.decode()
    assert "Verkhovna Rada" in page and f"/advocacy/{action.uuid}/" in page and "Шлях (test)" in page
    client.logout()
    verified_session(client, personas["documenter_ukr"])
    page = client.get(f"/ru/partners/alliances/{national.uuid}/").content.decode()
    assert "Світло (test)" in page and "Шлях (test)" not in page  # not listed publicly: counted, not named
    assert "Verkhovna Rada" not in page  # the advocacy log is for the secretariat and coordinators


def test_a_coordinator_adds_an_alliance_in_russian(client, alliances, personas):
    ukr_a = alliances["members"][0]
    verified_session(client, personas["coordinator_ukr"])
    form = client.get("/ru/partners/alliances/new/").content.decode()
    assert "Ариет (test)" not in form and "Світло (test)" in form
    assert "регион" not in form.split('name="country"')[1].split("</select>")[0]  # no regional choice for them
    response = client.post("/ru/partners/alliances/new/", {
        "name": "Коалиция за доступ к ОЗТ (test)", "country": "UKR", "purpose": "Доступ к ОЗТ в тюрьмах.",
        "status": "forming", "members": [str(ukr_a.uuid)]})
    assert response.status_code == 302
    created = Alliance.objects.get(name="Коалиция за доступ к ОЗТ (test)")
    assert list(created.members.all()) == [ukr_a]
