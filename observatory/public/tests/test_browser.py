"""The home page and country pages in a real browser (Debian chromium through Playwright)."""

from __future__ import annotations

import pytest

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
