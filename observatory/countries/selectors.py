"""Reads of the public country list."""

from __future__ import annotations

import hashlib
import json

from django.core.cache import cache
from django.db.models import QuerySet

from observatory.countries import geo
from observatory.countries.models import Country


def country_list() -> QuerySet[Country]:
    """The active countries, ordered by ISO3 code, with their subregion."""
    return Country.objects.filter(active=True).select_related("subregion").order_by("iso3")


def country_list_by_name() -> list[Country]:
    """The active countries in alphabetical order of their names in the page's language (for people to pick from)."""
    from observatory.core.i18n import collation_key

    return sorted(country_list(), key=lambda c: collation_key(c.name))


def country_dict(country: Country) -> dict:
    """The fields the API and ``observatory countries --json`` give for one country."""
    return {"iso3": country.iso3, "iso2": country.iso2, "name_en": country.name_en, "name_ru": country.name_ru,
            "subregion": country.subregion.code}


def countries_allowing(*, user, model, action: str, **fields) -> list[Country]:
    """The countries (by name) in which ``user`` may ``action`` a new ``model`` record with ``fields``.

    The access policy decides for each country, checking an unsaved record as it would be created.
    """
    from observatory import access

    policy = access.policy_for(model)
    return [c for c in country_list_by_name() if policy.user_can(user, action, model(country=c, **fields))]


def country_get(*, iso3: str) -> Country | None:
    return country_list().filter(iso3=iso3.upper()).first()


def country_map() -> tuple[str, dict[str, str]]:
    """The SVG view box and path of every active country with a shape.

    The projection is costly next to a page render, so it is cached until the
    country list changes (the cache key holds the codes and the latest change).
    """
    countries = list(Country.objects.filter(active=True).only("iso3", "geometry").order_by("iso3"))
    digest = hashlib.sha256(json.dumps([(c.iso3, c.geometry) for c in countries]).encode()).hexdigest()
    key = f"country-map:v2:{digest}"
    cached = cache.get(key)
    if cached is None:
        # Kosovo is drawn after Serbia, whose UN-view shape includes it.
        ordered = sorted((c for c in countries if c.geometry), key=lambda c: c.iso3 == "XKX")
        view_box, shapes = geo.svg_map({c.iso3: c.geometry for c in ordered}, fit_exclude={"RUS"})
        cached = (view_box, {s.iso3: s.path for s in shapes})
        cache.set(key, cached, 60 * 60 * 24)
    return cached
