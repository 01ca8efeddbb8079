"""The indicator explorer: views kept in the URL, server-drawn charts, downloads and the embed variant."""

from __future__ import annotations

import pytest

from observatory.access import SYSTEM
from observatory.indicators.services import observations_import

ROWS = "indicator,country,period,value,flags,source\n" + "".join(
    f"gbd_drug_deaths_rate_as,{iso3},{year},{base + (year - 2000) * 0.2:.1f},,ihme_gbd2019_owid\n"
    for iso3, base in (("UKR", 2.0), ("GEO", 1.0), ("KAZ", 3.0))
    for year in range(2000, 2011)
) + "hiv_prevalence_pwid,ALB,2020,0.5,edition_year,curated_hri_gshr2020_t221\n"


@pytest.fixture
def loaded(catalogue, tidy_csv):
    assert observations_import(actor=SYSTEM, path=tidy_csv(ROWS)).ok


def test_chart_view_is_drawn_on_the_server(client, loaded):
    page = client.get("/en/indicators/gbd_drug_deaths_rate_as/?countries=UKR").content.decode()
    assert '<svg role="img"' in page and "<title>Deaths from drug use disorders" in page
    assert 'aria-current="page">Chart' in page
    assert "Source: Institute for Health Metrics and Evaluation (IHME)" in page


def test_map_view_with_a_year_hatches_countries_without_data(client, loaded):
    page = client.get("/en/indicators/gbd_drug_deaths_rate_as/?view=map&year=2005").content.decode()
    assert 'aria-current="page">Map' in page
    assert "url(#no-data-hatch)" in page and "no data" in page
    assert 'value="2005"' in page  # the slider keeps the chosen year


def test_state_survives_in_links(client, loaded):
    page = client.get("/en/indicators/gbd_drug_deaths_rate_as/?countries=UKR,GEO&from=2002&to=2008").content.decode()
    assert "view=map&amp;countries=UKR%2CGEO&amp;from=2002&amp;to=2008" in page


def test_table_view_sorts_on_the_server(client, loaded):
    page = client.get("/en/indicators/gbd_drug_deaths_rate_as/?view=table&sort=-value").content.decode()
    page = page[page.index('<table class="sortable">'):]
    order = [page.index(name) for name in ("Kazakhstan", "Ukraine", "Georgia")]
    assert order == sorted(order)


def test_edition_year_values_are_not_plotted(client, loaded):
    page = client.get("/en/indicators/hiv_prevalence_pwid/").content.decode()
    assert "No yearly point values are loaded" in page  # the only value's year is an edition year
    assert "0.5" in page  # but the table lists it


def test_downloads_png_svg_and_spec(client, loaded):
    svg = client.get("/en/indicators/gbd_drug_deaths_rate_as/chart.svg?view=map&year=2010")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    png = client.get("/en/indicators/gbd_drug_deaths_rate_as/chart.png?countries=UKR")
    assert png["Content-Type"] == "image/png" and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    spec = client.get("/en/indicators/gbd_drug_deaths_rate_as/chart.json").json()
    assert spec["$schema"].endswith("vega-lite/v6.json")
    assert client.get("/en/indicators/gbd_drug_deaths_rate_as/chart.exe").status_code == 404


def test_embed_variant_may_be_framed_by_partners(client, loaded):
    response = client.get("/en/indicators/gbd_drug_deaths_rate_as/embed/?view=map")
    assert response.status_code == 200
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "X-Frame-Options" not in response
    assert 'class="site-header"' not in response.content.decode()
    normal = client.get("/en/indicators/gbd_drug_deaths_rate_as/")
    assert normal["X-Frame-Options"] == "DENY"
