"""Staff write a brief's introduction in a real browser on a phone, in Russian (Debian chromium through Playwright)."""

from __future__ import annotations

import pytest
from django.test import Client

from observatory.reports.models import BriefTextVersion
from observatory.reports.tests.conftest import verified_login
from observatory.testing.browser import screenshot

pytestmark = pytest.mark.browser


def test_admin_writes_the_introduction_on_a_phone(live_server, brief_data, personas, phone):
    client = verified_login(Client(), personas["admin"])
    phone.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                                "url": live_server.url}])
    phone.goto(f"{live_server.url}/ru/reports/staff/UKR/ru/")
    assert "Рекомендации, которые обзор печатает сейчас" in phone.locator("main").inner_text()
    phone.get_by_label("Введение").fill("Обзор подготовлен к встрече в Министерстве здравоохранения.")
    phone.get_by_role("button", name="Сохранить новую версию").click()
    phone.wait_for_url("**/ru/reports/staff/UKR/ru/")
    main = phone.locator("main").inner_text()
    assert "Сохранено как новая версия." in main and "Версия 1," in main and "автор: admin" in main
    assert BriefTextVersion.objects.get().introduction.startswith("Обзор подготовлен")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360, "no sideways scrolling on a phone"
    screenshot(phone, "reports-staff-edit-ru-phone")
