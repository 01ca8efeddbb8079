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
    phone.get_by_role("link", name="Світло надії").click()
    assert "Снижение вреда, Опиоидная заместительная терапия" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(phone) == []
    screenshot(phone, "network-member-ru")
