"""Dashboards and the explorer in a real browser: Russian dashboard, map with a year slider, CSV download,
and an axe-core accessibility check (WCAG 2.1 A/AA rules)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from observatory.access import SYSTEM
from observatory.indicators.models import Observation
from observatory.indicators.services import catalogue_load, observations_import
from observatory.testing.browser import screenshot

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "testing" / "vendor" / "axe.min.js"


@pytest.fixture
def site(live_server, countries, tmp_path):
    catalogue_load(actor=SYSTEM)
    lines = ["indicator,country,period,value,source"]
    # Synthetic test values (not real data).
    for i, iso3 in enumerate(["UKR", "GEO", "MDA", "KAZ", "ARM"]):
        for year in range(2005, 2020):
            lines.append(f"gbd_drug_deaths_rate_as,{iso3},{year},{1 + i + (year - 2005) * 0.1:.2f},ihme_gbd2019_owid")
        lines.append(f"ost_coverage,{iso3},2018,{5 + i * 3},unaids_gam2019")
        lines.append(f"hiv_prevalence_pwid,{iso3},2018,{30 - i * 4},unaids_gam2019")
    path = tmp_path / "rows.csv"
    path.write_text("\n".join(lines) + "\n")
    assert observations_import(actor=SYSTEM, path=path).ok
    return live_server.url


def axe_violations(page) -> list[dict]:
    # Evaluated through the DevTools protocol: the page's own CSP (no inline scripts) stays in force.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    return [{"id": v["id"], "help": v["help"], "where": [n["html"][:160] for n in v["nodes"]]}
            for v in result["violations"]]


def test_ukraine_dashboard_in_russian(site, page):
    page.goto(f"{site}/ru/countries/UKR/")
    assert page.locator("h1").inner_text() == "Украина"
    assert page.locator(".card").count() >= 1
    assert "Ключевые показатели" in page.content()
    assert page.locator("figure.chart svg").count() >= 1
    screenshot(page, "dashboard-ukr-ru")
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot(page, "country-ukr-1366")
    assert axe_violations(page) == []


def test_explorer_switches_from_chart_to_map_and_moves_the_year(site, page):
    page.goto(f"{site}/en/indicators/gbd_drug_deaths_rate_as/")
    assert page.locator("figure.chart").count() == 1
    page.get_by_role("link", name="Map", exact=True).click()
    page.wait_for_url("**view=map**")
    slider = page.locator("input#year")
    assert slider.input_value() == "2019"
    slider.fill("2010")  # sets the value and fires input/change; the script reloads the map
    page.wait_for_url("**year=2010**")
    assert page.locator("output#year-output").inner_text() == "2010"
    assert "2010" in page.locator("figure.chart svg").first.evaluate("svg => svg.textContent")
    screenshot(page, "explorer-map-2010")
    assert axe_violations(page) == []


def test_csv_download_equals_the_database(site, page):
    page.goto(f"{site}/en/indicators/gbd_drug_deaths_rate_as/")
    with page.expect_download() as info:
        page.get_by_role("link", name="all values (CSV)", exact=True).click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text())))
    expected = {(o.country.iso3, o.period): o.value for o in
                Observation.objects.filter(indicator__code="gbd_drug_deaths_rate_as").select_related("country")}
    assert {(r["country"], r["period"]): float(r["value"]) for r in rows} == expected
    assert all(r["source_publisher"].startswith("Institute for Health Metrics") for r in rows)


def test_chart_tooltips_are_styled_inside_the_page_and_name_the_year(site, page):
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(f"{site}/en/indicators/gbd_drug_deaths_rate_as/?countries=UKR")
    page.wait_for_selector("figure.vega-interactive .chart-interactive svg", timeout=15000)
    point = page.locator(".chart-interactive svg g.mark-symbol path").first  # the highlighted line's points
    point.hover(force=True)
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible", timeout=5000)
    assert tooltip.evaluate("el => getComputedStyle(el).position") == "fixed"
    text = tooltip.inner_text()
    assert "Country" in text and "Ukraine" in text and "Year" in text and "2005" in text
    box, viewport = tooltip.bounding_box(), page.viewport_size
    assert 0 <= box["y"] < viewport["height"]  # beside the pointer, not below the footer
    assert not [p for p in problems if "Content Security Policy" in p]
    screenshot(page, "explorer-tooltip")


def test_the_source_column_stays_in_view_at_1366(site, page, tmp_path):
    # Synthetic: a long value in words, the kind that used to push the Source column out of its table.
    rows = tmp_path / "words.csv"
    rows.write_text("indicator,country,period,value,source\nost_medicines,UKR,2019,\"methadone; buprenorphine "
                    "(in pilot sites since 2008, national programme since 2014, long-acting forms since 2023)\","
                    "curated_hri_gshr2020_t221\n")
    assert observations_import(actor=SYSTEM, path=rows).ok
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{site}/en/countries/UKR/")
    hidden = page.evaluate("""() => Array.from(document.querySelectorAll('.table-scroll'))
        .filter(box => box.scrollWidth > box.clientWidth + 1).length""")
    assert hidden == 0  # no table needs sideways scrolling on a desktop
    rights = page.locator("td.source-cell").evaluate_all("cells => cells.map(c => c.getBoundingClientRect().right)")
    assert rights and max(rights) <= 1366
