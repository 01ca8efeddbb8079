"""The home page and country pages in a real browser (Debian chromium through Playwright)."""

from __future__ import annotations

import pytest

from observatory.cases.tests.conftest import vocabularies  # noqa: F401 (fixture)
from observatory.testing.browser import screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def site(live_server, countries):
    return live_server.url


def test_home_shows_29_country_shapes(site, page):
    page.goto(f"{site}/en/")
    shapes = page.locator("svg.map a.country path")
    assert shapes.count() == 29
    box = shapes.first.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0
    screenshot(page, "home-en")


def test_switching_to_russian_changes_the_page(site, page):
    page.goto(f"{site}/en/countries/GEO/")
    assert page.locator("h1").inner_text() == "Georgia"
    page.get_by_role("link", name="Русский").click()
    page.wait_for_url(f"{site}/ru/countries/GEO/")
    assert page.locator("h1").inner_text() == "Грузия"
    assert page.locator("html").get_attribute("lang") == "ru"
    assert "Страны" in page.locator("header").inner_text()
    screenshot(page, "country-geo-ru")


def test_clicking_georgia_on_the_map_opens_its_page(site, page):
    page.goto(f"{site}/en/")
    page.locator('svg.map a[data-iso3="GEO"]').click()
    page.wait_for_url(f"{site}/en/countries/GEO/")
    assert page.locator("h1").inner_text() == "Georgia"
    screenshot(page, "country-geo-en")


def test_a_documenter_on_a_phone_finds_their_work_after_signing_in(live_server, phone, personas, vocabularies):
    from observatory.cases import services
    from observatory.cases.tests.conftest import case_data

    draft, _ = services.case_create(actor=personas["documenter_ukr"], data=case_data(), submit=False)
    phone.goto(f"{live_server.url}/ru/accounts/login/")
    phone.fill("#id_username", "documenter_ukr")
    phone.fill("#id_password", "correct horse battery staple")
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url(f"{live_server.url}/ru/work/")
    assert phone.locator("h1").inner_text() == "Моя работа"
    assert draft.reference in phone.locator("main").inner_text()
    phone.goto(f"{live_server.url}/ru/laws/")
    phone.get_by_role("button", name="Меню").click()  # the menu of any page, folded on a phone
    phone.get_by_role("link", name="Моя работа").click()
    phone.wait_for_url(f"{live_server.url}/ru/work/")
    screenshot(phone, "my-work-documenter-ru-360")


def test_the_menu_folds_on_a_phone_and_stays_open_on_a_desktop(live_server, phone, page, countries):
    phone.goto(f"{live_server.url}/ru/")
    laws = phone.locator("#main-nav").get_by_role("link", name="Законы")
    toggle = phone.get_by_role("button", name="Меню")
    assert toggle.is_visible() and not laws.is_visible()
    header_height = phone.locator(".site-header").bounding_box()["height"]
    assert header_height < 120  # one or two rows, not six
    toggle.click()
    assert laws.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    screenshot(phone, "menu-open-ru-360")
    laws.click()
    phone.wait_for_url(f"{live_server.url}/ru/laws/")
    page.goto(f"{live_server.url}/en/")
    assert page.locator("#main-nav").get_by_role("link", name="Laws").is_visible()
    assert not page.get_by_role("button", name="Menu").is_visible()
