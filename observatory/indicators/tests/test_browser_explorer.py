"""The explorer as a grapher user meets it, in a real browser: find a country by typing, tick it, see its
line named at the end; click a country on the map; on a phone the chart's text stays readable.
Screenshots at 360 px and 1366 px are kept as test artefacts."""

from __future__ import annotations

import pytest

from observatory.public.tests.test_browser_dashboard import axe_violations, site  # noqa: F401 (fixture)
from observatory.testing.browser import screenshot

pytestmark = pytest.mark.browser
EXPLORER = "/indicators/gbd_drug_deaths_rate_as/"


def test_find_a_country_by_typing_and_highlight_it(site, page):  # noqa: F811
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{site}/en{EXPLORER}?picked=1")
    search = page.get_by_placeholder("Find a country")
    search.fill("arm")
    visible = page.locator(".picker-list label:visible")
    assert visible.all_inner_texts() == ["Armenia"]
    page.get_by_label("Armenia").check()
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**c=ARM**")
    chart = page.locator("figure.chart svg").first.evaluate("svg => svg.textContent")
    assert "Armenia" in chart  # the line is named at its end
    screenshot(page, "explorer-chart-1366")
    assert axe_violations(page) == []


def test_the_map_leads_to_a_countrys_line(site, phone):  # noqa: F811
    phone.goto(f"{site}/ru{EXPLORER}?view=map")
    phone.wait_for_selector(".chart-svg.narrow svg")
    phone.locator('.chart-svg a[*|href*="countries=UKR"]').first.click()
    phone.wait_for_url("**view=chart&countries=UKR**")
    assert phone.locator('input[name="c"][value="UKR"]').is_checked()


def test_a_reversed_year_range_keeps_the_controls(site, page):  # noqa: F811
    page.goto(f"{site}/en{EXPLORER}")
    page.fill("#from", "2015")
    page.fill("#to", "2008")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**from=2015**")
    assert "The first year (2015) is after the last year (2008)" in page.locator(".notice").first.inner_text()
    assert page.locator("#from").input_value() == "2015" and page.locator("#to").input_value() == "2008"


def test_on_a_phone_the_chart_is_drawn_for_the_phone(site, phone):  # noqa: F811
    phone.goto(f"{site}/ru{EXPLORER}?countries=UKR,KAZ")
    phone.wait_for_selector(".chart-svg.narrow svg")
    # The drawing is as wide as its box, so 11 px text in the drawing is 11 px on the screen.
    drawn, shown = phone.locator(".chart-svg.narrow svg").evaluate(
        "svg => [svg.viewBox.baseVal.width || svg.width.baseVal.value, svg.getBoundingClientRect().width]")
    assert drawn <= shown * 1.1
    assert phone.locator("text=Найти страну").count() == 0 or phone.get_by_placeholder("Найти страну").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 361
    screenshot(phone, "explorer-chart-360")
    assert axe_violations(phone) == []


def test_a_count_is_shown_per_100000_population(site, page, tmp_path):  # noqa: F811
    from observatory.access import SYSTEM
    from observatory.indicators.services import observations_import

    rows = tmp_path / "counts.csv"  # synthetic: a large and a small country
    rows.write_text("indicator,country,period,value,source\n" + "".join(
        f"prisoners_drug_offences,{iso3},{year},{n},unodc_cts_prisons_2023\n"
        f"population,{iso3},{year},{people},worldbank_population\n"
        for iso3, n, people in (("RUS", 130000, 146_000_000), ("MNE", 184, 620_000)) for year in (2014, 2015)))
    assert observations_import(actor=SYSTEM, path=rows).ok
    page.goto(f"{site}/en/indicators/prisoners_drug_offences/?view=table&countries=MNE")
    page.select_option("#measure", "per_capita")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**measure=per_capita**")
    assert "people per 100,000 population" in page.locator("details.data-table summary").inner_text()
    table = page.locator("table.sortable").inner_text()
    assert "29.677" in table and "89.041" in table  # Montenegro and Russia on one scale
    page.get_by_role("link", name="Chart", exact=True).click()
    page.wait_for_url("**view=chart**measure=per_capita**")
    drawn = page.locator("figure.chart .chart-svg svg").first.evaluate("svg => svg.textContent")
    assert "Population: World Bank" in drawn  # the denominator's source, under the chart's own
