"""The timeline and the staff form in a real browser on a phone (Debian chromium through Playwright)."""

from __future__ import annotations

import pytest
from django.test import Client

from observatory.events.models import PolicyEvent
from observatory.events.tests.conftest import verified_client
from observatory.testing.browser import screenshot

pytestmark = pytest.mark.browser


def test_filter_the_timeline_on_a_phone_in_russian(live_server, shipped_events, phone):
    phone.goto(f"{live_server.url}/ru/events/")
    phone.get_by_label("Страна").select_option("UKR")
    phone.get_by_text("Выбрать типы событий").click()
    phone.get_by_label("Введение ЗПТ").check()
    phone.get_by_role("button", name="Показать события").click()
    phone.wait_for_url("**/ru/events/?country=UKR&type=ost_introduced")
    assert phone.locator("h1").inner_text() == "События наркополитики: Украина"
    assert phone.locator("article.event").count() == PolicyEvent.objects.filter(
        country__iso3="UKR", type="ost_introduced").count() > 0
    assert phone.locator("article.event a[rel~=external]").count() >= 1
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "the timeline must not scroll sideways on a phone"
    screenshot(phone, "events-timeline-ukr-ru-phone")


def test_staff_add_an_event_on_a_phone(live_server, personas, phone):
    client = verified_client(Client(), personas["admin"])
    phone.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                                "url": live_server.url}])
    phone.goto(f"{live_server.url}/ru/events/staff/new/")
    phone.get_by_role("combobox", name="Страна:").select_option("KGZ")
    phone.get_by_label("Тип события").select_option("ost_introduced")
    phone.get_by_role("spinbutton", name="Год:").fill("2002")
    phone.get_by_label("Заголовок (на английском)").fill("Test: OST starts")
    phone.get_by_label("Описание (на английском)").fill("Synthetic test event.")
    phone.get_by_label("Заголовок (на русском)").fill("Тест: начало ЗПТ")
    phone.get_by_label("Описание (на русском)").fill("Вымышленное событие для теста.")
    phone.get_by_role("button", name="Сохранить").click()
    summary = phone.locator(".error-summary")
    assert "Источники: Укажите хотя бы один источник" in summary.inner_text()
    screenshot(phone, "events-staff-form-error-ru-phone")
    phone.locator("#id_sources-0-title").fill("Test publisher, test report, 2002")
    phone.locator("#id_sources-0-url").fill("https://example.org/report")
    phone.get_by_role("button", name="Сохранить").click()
    phone.wait_for_url("**/ru/events/kgz-2002-test-ost-starts/")
    assert "Черновик" in phone.locator("main").inner_text()
    assert PolicyEvent.objects.get(slug="kgz-2002-test-ost-starts").sources.count() == 1
