"""A coordinator reviews a possible duplicate on a 360-pixel phone, in Russian, in a real browser.

Test data only: made-up people.
"""

from __future__ import annotations

import pytest

from observatory.cases.models import Case
from observatory.cases.tests.conftest import case_data, verified_session
from observatory.dedup import services
from observatory.public.tests.test_browser_dashboard import axe_violations
from observatory.testing.browser import screenshot

pytestmark = pytest.mark.browser


def person(name: str, **overrides):
    data = case_data(**overrides)
    data.victim.name, data.victim.date_of_birth, data.victim.client_code = name, "1984-03-07", ""
    return data


def test_a_coordinator_confirms_a_duplicate_on_a_phone(live_server, phone, client, make_case, personas):
    first = make_case("documenter_ukr", status="verified", data=person("Евгений Кузнецов"))
    second = make_case("documenter_ukr2", status="verified", data=person("Yevgeniy Kuznetsov",
                                                                          occurred_on="2024-03-17"))
    services.duplicates_find(actor=personas["coordinator_ukr"], country=first.country)
    verified_session(client, personas["coordinator_ukr"])
    phone.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                                "url": live_server.url}])

    phone.goto(f"{live_server.url}/ru/cases/duplicates/")
    assert phone.locator("h1").inner_text() == "Возможные дубликаты"
    phone.get_by_role("link", name=f"{first.reference} · {second.reference}").click()
    assert "Что совпадает" in phone.content()
    assert "Кузнецов" not in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(phone) == []
    phone.get_by_role("link", name="Показать имена").click()
    assert "Евгений Кузнецов" in phone.content() and "Yevgeniy Kuznetsov" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "duplicate-pair-ru")
    phone.get_by_role("button", name="Одно и то же нарушение").click()
    assert "считаются одним нарушением" in phone.content()
    first.refresh_from_db()
    assert first.entity_id and Case.objects.get(pk=second.pk).entity_id == first.entity_id
