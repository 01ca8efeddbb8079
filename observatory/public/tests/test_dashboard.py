"""The country dashboard: cards with year, change, rank and source; trends; links with honest statistics."""

from __future__ import annotations

import pytest

from observatory.access import SYSTEM
from observatory.indicators.services import observations_import

HEADER = "indicator,country,period,value,source"


def rows():
    lines = [HEADER]
    # Synthetic test values (not real data): six countries, two indicators, 2010-2019.
    for i, iso3 in enumerate(["UKR", "GEO", "MDA", "KAZ", "ARM", "KGZ"]):
        for year in range(2010, 2020):
            lines.append(f"gbd_drug_deaths_rate_as,{iso3},{year},{1 + i + (year - 2010) * 0.1:.2f},ihme_gbd2019_owid")
        lines.append(f"ost_coverage,{iso3},2018,{5 + i * 3},unaids_gam2019")
        lines.append(f"hiv_prevalence_pwid,{iso3},2018,{30 - i * 4},unaids_gam2019")
    return "\n".join(lines) + "\n"


@pytest.fixture
def data(catalogue, tidy_csv):
    result = observations_import(actor=SYSTEM, path=tidy_csv(rows()))
    assert result.ok, result.issues[:3]


@pytest.fixture
def catalogue(countries):
    from observatory.indicators.services import catalogue_load

    catalogue_load(actor=SYSTEM)


@pytest.fixture
def tidy_csv(tmp_path):
    def write(text, name="rows.csv"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_cards_show_value_year_change_rank_and_source(client, data):
    from observatory.countries.models import Country
    from observatory.public.dashboard import dashboard_build

    board = dashboard_build(country=Country.objects.get(iso3="KGZ"))
    card = next(c for c in board.cards if c.indicator.code == "gbd_drug_deaths_rate_as")
    assert (card.value, card.year) == (6.9, 2019)
    # 2014 value 6.4 -> 2019 value 6.9: +7.8 %
    assert card.change_from_year == 2014 and round(card.change_pct, 1) == 7.8
    assert (card.rank, card.ranked) == (1, 6)  # highest of the six countries
    assert card.source.key == "ihme_gbd2019_owid"


def test_links_report_correlation_with_interval_and_n(client, data):
    from django.utils import translation

    from observatory.countries.models import Country
    from observatory.public.dashboard import dashboard_build

    with translation.override("en"):
        board = dashboard_build(country=Country.objects.get(iso3="UKR"))
    link = next(l for l in board.links if "HIV among" in l.title)
    # Coverage rises by 3 while prevalence falls by 4 in every country: a perfect negative correlation.
    assert round(link.stats["r"], 6) == -1.0 and link.stats["n"] == 6
    assert link.stats["ci_low"] <= link.stats["r"] <= link.stats["ci_high"]


def test_dashboard_page_in_russian_names_sources_and_the_caveat(client, data):
    page = client.get("/ru/countries/UKR/").content.decode()
    assert "Украина" in page
    assert "не доказывает" in page or "не является доказательством" in page
    assert "<svg" in page and "role=\"img\"" in page
    assert "Источник" in page


def test_a_country_with_little_data_says_so(client, data):
    page = client.get("/en/countries/TKM/").content.decode()
    assert "Few comparable figures are available" in page
    assert "Trends and policy events" not in page  # no empty trend charts
    assert "Key figures" not in page
