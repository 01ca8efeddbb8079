"""My work and a job's progress page in a real browser: usable on a phone in Russian, and accessible (axe-core)."""

from __future__ import annotations

import pytest

from observatory.cases.tests.conftest import make_case, verified_session, vocabularies  # noqa: F401 (fixtures)
from observatory.public.tests.test_browser_dashboard import axe_violations
from observatory.testing.browser import screenshot

pytestmark = pytest.mark.browser


def _sign_in(context, live_server_url, client, user):
    verified_session(client, user)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server_url}])


@pytest.mark.parametrize("size", [(360, 740), (1366, 900)])
def test_my_work_of_a_case_manager_is_accessible(live_server, browser, client, personas, make_case, size):
    make_case("case_manager_ukr", status="draft")
    make_case("documenter_ukr")
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="ru-RU")
    _sign_in(context, live_server.url, client, personas["case_manager_ukr"])
    page = context.new_page()
    page.goto(f"{live_server.url}/ru/work/")
    assert page.locator("h1").inner_text() == "Моя работа"
    assert "Случаи на проверку" in page.locator("main").inner_text()
    screenshot(page, f"my-work-case-manager-ru-{size[0]}")
    assert axe_violations(page) == []
    context.close()
