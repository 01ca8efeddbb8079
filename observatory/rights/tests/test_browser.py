"""The human rights pages on a 360-pixel phone, in Russian, from the menu (test data only)."""

from __future__ import annotations

import pytest

from observatory.cases.tests.conftest import verified_session
from observatory.public.tests.test_browser_dashboard import axe_violations
from observatory.rights.tests.test_rights import data_dir, loaded  # noqa: F401 (fixtures)
from observatory.testing.browser import screenshot

pytestmark = pytest.mark.browser


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_coordinator_assesses_a_recommendation_on_a_phone(live_server, phone, client, personas, loaded):
    verified_session(client, personas["coordinator_ukr"])
    phone.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                                "url": live_server.url}])
    phone.goto(f"{live_server.url}/ru/")
    phone.get_by_role("button", name="Меню").click()
    phone.get_by_role("link", name="Рекомендации ООН", exact=True).click()
    assert phone.locator("h1").inner_text() == "Рекомендации ООН по правам человека в сфере наркотиков"
    assert _fits(phone) and axe_violations(phone) == []
    screenshot(phone, "rights-index-ru")
    phone.get_by_role("link", name="E/C.12/UKR/CO/7, ¶43(a)").click()
    assert _fits(phone) and axe_violations(phone) == []
    phone.get_by_label("Раунд (год оценки)").fill("2024")
    phone.get_by_label("Выполнение").select_option("partly")
    phone.get_by_label("Подтверждение").fill("Порог изменён (тест).")
    phone.get_by_role("button", name="Записать").click()
    assert "Оценка записана" in phone.content() and "частично выполнена" in phone.content()
    screenshot(phone, "rights-recommendation-ru")
    phone.goto(f"{live_server.url}/ru/rights/alternatives/")
    assert _fits(phone) and axe_violations(phone) == []
