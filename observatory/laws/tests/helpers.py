"""Test helpers shared by the law and scorecard tests."""

from __future__ import annotations

import yaml
from django.conf import settings


def countries_quick() -> dict:
    """The 29 shipped countries without their boundaries (decoding the boundaries takes seconds)."""
    from observatory.countries.models import Country, Subregion

    spec = yaml.safe_load((settings.DATA_DIR / "countries" / "countries.yaml").read_text(encoding="utf-8"))
    subregions = {s["code"]: Subregion.objects.create(code=s["code"], name_en=s["name_en"], name_ru=s["name_ru"])
                  for s in spec["subregions"]}
    for item in spec["countries"]:
        Country.objects.create(iso3=item["iso3"], iso2=item["iso2"], subregion=subregions[item["subregion"]],
                               aliases=list(item.get("aliases", [])), active=item.get("active", True))
    return {c.iso3: c for c in Country.objects.all()}
