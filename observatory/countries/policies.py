"""Countries and subregions are public reference data; staff change them (normally through setup)."""

from __future__ import annotations

from observatory.access import register
from observatory.access.public import PublicReferencePolicy
from observatory.countries.models import Country, Subregion


class CountryPolicy(PublicReferencePolicy):
    model = Country


class SubregionPolicy(PublicReferencePolicy):
    model = Subregion


def register_all() -> None:
    register(CountryPolicy())
    register(SubregionPolicy())
