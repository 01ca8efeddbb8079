"""What the site search finds among countries: each country's page, by its name in the page's language."""

from __future__ import annotations

from django.urls import reverse


def entries():
    from observatory.countries.selectors import country_list

    for country in country_list():
        yield ("country", country.iso3, country.name, f"{country.iso3} {country.subregion.name}",
               reverse("public:country", args=[country.iso3]))
