"""The law comparator and the scorecard in a real browser: on a phone, in Russian, without JavaScript."""

from __future__ import annotations

import pytest

from observatory.testing.browser import screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def site(live_server, platform_data):
    return live_server.url


def test_the_comparator_form_works_on_a_phone_without_javascript(site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="ru-RU", is_mobile=True,
                                  java_script_enabled=False)
    phone = context.new_page()
    phone.goto(f"{site}/ru/laws/")
    phone.select_option("#id_c1", "HUN")
    phone.select_option("#id_c2", "CZE")
    phone.fill("#id_date", "2012-01-01")
    phone.get_by_role("button", name="Сравнить").first.click()
    phone.wait_for_url("**/ru/laws/compare/**")
    table = phone.locator("table.side-by-side")
    assert "Венгрия" in table.inner_text() and "соответствует" in table.inner_text()
    # The page fits the phone: only the table scrolls sideways, inside its own box.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360 + 1
    screenshot(phone, "laws-compare-ru-phone")
    context.close()


def test_the_ranking_leads_to_a_country_traced_to_its_sources(site, page):
    page.goto(f"{site}/en/scorecard/?year=2020")
    page.get_by_role("link", name="Ukraine").first.click()
    page.wait_for_url("**/en/scorecard/UKR/?year=2020")
    assert "drug policy scorecard 2020" in page.locator("h1").inner_text()
    assert page.locator("table.contributions a[href*='/en/laws/UKR/']").count() > 0
    screenshot(page, "scorecard-ukr-en")


def test_the_ranking_fits_a_phone_in_russian(site, phone):
    phone.goto(f"{site}/ru/scorecard/?year=2020")
    assert "Оценка наркополитики" in phone.locator("h1").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360 + 1
    screenshot(phone, "scorecard-ranking-ru-phone")


OVERFLOWING = """() => Array.from(document.querySelectorAll('table.ranking th, table.ranking td'))
    .filter(cell => cell.scrollWidth > cell.clientWidth + 1).map(cell => cell.innerText.slice(0, 40))"""


@pytest.mark.parametrize("width", [360, 1366])
def test_no_ranking_cell_is_cut_in_either_language(site, browser, width):
    """Every header (“Change since …” included) and cell fits in its column at 360 and 1366 px."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ru-RU")
    tab = context.new_page()
    for language in ("en", "ru"):
        tab.goto(f"{site}/{language}/scorecard/?year=2020")
        assert tab.locator("table.ranking").count() == 1
        assert tab.evaluate(OVERFLOWING) == []
        assert tab.evaluate("document.documentElement.scrollWidth") <= width + 1
    context.close()
