"""Loading the indicator catalogue (sources and indicators) from ``data/catalogue/*.yaml``."""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from observatory.core.loaders import load_audit, rows_upsert
from observatory.indicators.models import Indicator, Source

SOURCE_FIELDS = ("publisher", "publisher_ru", "dataset", "dataset_ru", "edition", "edition_ru", "url", "copy_url",
                 "licence", "licence_ru", "retrieved", "citation_en", "citation_ru")
INDICATOR_FIELDS = ("name_en", "name_ru", "definition_en", "definition_ru", "unit_en", "unit_ru", "topic",
                    "higher_is_better", "decimals", "kind", "preferred_sources", "is_count")


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
        elif field == "is_count":
            value = value is True
        elif field == "higher_is_better":
            value = value if value in (True, False) else None
        elif value is None:
            value = ""
        values[field] = value
    return values


@transaction.atomic
def catalogue_load(*, actor, directory: Path | None = None) -> dict[str, int]:
    """Create or update every source and indicator in the catalogue files (idempotent).

    A run that changes something writes one audit entry (``indicators.catalogue.load``)
    by ``actor`` (``access.SYSTEM`` for setup); a second run writes nothing.
    Raises ``ValueError`` when a source key or indicator code is defined twice.
    """
    spec = catalogue_read(directory)
    sources = rows_upsert(actor=actor, model=Source, keys="key",
                          rows=[{"key": item["key"], **_clean(item, SOURCE_FIELDS)} for item in spec["sources"]])
    indicators = rows_upsert(actor=actor, model=Indicator, keys="code",
                             rows=[{"code": item["code"], **_clean(item, INDICATOR_FIELDS)}
                                   for item in spec["indicators"]])
    counts = {f"sources_{k}": v for k, v in sources.counts.items()} | {
        f"indicators_{k}": v for k, v in indicators.counts.items()}
    load_audit(actor=actor, action="indicators.catalogue.load", counts=counts, upserts=[sources, indicators])
    return counts
