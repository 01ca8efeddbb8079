"""The law pages, in English and Russian, without JavaScript, with a fixed number of queries."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("language, words", [("en", ("meets", "unknown", "Compare")),
                                              ("ru", ("соответствует", "неизвестно", "Сравнить"))])
def test_index_lists_countries_and_the_compare_form(client, laws, language, words):
    page = client.get(f"/{language}/laws/").content.decode()
    assert f'href="/{language}/laws/CZE/"' in page and f'action="/{language}/laws/compare/"' in page
    for word in words:
        assert word in page


def test_model_law_page_shows_targets_reasons_and_basis(client, laws):
    page = client.get("/en/laws/model/").content.decode()
    assert 'id="possession_personal"' in page and "Portugal" in page and "Published guidance" in page
    page = client.get("/ru/laws/model/").content.decode()
    assert "Хранение наркотиков для личного употребления" in page


def test_country_page_judges_each_provision_in_a_fixed_number_of_queries(client, laws,
                                                                           django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        page = client.get("/en/laws/HUN/").content.decode()
    assert "Act C of 2012 on the Criminal Code" in page and "status-does_not_meet" in page
    assert "What changed on 2013-07-01" in page and "?before=2013-06-30&amp;after=2013-07-01" in page
    dated = client.get("/en/laws/HUN/", {"date": "2005-06-01"}).content.decode()
    assert "State of the law on 2005-06-01" in dated and "No gap: drug use is not an offence." in dated
    assert client.get("/en/laws/ZZZ/").status_code == 404
    assert "Enter a date" in client.get("/en/laws/HUN/", {"date": "yesterday"}).content.decode()


def test_compare_page_shows_up_to_five_countries_side_by_side(client, laws):
    page = client.get("/ru/laws/compare/", {"c1": "UKR", "c2": "GEO", "c3": "KGZ", "c4": "CZE", "c5": "UKR"})
    text = page.content.decode()
    assert text.count('<th scope="col"><a href="/ru/laws/') == 4  # UKR chosen twice counts once
    assert "Сравнить" in text


def test_reform_page_shows_what_changed(client, laws):
    text = client.get("/en/laws/CZE/reform/", {"before": "2009-12-31", "after": "2010-01-01"}).content.decode()
    assert "provisions changed between the two dates" in text and 'class="changed"' in text
    assert "up to 24 months" in text
    bad = client.get("/en/laws/CZE/reform/", {"before": "2010-01-01", "after": "2009-01-01"}).content.decode()
    assert "The second date must be after the first." in bad
