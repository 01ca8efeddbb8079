"""The shipped meetings (data/meetings/): they load with their sources, idempotently."""

from __future__ import annotations

import datetime as dt

import pytest

from observatory import access
from observatory.meetings.models import Meeting
from observatory.meetings.services.meetings import meetings_load

pytestmark = pytest.mark.django_db


def test_the_2016_kyiv_forum_ships_with_its_sources(countries, client):
    meetings_load(actor=access.SYSTEM)
    forum = Meeting.objects.get(slug="kyiv-2016-alternatives-forum")
    assert (forum.starts_on, forum.ends_on, forum.country.iso3) == (dt.date(2016, 4, 25), dt.date(2016, 4, 26), "UKR")
    assert forum.published and not forum.registration_open
    assert forum.sources and all(s["url"].startswith("http") for s in forum.sources)
    assert forum.outcomes.exists() and not forum.sessions.exists()  # no programme is invented
    again = meetings_load(actor=access.SYSTEM)
    assert (again["meetings created"], again["meetings updated"]) == (0, 0)
    page = client.get("/ru/meetings/kyiv-2016-alternatives-forum/").content.decode()
    assert "В поисках альтернатив репрессивной наркополитике" in page
    assert "перевод платформы" in page and "harm-reduction.org" in page
    assert "Программа не записана" in page
    found = client.get("/ru/search/", {"q": "репрессивной наркополитике"}).content.decode()
    assert "/ru/meetings/kyiv-2016-alternatives-forum/" in found
