"""Loading the country list and boundaries (run by ``observatory setup``)."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from observatory.core.loaders import load_audit, rows_upsert
from observatory.countries import geo
from observatory.countries.models import Country, Subregion


@transaction.atomic
def countries_load(*, actor, path: Path | None = None, boundaries_dir: Path | None = None) -> dict[str, int]:
    """Create or update the subregions and countries listed in ``countries.yaml``; return the countries' counts.

    Idempotent: running it twice changes nothing the second time and writes no
    audit entry; a run that changes something writes one (``countries.load``),
    by ``actor`` (``access.SYSTEM`` for setup). Countries are never deleted, so
    records that refer to them stay valid; a country removed from the file is kept
    as it was.
    """
    path = path or settings.DATA_DIR / "countries" / "countries.yaml"
    boundaries_dir = boundaries_dir or settings.DATA_DIR / "boundaries"
    spec = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    subregions = rows_upsert(actor=actor, model=Subregion, keys="code", rows=[
        {"code": item["code"], "name_en": item["name_en"], "name_ru": item["name_ru"]} for item in spec["subregions"]])
    by_code = {subregion.code: subregion for subregion in subregions.objects}
    codes = [item["iso3"] for item in spec["countries"]]
    geometries = geo.ceeca_geometries(
        un_view=boundaries_dir / "countries-110m.json",
        independent_view=boundaries_dir / "countries-independent-50m.json",
        iso3_codes=codes,
    )
    countries = rows_upsert(actor=actor, model=Country, keys="iso3", rows=[
        {"iso3": item["iso3"], "iso2": item["iso2"], "subregion": by_code[item["subregion"]],
         "aliases": list(item.get("aliases", [])), "geometry": geometries.get(item["iso3"]),
         "active": item.get("active", True)}
        for item in spec["countries"]])
    load_audit(actor=actor, action="countries.load", counts=countries.counts, upserts=[subregions, countries],
               details={"file": Path(path).name})
    return countries.counts
