"""Whole-page caching of public pages: what a visitor, a signed-in user and a browser notice."""

from __future__ import annotations

import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from observatory.access import SYSTEM
from observatory.indicators.services import observations_import

DATA = """indicator,country,period,value,source
drug_induced_deaths,CZE,2016,42,emcdda_statbulletin_2019
drug_induced_deaths,CZE,2017,43,emcdda_statbulletin_2019
"""


@pytest.fixture
def loaded(catalogue, tidy_csv):
    assert observations_import(actor=SYSTEM, path=tidy_csv(DATA)).ok


@pytest.fixture
def catalogue(countries):
    from observatory.indicators.services import catalogue_load

    catalogue_load(actor=SYSTEM)


@pytest.fixture
def tidy_csv(tmp_path):
    def write(text: str, name: str = "upload.csv"):
        path = tmp_path / name
        path.write_text(text.strip() + "\n", encoding="utf-8")
        return path

    return write


def test_a_second_visitor_gets_the_stored_page_without_rendering_it(client, loaded):
    first = client.get("/en/countries/CZE/")
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/en/countries/CZE/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # Only the data-version lookups run: no page rendering, no chart drawing.
    assert len(queries) <= 4, [q["sql"] for q in queries]


def test_a_browser_holding_the_page_gets_304_and_no_body(client, loaded):
    etag = client.get("/en/countries/CZE/")["ETag"]
    assert etag.startswith('"')
    again = client.get("/en/countries/CZE/", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    other = client.get("/en/countries/CZE/", headers={"If-None-Match": '"stale"'})
    assert other.status_code == 200


def test_the_stored_page_is_sent_compressed_to_clients_that_accept_gzip(client, loaded):
    plain = client.get("/en/countries/CZE/").content
    zipped = client.get("/en/countries/CZE/", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain
    assert len(zipped.content) < len(plain) / 2
    assert "Accept-Encoding" in zipped["Vary"]
    refused = client.get("/en/countries/CZE/", headers={"Accept-Encoding": "gzip;q=0"})
    assert not refused.has_header("Content-Encoding") and refused.content == plain


def test_new_data_show_at_once(client, loaded, tidy_csv):
    # the value is one no other part of the page prints (the definition itself mentions years)
    assert "777" not in client.get("/en/indicators/drug_induced_deaths/?countries=CZE&view=table").content.decode()
    client.get("/en/indicators/drug_induced_deaths/?countries=CZE&view=table")
    more = "indicator,country,period,value,source\ndrug_induced_deaths,CZE,2018,777,emcdda_statbulletin_2019\n"
    assert observations_import(actor=SYSTEM, path=tidy_csv(more, name="more.csv")).ok
    page = client.get("/en/indicators/drug_induced_deaths/?countries=CZE&view=table")
    assert page["X-Page-Cache"] == "miss" and "777" in page.content.decode()


def test_each_language_has_its_own_page(client, loaded):
    english = client.get("/en/countries/CZE/").content.decode()
    russian = client.get("/ru/countries/CZE/").content.decode()
    assert "<h1>Czechia</h1>" in english
    assert "<h1>Чехия</h1>" in russian
    assert client.get("/ru/countries/CZE/")["X-Page-Cache"] == "hit"


def test_signed_in_pages_are_never_stored_or_served_from_the_store(client, loaded, personas):
    client.force_login(personas["analyst"])
    mine = client.get("/en/countries/CZE/")
    assert not mine.has_header("X-Page-Cache")
    assert "analyst" in mine.content.decode()
    client.logout()
    visitor = client.get("/en/countries/CZE/")
    assert visitor["X-Page-Cache"] == "miss"
    assert "analyst" not in visitor.content.decode()
    # And the other way round: a stored visitor page is not what a signed-in user gets.
    client.force_login(personas["analyst"])
    again = client.get("/en/countries/CZE/")
    assert not again.has_header("X-Page-Cache") and "Sign out" in again.content.decode()


def test_the_page_cache_can_be_turned_off(client, loaded, settings):
    settings.PAGE_CACHE = False
    client.get("/en/countries/CZE/")
    assert not client.get("/en/countries/CZE/").has_header("X-Page-Cache")


def test_after_pre_rendering_no_visitor_waits_for_a_chart(client, catalogue, tidy_csv, monkeypatch):
    import vl_convert

    from observatory.countries.models import Country
    from observatory.public.dashboard import country_boards_prerender

    rows = "indicator,country,period,value,source\n" + "".join(
        f"gbd_drug_deaths_rate_as,{iso3},{year},{n + year - 2000},ihme_gbd2019_owid\n"
        for n, iso3 in enumerate(["CZE", "UKR", "GEO"]) for year in (2018, 2019))
    assert observations_import(actor=SYSTEM, path=tidy_csv(rows)).ok
    seen = []
    built = country_boards_prerender(progress=lambda done, total: seen.append((done, total)))
    countries = Country.objects.count()
    assert built == 2 * countries and seen[-1] == (built, built)

    def no_drawing(*args, **kwargs):
        raise AssertionError("a chart was drawn while a visitor waited")

    monkeypatch.setattr(vl_convert, "vegalite_to_svg", no_drawing)
    for language in ("en", "ru"):
        page = client.get(f"/{language}/countries/UKR/")
        assert page.status_code == 200 and "<svg" in page.content.decode()
