from __future__ import annotations

import datetime

import pytest


@pytest.fixture
def shipped_events(countries):
    """The 65 shipped events, loaded as ``observatory setup`` loads them."""
    from observatory.access import SYSTEM
    from observatory.events.services import events_load

    return events_load(actor=SYSTEM)


@pytest.fixture
def make_event(countries):
    """Write an event directly (test data, not the service under test); sources default to one link."""
    from observatory.events.models import EventSource, PolicyEvent

    def make(slug, *, country="UKR", date=datetime.date(2015, 1, 1), precision="year", type="law_change",
             published=True, sources=None, **fields):
        event = PolicyEvent.objects.create(
            slug=slug, country=countries[country], date=date, precision=precision, type=type, published=published,
            title_en=fields.pop("title_en", f"Title {slug}"), title_ru=fields.pop("title_ru", f"Заголовок {slug}"),
            description_en=fields.pop("description_en", "Synthetic test event."),
            description_ru=fields.pop("description_ru", "Вымышленное событие для теста."), **fields)
        for i, source in enumerate(sources or [{"title": "Test source", "url": "https://example.org/source"}]):
            EventSource.objects.create(event=event, position=i, **source)
        return event

    return make


def verified_client(client, user):
    """``client`` signed in as ``user`` with a confirmed second factor (admins need one for every page)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def staff_client(client, personas):
    return verified_client(client, personas["admin"])
