"""Registering for a meeting on a 360-pixel phone, in Russian, without an account (test data only)."""

from __future__ import annotations

import datetime as dt

import pytest

from observatory import access
from observatory.meetings.models import Registration
from observatory.meetings.services.meetings import MeetingData, meeting_save
from observatory.public.tests.test_browser_dashboard import axe_violations
from observatory.testing.browser import screenshot

pytestmark = pytest.mark.browser


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_registering_on_a_phone_in_russian(live_server, phone, countries):
    meeting_save(actor=access.SYSTEM, data=MeetingData(
        slug="bishkek-2027-training", kind="training", title_en="Documenting violations (test)",
        title_ru="Документирование нарушений (тест)", starts_on=dt.date.today() + dt.timedelta(days=20),
        city="Бишкек", country=countries["KGZ"], published=True, registration_open=True))
    phone.goto(f"{live_server.url}/ru/")
    phone.get_by_role("button", name="Меню").click()
    phone.get_by_role("link", name="Встречи", exact=True).click()
    phone.get_by_role("link", name="Документирование нарушений (тест)").click()
    assert _fits(phone) and axe_violations(phone) == []
    # Without consent the form says what is missing, keeps what was typed, and registers no one.
    phone.get_by_label("Ваше имя").fill("Айгуль Тестова")
    phone.get_by_label("Электронная почта").fill("aigul@example.org")
    phone.get_by_label("Сектор").select_option("pwud_community")
    phone.get_by_role("button", name="Зарегистрироваться").click()
    assert "Для регистрации нужно ваше согласие" in phone.content()
    assert phone.get_by_label("Ваше имя").input_value() == "Айгуль Тестова"
    assert not Registration.objects.exists()
    phone.get_by_label("Я согласен(на)", exact=False).check()
    phone.get_by_role("button", name="Зарегистрироваться").click()
    assert phone.locator("h1").inner_text() == "Ваша регистрация"
    assert "Вы зарегистрированы." in phone.content() and phone.locator("figure.qr svg").count() == 1
    assert _fits(phone) and axe_violations(phone) == []
    screenshot(phone, "meetings-registration-ru")
    phone.get_by_role("button", name="Отменить мою регистрацию").click()
    assert "Вы отменили эту регистрацию." in phone.content()
    assert Registration.objects.get().status == "withdrawn"
