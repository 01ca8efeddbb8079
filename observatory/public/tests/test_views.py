from __future__ import annotations

import re


def test_root_redirects_to_a_language(client, countries):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] in ("/en/", "/ru/")
    assert client.get("/", headers={"Accept-Language": "ru"})["Location"] == "/ru/"


def test_home_map_links_every_country(client, countries):
    page = client.get("/en/").content.decode()
    links = re.findall(r'<a href="/en/countries/([A-Z]{3})/" class="country"', page)
    assert sorted(links) == sorted(countries)
    assert page.count("<path d=") == 29


def test_language_switcher_gives_the_same_page_in_russian(client, countries):
    page = client.get("/en/countries/GEO/").content.decode()
    assert 'href="/ru/countries/GEO/"' in page
    russian = client.get("/ru/countries/GEO/").content.decode()
    assert "<h1>Грузия</h1>" in russian and 'lang="ru"' in russian


def test_unknown_country_is_404(client, countries):
    assert client.get("/en/countries/XYZ/").status_code == 404
