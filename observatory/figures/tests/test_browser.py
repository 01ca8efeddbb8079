"""Supplying a national figure on a 360-pixel phone in Russian, from the coverage grid, and reviewing it
(test data only)."""

from __future__ import annotations

import pytest

from observatory import access
from observatory.cases.tests.conftest import verified_session
from observatory.figures.models import FigureSubmission
from observatory.public.tests.test_browser_dashboard import axe_violations
from observatory.testing.browser import screenshot

pytestmark = pytest.mark.browser


def _sign_in(phone, client, live_server, user):
    phone.context.clear_cookies()
    verified_session(client, user)
    phone.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                                "url": live_server.url}])


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_member_supplies_a_figure_and_an_analyst_accepts_it_on_a_phone(live_server, phone, client, personas,
                                                                          countries):
    from observatory.indicators.services import catalogue_load

    catalogue_load(actor=access.SYSTEM)
    _sign_in(phone, client, live_server, personas["documenter_kgz"])
    phone.goto(f"{live_server.url}/ru/data/coverage/")
    assert _fits(phone)  # the grid scrolls inside its own box; the page itself never scrolls sideways
    phone.locator('a.supply[href$="country=KGZ&indicator=hiv_prevalence_pwid"]').click()
    assert phone.get_by_label("Страна").input_value() == "KGZ"
    assert phone.get_by_label("Показатель").input_value() == "hiv_prevalence_pwid"
    phone.get_by_label("Год 1").fill("2023")
    phone.get_by_label("Значение 1").fill("12,5")
    phone.get_by_role("button", name="Отправить на проверку").click()
    assert "Некоторые поля нужно исправить" in phone.content()  # no document named: nothing kept
    assert not FigureSubmission.objects.exists()
    phone.get_by_label("Документ-источник").fill("Национальный доклад 2023 (тест)")
    phone.get_by_label("Кем опубликован").fill("Минздрав (тест)")
    phone.get_by_label("Страница, таблица или раздел").fill("с. 14")
    phone.get_by_label("Адрес документа").fill("https://example.org/report-test.pdf")
    phone.get_by_role("button", name="Отправить на проверку").click()
    assert "данные ожидают проверки аналитиком" in phone.content()
    assert _fits(phone) and axe_violations(phone) == []
    screenshot(phone, "figures-submitted-ru")
    _sign_in(phone, client, live_server, personas["analyst"])
    phone.goto(f"{live_server.url}/ru/figures/")
    phone.get_by_role("link", name=FigureSubmission.objects.get().indicator.name_ru).click()
    phone.get_by_label("Принять и загрузить").check()
    phone.get_by_role("button", name="Записать решение").click()
    assert "Решение записано." in phone.content() and "национальный источник через сеть" in phone.content()
    assert FigureSubmission.objects.get().status == "accepted"
