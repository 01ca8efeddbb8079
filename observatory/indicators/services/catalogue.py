"""Loading the indicator catalogue (sources and indicators) from ``data/catalogue/*.yaml``."""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from observatory.indicators.models import Indicator, Source

SOURCE_FIELDS = ("publisher", "publisher_ru", "dataset", "edition", "url", "copy_url", "licence", "retrieved",
                 "citation_en", "citation_ru")
INDICATOR_FIELDS = ("name_en", "name_ru", "definition_en", "definition_ru", "unit_en", "unit_ru", "topic",
                    "higher_is_better", "decimals", "kind", "preferred_sources")


def catalogue_files(directory: Path | None = None) -> list[Path]:
    directory = directory or settings.DATA_DIR / "catalogue"
    return sorted(Path(directory).glob("*.yaml"))


def catalogue_read(directory: Path | None = None) -> dict[str, list[dict]]:
    """Every catalogue file merged: ``sources``, ``indicators`` and ``loads`` lists (other keys are ignored)."""
    merged: dict[str, list[dict]] = {"sources": [], "indicators": [], "loads": []}
    for path in catalogue_files(directory):
        spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in merged:
            merged[key].extend(spec.get(key) or [])
    return merged


def _clean(item: dict, fields: tuple[str, ...]) -> dict:
    values = {}
    for field in fields:
        value = item.get(field)
        if field == "retrieved":
            value = datetime.date.fromisoformat(str(value)) if value else None
        elif field == "preferred_sources":
            value = list(value or [])
        elif field == "decimals":
            value = int(value or 0)
        elif field == "higher_is_better":
            value = value if value in (True, False) else None
        elif value is None:
            value = ""
        values[field] = value
    return values


def _upsert(model, key_field: str, items: list[dict], fields: tuple[str, ...]) -> dict[str, int]:
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    existing = {getattr(obj, key_field): obj for obj in model.objects.all()}
    seen = set()
    for item in items:
        key = item[key_field]
        if key in seen:
            raise ValueError(f"{model.__name__} {key!r} is defined twice in data/catalogue/.")
        seen.add(key)
        values = _clean(item, fields)
        obj = existing.get(key)
        if obj is None:
            model.objects.create(**{key_field: key}, **values)
            counts["created"] += 1
            continue
        changed = [f for f, v in values.items() if getattr(obj, f) != v]
        if changed:
            for field in changed:
                setattr(obj, field, values[field])
            obj.save(update_fields=changed)
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
    return counts


@transaction.atomic
def catalogue_load(*, directory: Path | None = None) -> dict[str, int]:
    """Create or update every source and indicator in the catalogue files (idempotent)."""
    spec = catalogue_read(directory)
    sources = _upsert(Source, "key", spec["sources"], SOURCE_FIELDS)
    indicators = _upsert(Indicator, "code", spec["indicators"], INDICATOR_FIELDS)
    return {f"sources_{k}": v for k, v in sources.items()} | {f"indicators_{k}": v for k, v in indicators.items()}
