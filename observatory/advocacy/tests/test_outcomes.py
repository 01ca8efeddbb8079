"""What came of an action: its outcome on its page, and the advocacy that preceded a reform on the public
country page (only what the coordinator chose to publish, only publicly listed members named).

Test data only: made-up actions, members and events.
"""

from __future__ import annotations

import datetime as dt

import pytest

from observatory import access
from observatory.advocacy.models import AdvocacyAction
from observatory.advocacy.services import ActionData, action_create
from observatory.audit.models import AuditEntry
from observatory.cases.tests.conftest import verified_session
from observatory.events.models import PolicyEvent
from observatory.network.models import Member, MemberStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(countries):
    event = PolicyEvent.objects.create(slug="ukr-2025-test-reform", country=countries["UKR"],
                                       date=dt.date(2025, 9, 1), precision="day", type="law_change",
                                       title_en="Test reform of possession penalties",
                                       title_ru="Тестовая реформа наказаний за хранение", published=True)
    listed = Member.objects.create(name="Світло (test)", kind="organisation", country=countries["UKR"],
                                   status=MemberStatus.APPROVED, public=True)
    unlisted = Member.objects.create(name="Тиха (test)", kind="organisation", country=countries["UKR"],
                                     status=MemberStatus.APPROVED, public=False)
    action = action_create(actor=access.SYSTEM, data=ActionData(
        country=countries["UKR"], date=dt.date(2025, 3, 10), kind="submission", target="Verkhovna Rada committee",
        ask="Replace prison terms for possession with administrative fines.", members=[listed, unlisted]))
    return {"event": event, "action": action}


def test_a_coordinator_records_the_outcome_and_publishes_it(client, setting, personas):
    action, event = setting["action"], setting["event"]
    assert "Verkhovna Rada committee" not in client.get("/en/countries/UKR/").content.decode()
    verified_session(client, personas["coordinator_ukr"])
    page = client.get(f"/ru/advocacy/{action.uuid}/").content.decode()
    assert "Чем закончилось" in page and "Тестовая реформа наказаний за хранение" in page
    refused = client.post(f"/ru/advocacy/{action.uuid}/", {"outcome": "pending", "publish": "on"})
    assert refused.status_code == 400 and "на странице страны показывается только" in refused.content.decode()
    done = client.post(f"/ru/advocacy/{action.uuid}/", {"outcome": "achieved", "followed_by": event.slug,
                                                        "publish": "on"})
    assert done.status_code == 302
    action.refresh_from_db()
    assert (action.outcome, action.followed_by, action.publish) == ("achieved", event, True)
    assert AuditEntry.objects.get(action="advocacy.outcome").details["to"] == "achieved"
    client.logout()
    public = client.get("/ru/countries/UKR/").content.decode()
    assert "Какая адвокация предшествовала реформам" in public
    assert "Verkhovna Rada committee" in public and "Світло (test)" in public
    assert "Тиха (test)" not in public  # a member not listed publicly is never named


def test_others_cannot_change_the_outcome(client, setting, personas):
    action = setting["action"]
    for who in ("coordinator_kgz", "documenter_ukr", "analyst"):
        verified_session(client, personas[who])
        assert client.get(f"/en/advocacy/{action.uuid}/").status_code == 404
        assert client.post(f"/en/advocacy/{action.uuid}/", {"outcome": "achieved"}).status_code == 404
        client.logout()
    assert AdvocacyAction.objects.get().outcome == "pending"


def test_an_unpublished_or_draft_reform_stays_off_the_public_page(client, setting, personas):
    action, event = setting["action"], setting["event"]
    AdvocacyAction.objects.filter(pk=action.pk).update(outcome="achieved", followed_by=event, publish=True)
    PolicyEvent.objects.filter(pk=event.pk).update(published=False)
    assert "Verkhovna Rada committee" not in client.get("/en/countries/UKR/").content.decode()


def test_a_member_that_leaves_the_directory_leaves_the_cached_country_page(client, setting, countries):
    from observatory.network.services import MemberChange, member_update

    action, event = setting["action"], setting["event"]
    AdvocacyAction.objects.filter(pk=action.pk).update(outcome="achieved", followed_by=event, publish=True)
    assert "Світло (test)" in client.get("/en/countries/UKR/").content.decode()
    listed = Member.objects.get(name="Світло (test)")
    member_update(actor=access.SYSTEM, member=listed, change=MemberChange(
        name=listed.name, type="", country=countries["UKR"], public=False))
    assert "Світло (test)" not in client.get("/en/countries/UKR/").content.decode()


def test_the_evidence_links_to_its_public_pages(client, countries, personas):
    action = action_create(actor=access.SYSTEM, data=ActionData(
        country=countries["UKR"], date=dt.date(2025, 1, 10), kind="letter", target="Parliament", ask="Repeal",
        evidence=[{"kind": "indicator", "ref": "ost_clients"}, {"kind": "violations", "ref": "UKR/2024"},
                  {"kind": "law", "ref": "UKR"}, {"kind": "finding", "ref": "UKR/ukr-2015-law/hiv_pwid"}]))
    verified_session(client, personas["coordinator_ukr"])
    page = client.get(f"/en/advocacy/{action.uuid}/").content.decode()
    for href in ('href="/en/indicators/ost_clients/"', 'href="/en/violations/?country=UKR&amp;year=2024"',
                 'href="/en/laws/UKR/"', 'href="/en/impact/UKR/ukr-2015-law/hiv_pwid/"'):
        assert href in page, href
