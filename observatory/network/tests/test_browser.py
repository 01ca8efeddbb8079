"""The public directory on a 360-pixel phone, in Russian (test data only)."""

from __future__ import annotations

import pytest

from observatory import access
from observatory.network.services import members_import
from observatory.network.tests.test_members import GOOD, HEADER
from observatory.public.tests.test_browser_dashboard import axe_violations
from observatory.testing.browser import screenshot

pytestmark = pytest.mark.browser


def test_the_directory_reads_on_a_phone(live_server, phone, countries, tmp_path):
    path = tmp_path / "members.csv"
    path.write_text(HEADER + GOOD, encoding="utf-8")
    assert members_import(actor=access.SYSTEM, path=path).ok
    phone.goto(f"{live_server.url}/ru/network/")
    assert phone.locator("h1").inner_text() == "Участники сети"
    assert "В списке 1 участник." in phone.content()
    # The map fits the phone, and its country links to the country's members.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(phone) == []
    screenshot(phone, "network-directory-ru")
    phone.get_by_role("link", name="Світло надії").click()
    assert "Снижение вреда, Опиоидная заместительная терапия" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(phone) == []
    screenshot(phone, "network-member-ru")


def test_an_application_goes_from_the_public_form_to_approval(live_server, phone, browser, client, personas):
    from django.core import mail

    from observatory.cases.tests.conftest import verified_session
    from observatory.network.models import Member, MemberStatus

    phone.goto(f"{live_server.url}/ru/network/apply/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.get_by_label("Организация").check()
    phone.get_by_label("Название организации или ваше имя").fill("Нова надія")
    phone.get_by_label("Страна", exact=True).select_option("UKR")
    phone.get_by_label("Снижение вреда").check()
    phone.get_by_label("Электронная почта").fill("office@example.org")
    phone.get_by_label("Включить нас в открытый список").check()
    phone.get_by_label("Я согласен(на)").check()
    assert axe_violations(phone) == []
    screenshot(phone, "network-apply-ru")
    phone.get_by_role("button", name="Отправить заявку").click()
    assert phone.locator("h1").inner_text() == "Заявка получена"
    member = Member.objects.get()
    assert member.status == MemberStatus.APPLIED and len(mail.outbox) == 1

    verified_session(client, personas["coordinator_ukr"])
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    reviewer = context.new_page()
    reviewer.goto(f"{live_server.url}/ru/network/applications/")
    reviewer.get_by_role("link", name="Нова надія").click()
    assert "office@example.org" in reviewer.content()
    assert reviewer.evaluate("document.documentElement.scrollWidth") <= 360
    reviewer.get_by_role("button", name="Одобрить").click()
    assert "Одобрено; заявителю отправлено письмо." in reviewer.content()
    context.close()
    member.refresh_from_db()
    assert member.status == MemberStatus.APPROVED and mail.outbox[-1].subject == "Добро пожаловать в сеть"
    phone.goto(f"{live_server.url}/ru/network/")
    assert "Нова надія" in phone.content()


def test_the_staff_pages_fit_a_phone(live_server, phone, client, personas, tmp_path):
    from observatory.cases.tests.conftest import verified_session
    from observatory.network.models import Member

    path = tmp_path / "members.csv"
    path.write_text(HEADER + GOOD, encoding="utf-8")
    assert members_import(actor=access.SYSTEM, path=path).ok
    verified_session(client, personas["coordinator_ukr"])
    phone.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                                "url": live_server.url}])
    phone.goto(f"{live_server.url}/ru/network/manage/")
    assert phone.locator("h1").inner_text() == "Участники"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    member = Member.objects.get(name="Світло надії")
    phone.goto(f"{live_server.url}/ru/network/manage/{member.uuid}/?show=contacts")
    assert "office@example.org" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(phone) == []
    screenshot(phone, "network-manage-member-ru")
