"""The advocacy log's form on a 360-pixel phone, in Russian (test data only)."""

from __future__ import annotations

import pytest

from observatory.cases.tests.conftest import verified_session
from observatory.public.tests.test_browser_dashboard import axe_violations
from observatory.testing.browser import screenshot

pytestmark = pytest.mark.browser


def test_a_coordinator_records_an_action_on_a_phone(live_server, phone, client, personas, countries):
    verified_session(client, personas["coordinator_ukr"])
    phone.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                                "url": live_server.url}])
    phone.goto(f"{live_server.url}/ru/advocacy/new/")
    assert phone.locator("h1").inner_text() == "Записать действие"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(phone) == []
    phone.get_by_label("Дата").fill("2025-05-12")
    phone.get_by_label("Учреждение-адресат").fill("Министерство здравоохранения")
    phone.get_by_label("Что было запрошено").fill("Финансировать ОЗТ из госбюджета.")
    phone.get_by_label("Доказательства").fill("indicator ost_clients")
    screenshot(phone, "advocacy-new-ru")
    phone.get_by_role("button", name="Записать").click()
    assert "Действие записано." in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
