"""Public pages: the regional map and the country pages. No login, no identities."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from observatory.advocacy.selectors import reform_advocacy
from observatory.core.pagecache import public_page
from observatory.countries.selectors import country_get, country_list, country_map
from observatory.indicators.coverage import country_gaps, supply_countries
from observatory.indicators.models import Topic
from observatory.indicators.selectors import (
    country_profile,
    data_version,
    observation_latest,
)
from observatory.public.dashboard import country_board
from observatory.public.versions import records_version
from observatory.rights.selectors import country_summary


@public_page(name="home", version=data_version)
def home(request):
    view_box, paths = country_map()
    countries = list(country_list())
    shapes = [{"country": c, "path": paths[c.iso3]} for c in countries if c.iso3 in paths]
    # Kosovo is drawn last: Serbia's UN-view shape includes its territory.
    shapes.sort(key=lambda s: s["country"].iso3 == "XKX")
    by_subregion: dict = {}
    for country in sorted(countries, key=lambda c: c.name):
        by_subregion.setdefault(country.subregion, []).append(country)
    return render(
        request,
        "public/home.html",
        {"view_box": view_box, "shapes": shapes, "countries": countries,
         "by_subregion": sorted(by_subregion.items(), key=lambda kv: kv[0].name)},
    )



def country_version() -> str:
    """The indicator data, and the records the page shows besides (advocacy before reforms, human rights)."""
    return f"{data_version()}:{records_version()}"


@public_page(name="country", version=country_version)
def country_detail(request, iso3: str):
    country = country_get(iso3=iso3)
    if country is None:
        raise Http404
    population = observation_latest(country=country, indicator_code="population")
    labels = dict(Topic.choices)
    profile: dict[str, list] = {}
    for obs in country_profile(country=country):
        if obs.indicator.code != "population":
            profile.setdefault(labels.get(obs.indicator.topic, obs.indicator.topic), []).append(obs)
    # Built once per country, language and data version (and pre-rendered in the background after an import).
    board = country_board(country=country)
    return render(request, "public/country_detail.html",
                  {"country": country, "population": population, "profile": list(profile.items()),
                   "board": board, "advocacy": reform_advocacy(country=country),
                   "rights": country_summary(country), "gaps": country_gaps(country),
                   "may_supply": country.iso3 in supply_countries(request.user)})
