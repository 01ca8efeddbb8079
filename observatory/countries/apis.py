from __future__ import annotations

from ninja import Router, Schema

from observatory.countries.selectors import country_dict, country_list

router = Router()


class CountryOut(Schema):
    iso3: str
    iso2: str
    name_en: str
    name_ru: str
    subregion: str


@router.get("", response=list[CountryOut], summary="The countries the platform covers")
def countries(request):
    return [country_dict(c) for c in country_list()]
