"""The site search: from every page's header, in both languages, on SQLite (FTS5) and PostgreSQL alike."""

from __future__ import annotations

import pytest

from observatory.search.selectors import query_terms


@pytest.fixture
def indexed(countries):
    from observatory.access import SYSTEM
    from observatory.events.services import events_load
    from observatory.indicators.services import catalogue_load
    from observatory.laws.services import laws_load
    from observatory.search.services import search_index_rebuild

    catalogue_load(actor=SYSTEM)
    events_load(actor=SYSTEM)
    laws_load(actor=SYSTEM)
    return search_index_rebuild()


def titles(client, path, q):
    html = client.get(path, {"q": q}).content.decode()
    return html[html.find('<ol class="search-results">'):]


def test_every_page_has_the_search_box(client, indexed):
    for path in ("/en/", "/ru/indicators/", "/en/laws/"):
        assert 'role="search"' in client.get(path).content.decode()


def test_countries_indicators_events_and_laws_are_found_in_english(client, indexed):
    kyrgyz = titles(client, "/en/search/", "kyrgyz")
    assert ">Kyrgyzstan</a>" in kyrgyz
    assert ">Armenia</a>" not in kyrgyz and "Drug law of Ukraine" not in kyrgyz  # only what the query matches
    found = titles(client, "/en/search/", "prisons")
    assert "People in prison for drug offences" in found  # "prisons" finds "prison"
    assert "(Kyrgyzstan, 2008)" in titles(client, "/en/search/", "methadone prisons")  # a policy event
    assert "Drug law of Ukraine" in titles(client, "/en/search/", "law Ukraine")


def test_russian_words_find_their_other_forms(client, indexed):
    found = titles(client, "/ru/search/", "Украины")
    assert ">Украина</a>" in found and "/ru/countries/UKR/" in found
    assert "метадон" in titles(client, "/ru/search/", "метадоновой терапии").lower()
    assert "ничего не найдено" in client.get("/ru/search/", {"q": "qqqzzz"}).content.decode()


def test_bad_queries_are_answered_not_failed(client, indexed):
    for q in ['"', "*", "AND OR NOT", "'; DROP TABLE x; --", "a" * 500, "(", ":*"]:
        response = client.get("/en/search/", {"q": q})
        assert response.status_code == 200, q


def test_query_words_become_prefixes_with_endings_trimmed():
    assert query_terms("Украины") == ["украи"]
    assert query_terms("HIV prisons") == ["hiv", "priso"]
    assert query_terms("a b c d e f g h i j") == ["a", "b", "c", "d", "e", "f", "g", "h"]
