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


LINK_SCRIPT = """
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "observatory.settings"
django.setup()
from django.utils import translation
from observatory.indicators.models import Indicator, Source
from observatory.public.dashboard import _link
translation.activate("en")
sources = {key: Source(key=key, publisher=key.upper() + " publisher") for key in ("aaa", "bbb", "ccc", "ddd")}
x = [{"country": c, "year": 2018, "value": v, "source": k} for c, v, k in
     (("UKR", 1, "aaa"), ("GEO", 2, "bbb"), ("MDA", 3, "ccc"), ("KAZ", 4, "ddd"))]
y = [{"country": p["country"], "year": 2018, "value": 10 - p["value"], "source": "aaa"} for p in x]
link = _link(title="t", x=(Indicator(code="x"), x, "x"), y=(Indicator(code="y"), y, "y"),
             labels={}, iso3="UKR", sources=sources)
print(link.sources)
"""


def test_every_worker_process_draws_the_same_page(tmp_path):
    """Worker processes hash strings differently; nothing shown may depend on the order of a set."""
    import os
    import subprocess
    import sys

    outputs = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "OBSERVATORY_CACHE": "memory"}
        result = subprocess.run([sys.executable, "-c", LINK_SCRIPT], env=env, capture_output=True, text=True,
                                timeout=120, check=True)
        outputs.add(result.stdout.strip().splitlines()[-1])
    assert outputs == {"AAA publisher; BBB publisher; CCC publisher; DDD publisher"}


def test_a_page_rendered_again_by_a_cold_worker_is_identical(client, data):
    from django.core.cache import cache

    first = client.get("/en/countries/UKR/").content
    cache.clear()  # another worker, nothing cached yet
    assert client.get("/en/countries/UKR/").content == first


def test_scatter_names_do_not_overlap_and_axis_titles_fit():
    from observatory.charts import specs

    # Synthetic points: a tight cluster, one far right, the highlighted country inside the cluster.
    points = [{"country": f"C{i}", "name": f"Country {i}", "x": 10 + i * 0.1, "y": 5 + i * 0.1} for i in range(8)]
    points += [{"country": "FAR", "name": "Farland", "x": 90, "y": 50}, {"country": "KGZ", "name": "Kyrgyzstan",
                                                                       "x": 10.35, "y": 5.35}]
    sides = specs.scatter_labels(points, "KGZ")
    assert sides["KGZ"] == "right" and sides["FAR"] == "left"  # at the right edge the name goes left
    assert sum(1 for c in sides if c.startswith("C")) <= 2  # the cluster is not a pile of names
    spec = specs.scatter(points=points, x_title="x", y_title="Deaths from drug use disorders, age-standardised "
                         "rate (GBD) (deaths per 100,000 (age-standardised))", title="t", subtitle="s", source="src",
                         highlight="KGZ")
    y_title = spec["layer"][0]["encoding"]["y"]["title"]
    assert isinstance(y_title, list) and all(len(line) * 11 * 0.7 <= 270 for line in y_title)


def test_text_values_wrap_so_the_source_column_stays(client, data, tidy_csv):
    text = "methadone; buprenorphine (in pilot sites since 2008, national programme since 2014)"
    assert observations_import(actor=SYSTEM, path=tidy_csv(
        f"indicator,country,period,value,source\nost_medicines,UKR,2019,\"{text}\",curated_hri_gshr2020_t221\n",
        name="medicines.csv")).ok
    page = client.get("/en/countries/UKR/").content.decode()
    cell = page[page.rindex("<td", 0, page.index("methadone; buprenorphine")):page.index("methadone; buprenorphine")]
    assert 'class="num"' not in cell  # numbers do not wrap; words must, or the Source column is pushed off
