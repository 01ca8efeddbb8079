from __future__ import annotations

import yaml
from django.conf import settings

from observatory.access import SYSTEM
from observatory.countries.models import Country
from observatory.countries.services import countries_load

CEECA = "ALB ARM AZE BLR BIH BGR HRV CZE EST GEO HUN KAZ XKX KGZ LVA LTU MDA MNE MKD POL ROU RUS SRB SVK SVN TJK TKM UKR UZB"


def test_loads_the_29_countries_idempotently(db):
    assert countries_load(actor=SYSTEM) == {"created": 29, "updated": 0, "unchanged": 0}
    assert countries_load(actor=SYSTEM) == {"created": 0, "updated": 0, "unchanged": 29}
    assert sorted(Country.objects.values_list("iso3", flat=True)) == sorted(CEECA.split())


def test_names_come_from_cldr_in_both_languages(countries):
    georgia = countries["GEO"]
    assert (georgia.name_en, georgia.name_ru) == ("Georgia", "Грузия")
    assert (countries["XKX"].name_en, countries["XKX"].name_ru) == ("Kosovo", "Косово")
    assert countries["MKD"].name_ru == "Северная Македония"


def test_a_country_is_added_by_data_alone(db, tmp_path):
    spec = yaml.safe_load((settings.DATA_DIR / "countries" / "countries.yaml").read_text())
    spec["countries"].append({"iso3": "MNG", "iso2": "MN", "subregion": "central_asia"})
    path = tmp_path / "countries.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True))
    countries_load(actor=SYSTEM, path=path)
    mongolia = Country.objects.get(iso3="MNG")
    assert mongolia.name_ru == "Монголия"
    assert mongolia.geometry is not None
