"""Public statistics: only verified, consented cases count; small cells are suppressed in the API and the page."""

from __future__ import annotations

import re

import pytest

from observatory.cases.services import ActData
from observatory.cases.statistics import violation_stats
from observatory.cases.tests.conftest import case_data


@pytest.fixture
def counted(make_case, countries):
    """UKR 2024: 7 beatings (one also extortion), 2 extortion only; plus cases that must not count."""
    for _ in range(6):
        make_case(status="verified")
    both = case_data()
    both.acts = [ActData(violation="police_beating", perpetrators=["police"]),
                 ActData(violation="police_extortion", perpetrators=["police", "investigator"])]
    make_case(data=both, status="closed")
    for _ in range(2):
        make_case(status="in_response", acts=[ActData(violation="police_extortion", perpetrators=["police"])])
    private = case_data()
    private.consent.share_network = False
    make_case(data=private, status="verified")  # no consent to share: never counted
    make_case(status="submitted")  # not verified
    make_case(status="rejected")
    make_case(status="verified", occurred_on="2023-05")  # another year
    return countries["UKR"]


def test_only_verified_consented_cases_count_and_small_cells_are_suppressed(counted):
    stats = violation_stats(country=counted, year=2024, by="violation")
    cells = {c.code: c.value for c in stats.cells}
    assert stats.total == 9
    assert cells["police_extortion"] == "<5"
    assert cells["police_beating"] in (7, "≥5")
    assert stats.withheld is False


def test_each_breakdown_protects_its_small_cells_against_the_total(counted):
    for by in ("violation", "perpetrator", "sex"):
        stats = violation_stats(country=counted, year=2024, by=by)
        visible = sum(c.number for c in stats.cells if c.number is not None)
        small = [c for c in stats.cells if c.value == "<5"]
        if small:
            # The naive attack: total minus visible cells must not equal any small cell's true value alone.
            assert len([c for c in stats.cells if c.number is None]) >= 2 or stats.withheld
            assert stats.total - visible >= 5


def test_stats_api_is_public_and_returns_strings_for_suppressed_cells(client, counted):
    response = client.get("/api/v1/stats/violations", {"country": "UKR", "year": 2024, "by": "violation"})
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 9 and body["country"] == "UKR"
    counts = {c["code"]: c["count"] for c in body["cells"]}
    assert counts["police_extortion"] == "<5"
    assert all(isinstance(v, int) and v >= 5 or v in ("<5", "≥5") for v in counts.values())
    assert "<5" in body["rule"]
    assert client.get("/api/v1/stats/violations", {"country": "UKR", "year": 2024, "by": "name"}).status_code == 422
    assert client.get("/api/v1/stats/violations", {"country": "XXX", "year": 2024}).status_code == 404


def test_stats_by_sex_and_perpetrator(client, counted):
    sex = client.get("/api/v1/stats/violations", {"country": "UKR", "year": 2024, "by": "sex"}).json()
    assert {c["code"]: c["count"] for c in sex["cells"]} == {"female": 9}
    perpetrators = client.get("/api/v1/stats/violations", {"country": "UKR", "year": 2024,
                                                           "by": "perpetrator"}).json()
    assert {c["code"] for c in perpetrators["cells"]} == {"police", "investigator"}


def test_public_violations_page_shows_the_same_figures_with_a_chart(client, counted):
    page = client.get("/ru/cases/violations/", {"country": "UKR", "year": "2024"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Задокументированные нарушения" in html or "нарушени" in html
    assert "&lt;5" in html and "<svg" in html
    # Drawn on the server: the only script is the menu's, and none is inline.
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/observatory/site.js" defer>']
    assert "9" in html


def test_a_country_year_with_few_cases_shows_no_breakdown(client, make_case, countries):
    make_case(status="verified")
    make_case(status="verified", acts=[ActData(violation="planted_drugs")])
    body = client.get("/api/v1/stats/violations", {"country": "UKR", "year": 2024}).json()
    assert body["total"] == "<5" and body["withheld"] is True and body["cells"] == []


def test_the_regional_overview_adds_up_only_what_countries_publish(client, counted, make_case):
    """Synthetic cases: UKR has 9 counted cases in 2024 (published exactly), KGZ 2 (published as "<5").

    The region is therefore 10–13, never the exact 11 that would reveal KGZ's count by subtraction."""
    for _ in range(2):
        make_case("documenter_kgz", status="verified", acts=[ActData(violation="police_extortion",
                                                                     perpetrators=["police"])])
    html = client.get("/en/violations/", {"year": "2024"}).content.decode()
    assert "The region, 2024" in html
    assert "<strong>10–13</strong>" in html and ">11<" not in html
    assert "in 2 countries" in html
    # The map, the trend and the breakdowns are there without choosing a country.
    assert html.count('<svg role="img"') >= 2 and "By type of violation" in html and "By perpetrator" in html
    by_country = html[html.index("Cases by country"):]
    assert "Kyrgyzstan" in by_country and "&lt;5" in by_country.split("</table>")[0]
    # Extortion: UKR publishes 3 as "<5" behind its own rule, KGZ 2 as "<5": a range, never a sum of raw counts.
    extortion = re.search(r"Extortion[^<]*</th>.*?<td class=\"num\">([^<]+)</td>", html, re.S)
    assert extortion and extortion.group(1).strip() in ("2–8", "≥6", "≥5")
    russian = client.get("/ru/violations/", {"year": "2024"}).content.decode()
    assert "Регион, 2024" in russian


def test_the_regional_trend_is_a_range_where_counts_are_small(counted, make_case):
    from observatory.cases.regional import regional_trend

    make_case("documenter_kgz", status="verified")
    trend = {point["year"]: point for point in regional_trend(years=[2023, 2024])}
    assert trend[2024]["label"] == "10–13" and trend[2024]["countries"] == 2  # 9 exact + one "<5"
    assert trend[2023]["label"] == "1–4"  # one case in 2023, published as "<5"
