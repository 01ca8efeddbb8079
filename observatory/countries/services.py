"""Loading the country list and boundaries (run by ``observatory setup``)."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from observatory.countries import geo
from observatory.countries.models import Country, Subregion


@transaction.atomic
def countries_load(*, path: Path | None = None, boundaries_dir: Path | None = None) -> dict[str, int]:
    """Create or update the subregions and countries listed in ``countries.yaml``.

    Idempotent: running it twice changes nothing the second time. Countries are
    never deleted, so records that refer to them stay valid; a country removed
    from the file is kept as it was.
    """
    path = path or settings.DATA_DIR / "countries" / "countries.yaml"
    boundaries_dir = boundaries_dir or settings.DATA_DIR / "boundaries"
    spec = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    subregions = {}
    for item in spec["subregions"]:
        subregion, _ = Subregion.objects.update_or_create(
            code=item["code"], defaults={"name_en": item["name_en"], "name_ru": item["name_ru"]}
        )
        subregions[item["code"]] = subregion
    codes = [item["iso3"] for item in spec["countries"]]
    geometries = geo.ceeca_geometries(
        un_view=boundaries_dir / "countries-110m.json",
        independent_view=boundaries_dir / "countries-independent-50m.json",
        iso3_codes=codes,
    )
    existing = {c.iso3: c for c in Country.objects.all()}
    for item in spec["countries"]:
        values = {
            "iso2": item["iso2"],
            "subregion": subregions[item["subregion"]],
            "aliases": list(item.get("aliases", [])),
            "geometry": geometries.get(item["iso3"]),
            "active": item.get("active", True),
        }
        country = existing.get(item["iso3"])
        if country is None:
            Country.objects.create(iso3=item["iso3"], **values)
            counts["created"] += 1
            continue
        changed = [k for k, v in values.items() if getattr(country, k) != v]
        if changed:
            for key in changed:
                setattr(country, key, values[key])
            country.save(update_fields=changed)
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    return counts
