"""On a 360 px phone no public page is wider than the screen: wide tables scroll inside their own box."""

from __future__ import annotations

import pytest

from observatory.public.tests.test_browser_dashboard import site  # noqa: F401 (fixture: countries and data)

pytestmark = pytest.mark.browser

PAGES = ["/ru/", "/ru/countries/UKR/", "/ru/indicators/", "/ru/indicators/gbd_drug_deaths_rate_as/",
         "/ru/indicators/gbd_drug_deaths_rate_as/?view=table", "/ru/laws/", "/ru/scorecard/", "/ru/reviews/",
         "/ru/violations/", "/ru/events/", "/ru/accounts/login/", "/ru/cases/report/"]


def test_no_public_page_is_wider_than_a_phone(site, phone):  # noqa: F811
    wider = {}
    for path in PAGES:
        phone.goto(site + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > 361:
            wider[path] = width
    assert wider == {}
