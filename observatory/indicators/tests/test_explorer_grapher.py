"""What a grapher user expects of the explorer: a country picker, default highlights, named lines,
a map that links to countries and fits the region, a table of several years with source names, a CSV of
the selection, relative views (per 100,000 population, index), a steady median, and clear messages.

All values below are synthetic test data, not real figures.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from observatory.access import SYSTEM
from observatory.charts import specs
from observatory.indicators import relative
from observatory.indicators.services import observations_import

DEATHS = [("UKR", 2.0), ("GEO", 1.0), ("KAZ", 3.0), ("LTU", 1.5), ("MNE", 0.5), ("ARM", 0.8)]
ROWS = "indicator,country,period,value,category,value_text,source\n" + "".join(
    f"gbd_drug_deaths_rate_as,{iso3},{year},{base + (year - 2000) * 0.2:.1f},,,ihme_gbd2019_owid\n"
    for iso3, base in DEATHS for year in range(2000, 2011)
) + "".join(
    f"prisoners_drug_offences,{iso3},{year},{n},,,unodc_cts_prisons_2023\n"
    for iso3, n in (("RUS", 130000), ("MNE", 184)) for year in (2014, 2015)
) + "".join(
    f"population,{iso3},{year},{people},,,worldbank_population\n"
    for iso3, people in (("RUS", 146_000_000), ("MNE", 620_000)) for year in (2014,)
) + (
    "possession_legal_status,EST,2002,decriminalised,,,curated_emcdda_ar2005_p13\n"
    "possession_legal_status,BLR,2020,criminal,,,curated_emcdda_ar2005_p13\n"
)


@pytest.fixture
def loaded(catalogue, tidy_csv):
    result = observations_import(actor=SYSTEM, path=tidy_csv(ROWS))
    assert result.ok, (result.message, result.issues[:3])


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_countries_are_picked_with_checkboxes_and_defaults_are_highlighted(client, loaded):
    page = get(client, "/en/indicators/gbd_drug_deaths_rate_as/")
    assert '<select id="c"' not in page
    checked = re.findall(r'name="c" value="([A-Z]{3})" checked', page)
    assert sorted(checked) == ["GEO", "KAZ", "LTU", "UKR"]  # the default highlight, ticked at the top of the picker
    assert page.index('value="LTU" checked') < page.index('value="ARM"')
    assert "Highlighted until you choose: Ukraine, Kazakhstan, Georgia, Lithuania." in page
    spec = client.get("/en/indicators/gbd_drug_deaths_rate_as/chart.json").json()
    bright = [layer for layer in spec["layer"] if layer["mark"]["type"] == "line" and "color" in layer["encoding"]]
    assert bright[0]["encoding"]["color"]["scale"]["domain"] == ["Ukraine", "Kazakhstan", "Georgia", "Lithuania"]


def test_unticking_every_country_highlights_none(client, loaded):
    page = get(client, "/en/indicators/gbd_drug_deaths_rate_as/?picked=1")
    assert re.findall(r'name="c" value="([A-Z]{3})" checked', page) == []
    assert "Highlighted until you choose" not in page
    assert "countries=none" in page  # the links keep the choice


def test_each_highlighted_line_is_named_at_its_end(client, loaded):
    spec = client.get("/en/indicators/gbd_drug_deaths_rate_as/chart.json?countries=MNE,ARM").json()
    labels = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text" and layer["mark"].get("dx") == 6]
    ends = {row["name"]: row for row in labels[0]["data"]["values"]}
    assert set(ends) == {"Montenegro", "Armenia"} and {row["year"] for row in ends.values()} == {2010}
    # Close values: the labels are pushed a line apart (13 px of a 320 px plot whose scale is 0–10).
    close = [{"country": "A", "year": 2000, "value": 1.0}, {"country": "B", "year": 2000, "value": 1.01},
             {"country": "C", "year": 2000, "value": 10.0}]
    placed = {row["country"]: row["label_y"] for row in specs.end_labels(close, ["A", "B"], height=320)}
    assert placed["B"] - placed["A"] == pytest.approx(10 * 13 / 320)
    assert "legend" in spec["layer"][-1]["encoding"]["color"] and spec["layer"][-1]["encoding"]["color"]["legend"] is None


def test_the_map_fits_every_country_and_links_each_to_its_line(client, loaded, countries):
    spec = client.get("/en/indicators/gbd_drug_deaths_rate_as/chart.json?view=map").json()
    fitted = {f["properties"]["iso3"] for f in spec["projection"]["fit"]}
    assert {"RUS", "EST", "KAZ", "SVN"} <= fitted  # Russia and Estonia are fitted, not cut off
    svg = get(client, "/en/indicators/gbd_drug_deaths_rate_as/chart.svg?view=map")
    assert 'xlink:href="/en/indicators/gbd_drug_deaths_rate_as/?view=chart&amp;countries=UKR"' in svg
    assert "vega.github.io" not in svg


def test_the_table_shows_several_years_with_source_names_and_the_highlighted_first(client, loaded):
    page = get(client, "/en/indicators/gbd_drug_deaths_rate_as/?view=table&countries=MNE&sort=-value")
    table = page[page.index('<table class="sortable">'):page.index("</table>")]
    assert [year for year in range(2005, 2011) if f">{year}</th>" in table] == list(range(2005, 2011))
    assert "ihme_gbd2019_owid" not in table and "Institute for Health Metrics and Evaluation (IHME)" in table
    rows = [name.strip() for name in re.findall(r'<th scope="row">([A-Za-z ]+)', table)]
    assert rows[0] == "Montenegro"  # highlighted first, then by latest value, highest first
    assert rows[1:] == ["Kazakhstan", "Ukraine", "Lithuania", "Georgia", "Armenia"]


def test_a_csv_of_the_selection_holds_what_is_shown(client, loaded):
    response = client.get("/en/indicators/gbd_drug_deaths_rate_as/chart.csv?countries=GEO&from=2008")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {(r["country"], r["year"]) for r in rows} == {("GEO", "2008"), ("GEO", "2009"), ("GEO", "2010")}
    assert rows[0]["source_name"].startswith("Institute for Health Metrics") and rows[0]["value"] == "2.6"
    page = get(client, "/en/indicators/gbd_drug_deaths_rate_as/?countries=GEO&from=2008")
    assert "chart.csv?view=chart&amp;countries=GEO&amp;from=2008" in page and "this selection (CSV)" in page


def test_a_reversed_or_empty_year_range_says_so_and_keeps_the_controls(client, loaded):
    page = get(client, "/en/indicators/gbd_drug_deaths_rate_as/?from=2009&to=2003")
    assert "The first year (2009) is after the last year (2003)" in page
    assert 'id="explorer-controls"' in page and 'value="2009"' in page
    page = get(client, "/en/indicators/gbd_drug_deaths_rate_as/?from=1950&to=1960")
    assert "There are no values between 1950 and 1960. This indicator has values for 2000–2010." in page
    assert 'id="explorer-controls"' in page


def test_counts_per_100000_population_put_small_countries_on_the_scale(client, loaded):
    page = get(client, "/en/indicators/prisoners_drug_offences/?view=table&measure=per_capita")
    assert "people per 100,000 population" in page
    table = page[page.index('<table class="sortable">'):page.index("</table>")]
    assert "29.677" in table and "89.041" in table  # 184 / 620,000 and 130,000 / 146 million, times 100,000
    assert "2 values are left out: there is no population figure" in page  # 2015 has no population here
    svg = get(client, "/en/indicators/prisoners_drug_offences/chart.svg?measure=per_capita")
    assert "Population: World Bank" in svg
    rate = get(client, "/en/indicators/gbd_drug_deaths_rate_as/")
    assert 'value="per_capita"' not in rate  # a rate is not divided again
    assert 'value="index"' in rate


def test_the_api_divides_counts_by_the_same_years_population(client, loaded):
    rows = client.get("/api/v1/observations?indicator=prisoners_drug_offences&country=MNE&per_capita=100000").json()
    by_year = {row["year"]: row for row in rows}
    assert by_year[2014]["value"] == pytest.approx(184 / 620_000 * 100_000)
    assert by_year[2014]["population"] == 620_000 and by_year[2014]["population_source"] == "worldbank_population"
    assert by_year[2015]["value"] is None and by_year[2015]["population"] is None
    refused = client.get("/api/v1/observations?indicator=gbd_drug_deaths_rate_as&per_capita=100000")
    assert refused.status_code == 422 and "not a count" in refused.json()["detail"][0]["msg"]


def test_an_index_starts_each_country_at_100(client, loaded):
    spec = client.get("/en/indicators/gbd_drug_deaths_rate_as/chart.json?measure=index&from=2005").json()
    values = [row for layer in spec["layer"] for row in layer.get("data", {}).get("values", []) if "base_year" in row]
    assert {row["value"] for row in values if row["year"] == 2005} == {100.0}
    ukraine_2010 = next(row for row in values if row["country"] == "UKR" and row["year"] == 2010)
    assert ukraine_2010["value"] == pytest.approx(4.0 / 3.0 * 100)


def test_categories_get_a_map_and_a_table(client, loaded):
    page = get(client, "/en/indicators/possession_legal_status/")
    assert 'aria-current="page">Map' in page and '<svg role="img"' in page
    assert "decriminalised" in page and "criminal offence" in page
    table = get(client, "/en/indicators/possession_legal_status/?view=table&year=2010")
    assert "Status as of 2010" in table and "Estonia" in table and "Belarus" not in table.split("</table>")[0]
    ru = get(client, "/ru/indicators/possession_legal_status/?view=table")
    assert "уголовное правонарушение" in ru


def test_the_median_needs_five_countries():
    points = [{"country": c, "year": 2000, "value": v} for c, v in zip("ABCD", (1, 2, 3, 4))]
    assert specs.median_by_year(points) == []
    points.append({"country": "E", "year": 2000, "value": 5})
    assert specs.median_by_year(points) == [{"year": 2000, "value": 3, "n": 5}]


def test_relative_views_are_plain_arithmetic():
    points = [{"country": "X", "year": 2000, "value": 50.0, "source": "s"},
              {"country": "X", "year": 2001, "value": 75.0, "source": "s"},
              {"country": "Y", "year": 2000, "value": 0.0, "source": "s"}]
    scaled, missing = relative.per_capita(points, {("X", 2000): (1_000_000, "pop")})
    assert [p["value"] for p in scaled] == [5.0] and len(missing) == 2
    assert [p["value"] for p in relative.indexed(points)] == [100.0, 150.0]  # Y's first value is 0: left out


def test_a_phone_gets_a_narrow_drawing_whose_text_is_not_shrunk(client, loaded):
    svg = get(client, "/en/indicators/gbd_drug_deaths_rate_as/chart.svg?countries=UKR&w=360")
    width = float(re.search(r'<svg[^>]* width="([\d.]+)"', svg).group(1))
    assert width <= 380  # drawn at the phone's width: 11 px text stays 11 px
