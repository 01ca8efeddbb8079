"""An editor writes a story on a 360-pixel phone in Russian, sends it for review, and a second editor
publishes it; readers then see it with its live chart (test text and test data only)."""

from __future__ import annotations

import pytest

from observatory.cases.tests.conftest import verified_session
from observatory.public.tests.test_browser_dashboard import axe_violations
from observatory.stories.models import Story
from observatory.testing.browser import screenshot

pytestmark = pytest.mark.browser

TEXT = """Тестовый текст о смертности (условные данные).

::: chart /ru/indicators/drug_induced_deaths/?countries=LVA,LTU,EST

::: card drug_induced_deaths LVA
"""


def _sign_in(phone, client, live_server, user):
    phone.context.clear_cookies()
    client.logout()
    verified_session(client, user)
    phone.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                                "url": live_server.url}])


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= 360


def test_an_editor_takes_a_story_from_draft_through_review_to_publication_in_russian(live_server, phone, client,
                                                                                     editors, deaths):
    _sign_in(phone, client, live_server, editors["ed1"])
    phone.goto(f"{live_server.url}/ru/")
    phone.get_by_role("button", name="Меню").click()
    phone.get_by_role("link", name="Истории (редактирование)").click()
    phone.get_by_role("link", name="Написать новую историю").click()
    phone.get_by_label("Адрес", exact=True).fill("test-baltic")
    phone.get_by_label("Заголовок", exact=True).fill("Тестовая история")
    phone.get_by_label("Текст", exact=True).fill("::: chart /ru/indicators/no_such_indicator/\n")
    phone.get_by_role("button", name="Сохранить черновик").click()
    assert "Строка 1" in phone.content() and not Story.objects.exists()  # the wrong line is named; nothing kept
    phone.get_by_label("Текст", exact=True).fill(TEXT)
    phone.get_by_role("button", name="Сохранить черновик").click()
    assert "Черновик сохранён." in phone.content()
    assert _fits(phone) and axe_violations(phone) == []
    phone.get_by_role("link", name="Предпросмотр").click()
    assert phone.locator(".story-chart svg").count() == 1
    phone.go_back()
    phone.get_by_role("button", name="Отправить на проверку").click()
    assert "Отправлено на проверку." in phone.content()
    assert phone.get_by_role("button", name="Опубликовать").count() == 0  # not by the one who sent it
    screenshot(phone, "stories-sent-for-review-ru")

    _sign_in(phone, client, live_server, editors["ed2"])
    phone.goto(f"{live_server.url}/ru/stories/manage/?status=in_review")
    assert "ждёт вашей проверки" in phone.content()
    phone.get_by_role("link", name="Тестовая история").click()
    phone.get_by_role("button", name="Опубликовать").click()
    assert "Опубликовано." in phone.content()
    assert Story.objects.get().is_live

    phone.context.clear_cookies()
    phone.goto(f"{live_server.url}/ru/stories/")
    phone.get_by_role("link", name="Тестовая история").click()
    assert phone.locator("h1").inner_text() == "Тестовая история"
    assert phone.locator(".story-chart svg").count() >= 1
    assert _fits(phone) and axe_violations(phone) == []
    screenshot(phone, "stories-published-ru")
