"""The Django admin writes events through the same services: validated, audited, sources required."""

from __future__ import annotations

from observatory.audit.models import AuditEntry
from observatory.events.models import Origin, PolicyEvent

ADD = "/en/admin/events/policyevent/add/"


def _admin_data(**overrides):
    data = {
        "slug": "alb-2019-admin-test", "country": "", "date": "2019-06-15", "precision": "month",
        "type": "hr_funding_cut", "title_en": "Admin test", "title_ru": "Проверка админки",
        "description_en": "Synthetic test event.", "description_ru": "Вымышленное событие для теста.",
        "published": "on",
        "sources-TOTAL_FORMS": "1", "sources-INITIAL_FORMS": "0", "sources-MIN_NUM_FORMS": "1",
        "sources-MAX_NUM_FORMS": "20",
        "sources-0-title": "Test publisher, 2019", "sources-0-url": "https://example.org/admin", "sources-0-quote": "",
    }
    data.update(overrides)
    return data


def test_admin_add_goes_through_the_service(staff_client, countries):
    response = staff_client.post(ADD, _admin_data(country=str(countries["ALB"].pk)))
    assert response.status_code == 302, response.content.decode()[:2000]
    event = PolicyEvent.objects.get(slug="alb-2019-admin-test")
    assert str(event.date) == "2019-06-01" and event.origin == Origin.STAFF
    assert [s.url for s in event.sources.all()] == ["https://example.org/admin"]
    assert AuditEntry.objects.filter(action="events.event.create", object_id=str(event.pk)).exists()


def test_admin_requires_a_source(staff_client, countries):
    data = _admin_data(country=str(countries["ALB"].pk), **{"sources-0-title": "", "sources-0-url": ""})
    response = staff_client.post(ADD, data)
    assert response.status_code == 200
    assert not PolicyEvent.objects.exists()


def test_admin_change_and_delete_are_audited(staff_client, make_event):
    event = make_event("ukr-2015-test")
    source = event.sources.get()
    url = f"/en/admin/events/policyevent/{event.pk}/change/"
    data = _admin_data(country=str(event.country_id), date="2015-01-01", precision="year", type="law_change",
                       title_en="Changed in the admin",
                       **{"sources-INITIAL_FORMS": "1", "sources-0-id": str(source.pk),
                          "sources-0-event": str(event.pk), "sources-0-title": source.title,
                          "sources-0-url": source.url})
    del data["slug"]
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert event.title_en == "Changed in the admin"
    assert AuditEntry.objects.get(action="events.event.change").details["fields"] == ["title_en", "title_ru"]
    response = staff_client.post(f"/en/admin/events/policyevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not PolicyEvent.objects.exists()
    assert AuditEntry.objects.filter(action="events.event.delete").count() == 1


def test_admin_pages_are_closed_to_other_roles(client, personas, make_event):
    from observatory.events.tests.conftest import verified_client

    event = make_event("ukr-2015-test")
    verified_client(client, personas["coordinator_ukr"])
    assert client.get(f"/en/admin/events/policyevent/{event.pk}/change/").status_code in (302, 403, 404)
    assert client.post(ADD, {}).status_code in (302, 403, 404)
