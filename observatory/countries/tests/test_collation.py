"""Country lists people pick from follow the alphabet of the page's language, not ISO codes."""

from __future__ import annotations

from django.utils import translation

from observatory.core.i18n import collation_key
from observatory.countries.selectors import country_list_by_name


def test_russian_names_follow_the_russian_alphabet(countries):
    with translation.override("ru"):
        names = [c.name for c in country_list_by_name()]
    assert names[0] == "Азербайджан" and names[-1] == "Эстония"
    assert names == sorted(names, key=collation_key)
    assert names.index("Грузия") < names.index("Казахстан") < names.index("Украина")


def test_english_names_follow_the_english_alphabet(countries):
    with translation.override("en"):
        names = [c.name for c in country_list_by_name()]
    assert names[:2] == ["Albania", "Armenia"] and names.index("Czechia") < names.index("Estonia")
    assert names.index("Kosovo") < names.index("Kyrgyzstan") < names.index("Latvia")


def test_yo_sorts_with_ye_and_case_and_accents_do_not_split_the_order():
    assert sorted(["Ёлка", "Ежевика", "Ель", "Яблоко"], key=collation_key) == ["Ежевика", "Ёлка", "Ель", "Яблоко"]
    assert sorted(["Turkmenistan", "Türkiye", "tajikistan"], key=collation_key) == [
        "tajikistan", "Türkiye", "Turkmenistan"]  # ü as u: "turki" before "turkm"


def test_the_explorer_picker_and_violations_page_list_countries_alphabetically(client, countries):
    html = client.get("/ru/violations/").content.decode()
    assert html.index(">Азербайджан<") < html.index(">Грузия<") < html.index(">Эстония<")
