"""Partners and alliances on a 360-pixel phone, in Russian, reached from the menu (test data only)."""

from __future__ import annotations

import datetime as dt

import pytest

from observatory.advocacy.services import ActionData, action_create
from observatory.cases.tests.conftest import verified_session
from observatory.network.models import Member, MemberStatus
from observatory.public.tests.test_browser_dashboard import axe_violations
from observatory.testing.browser import screenshot

pytestmark = pytest.mark.browser


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_coordinator_keeps_partners_and_alliances_on_a_phone(live_server, phone, client, personas, countries):
    Member.objects.create(name="Світло (test)", kind="organisation", country=countries["UKR"],
                          status=MemberStatus.APPROVED, public=True)
    verified_session(client, personas["coordinator_ukr"])
    phone.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                                "url": live_server.url}])
    phone.goto(f"{live_server.url}/ru/")
    phone.get_by_role("button", name="Меню").click()  # folded on a phone
    phone.get_by_role("link", name="Партнёры", exact=True).click()
    assert phone.locator("h1").inner_text() == "Партнёры"
    phone.get_by_role("link", name="Добавить партнёра").click()
    assert _fits(phone) and axe_violations(phone) == []
    phone.get_by_label("Название", exact=True).fill("Министерство здравоохранения (test)")
    phone.get_by_label("Вид", exact=True).select_option("ministry")
    phone.get_by_label("Адресат адвокации").check()
    phone.get_by_label("Электронная почта").fill("moh@example.org")
    screenshot(phone, "partner-new-ru")
    phone.get_by_role("button", name="Сохранить").click()
    assert "Партнёр добавлен." in phone.content() and "moh@example.org" not in phone.content()
    phone.get_by_label("Дата", exact=True).fill("2025-02-01")
    phone.get_by_label("Как", exact=True).select_option("meeting")
    phone.get_by_label("Что обсудили или о чём договорились").fill("Обсудили бюджет ОЗТ на 2026 год.")
    phone.get_by_role("button", name="Добавить").click()
    assert "Обсудили бюджет ОЗТ на 2026 год." in phone.content()
    assert _fits(phone) and axe_violations(phone) == []
    screenshot(phone, "partner-ru")

    phone.goto(f"{live_server.url}/ru/partners/alliances/new/")
    assert _fits(phone) and axe_violations(phone) == []
    phone.get_by_label("Название", exact=True).fill("Коалиция (test)")
    phone.get_by_label("Цель", exact=True).fill("Декриминализация хранения для личного употребления.")
    phone.get_by_label("Світло (test) (UKR)").check()
    phone.get_by_role("button", name="Сохранить").click()
    assert "Альянс добавлен." in phone.content() and "Світло (test)" in phone.content()
    screenshot(phone, "alliance-ru")


def test_the_outcome_form_of_an_action_on_a_phone(live_server, phone, client, personas, countries):
    action = action_create(actor=personas["coordinator_ukr"], data=ActionData(
        country=countries["UKR"], date=dt.date(2025, 3, 10), kind="letter", target="Министерство юстиции",
        ask="Заменить лишение свободы за хранение штрафом."))
    verified_session(client, personas["coordinator_ukr"])
    phone.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                                "url": live_server.url}])
    phone.goto(f"{live_server.url}/ru/advocacy/")
    phone.get_by_role("link", name="10.03.2025").click()
    assert "Чем закончилось" in phone.content()
    assert _fits(phone) and axe_violations(phone) == []
    phone.get_by_label("Результат").select_option("partly")
    phone.get_by_role("button", name="Сохранить").click()
    assert "Результат сохранён." in phone.content()
    action.refresh_from_db()
    assert action.outcome == "partly"
    screenshot(phone, "advocacy-action-ru")
