"""On a 360 px phone no public page is wider than the screen: wide tables scroll inside their own box."""

from __future__ import annotations

import pytest

from observatory.public.tests.test_browser_dashboard import site  # noqa: F401 (fixture: countries and data)
from observatory.testing.browser import screenshot

pytestmark = pytest.mark.browser

PAGES = ["/ru/", "/ru/countries/UKR/", "/ru/indicators/", "/ru/indicators/gbd_drug_deaths_rate_as/",
         "/ru/indicators/gbd_drug_deaths_rate_as/?view=table", "/ru/laws/", "/ru/scorecard/", "/ru/reviews/",
         "/ru/violations/", "/ru/events/", "/ru/accounts/login/", "/ru/cases/report/", "/ru/about/",
         "/ru/methodology/", "/ru/glossary/"]


def test_no_public_page_is_wider_than_a_phone(site, phone):  # noqa: F811
    wider = {}
    for path in PAGES:
        phone.goto(site + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > 361:
            wider[path] = width
    assert wider == {}


def test_chart_text_on_a_phone_is_not_shrunk(site, phone):  # noqa: F811
    """Charts are drawn for the phone's width, so their 11 px text is 11 px on the screen (not 4 px)."""
    for path in ("/ru/countries/UKR/", "/ru/indicators/gbd_drug_deaths_rate_as/?countries=UKR"):
        phone.goto(site + path)
        phone.wait_for_selector(".chart-svg.narrow svg")
        phone.wait_for_timeout(300)
        scales = phone.locator(".chart-svg svg").evaluate_all(
            "svgs => svgs.map(s => s.getBoundingClientRect().width / (s.viewBox.baseVal.width || s.width.baseVal.value))")
        assert scales and min(scales) >= 0.9, (path, scales)
    screenshot(phone, "country-ukr-360")


def test_the_search_box_in_the_header_finds_a_country_on_a_phone(site, phone):  # noqa: F811
    from observatory.public.tests.test_browser_dashboard import axe_violations

    phone.goto(site + "/ru/indicators/")
    phone.get_by_role("button", name="Меню").click()  # the search box is in the folded menu
    phone.get_by_role("searchbox", name="Поиск по сайту").fill("Грузии")
    phone.get_by_role("button", name="Поиск", exact=True).first.click()
    phone.wait_for_url("**/ru/search/?q=**")
    phone.get_by_role("link", name="Грузия", exact=True).click()
    phone.wait_for_url("**/ru/countries/GEO/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 361
    phone.goto(site + "/ru/search/?q=Грузии")
    assert axe_violations(phone) == []


def test_the_explaining_pages_pass_axe_on_a_phone(site, phone):  # noqa: F811
    from observatory.public.tests.test_browser_dashboard import axe_violations

    for path in ("/ru/about/", "/ru/methodology/", "/ru/glossary/", "/ru/violations/"):
        phone.goto(site + path)
        assert axe_violations(phone) == [], path
