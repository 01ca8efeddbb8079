"""Loading the shipped human rights data (``data/rights/``): recommendations, court cases, alternatives.

All or nothing: every record is checked first, and a wrong one is reported with its file, its place in
the file and the field, and nothing is written. Idempotent: a second run changes nothing and writes no
audit entry.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils.text import slugify

from observatory.core.loaders import full_clean, load_audit, rows_upsert
from observatory.countries.models import Country
from observatory.laws.models import LegalProvision
from observatory.rights.models import (
    ALTERNATIVE_PROVISIONS,
    KIND_PROVISION,
    RIGHTS,
    THEMES,
    Alternative,
    AlternativeKind,
    AlternativeStatus,
    Court,
    CourtCase,
    Mechanism,
    Recommendation,
    Response,
)


class RightsDataError(ValueError):
    """A shipped record that cannot be loaded; the message names the file, the record and the field."""


def _records(path: Path) -> list[dict]:
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise RightsDataError(f"{path.name}: expected a list of records")
    return data


def _date(value, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise RightsDataError(f"{where}: date {value!r} is not YYYY-MM-DD") from None


def _need(record: dict, keys: tuple[str, ...], where: str) -> None:
    missing = [k for k in keys if record.get(k) in (None, "")]
    if missing:
        raise RightsDataError(f"{where}: missing {', '.join(missing)}")


def _country(record: dict, countries: dict, where: str) -> Country:
    country = countries.get(str(record.get("country", "")).upper())
    if country is None:
        raise RightsDataError(f"{where}: country {record.get('country')!r} is not one of the platform's")
    return country


def _known(values, vocabulary, field: str, where: str) -> list[str]:
    values = list(values or [])
    unknown = [v for v in values if v not in vocabulary]
    if unknown:
        raise RightsDataError(f"{where}: {field} {', '.join(map(str, unknown))} not in {', '.join(vocabulary)}")
    return values


def recommendation_rows(records: list[dict], countries: dict, name: str) -> list[dict]:
    rows = []
    for number, r in enumerate(records, start=1):
        where = f"{name} record {number} ({r.get('symbol', '?')} ¶{r.get('paragraph', '?')})"
        _need(r, ("country", "mechanism", "date", "symbol", "paragraph", "text_en", "source_url"), where)
        if r["mechanism"] not in Mechanism.values:
            raise RightsDataError(f"{where}: mechanism {r['mechanism']!r} not in {', '.join(Mechanism.values)}")
        if r.get("response") not in (None, "", *Response.values):
            raise RightsDataError(f"{where}: response {r['response']!r} is supported, noted or empty")
        rows.append({
            "key": slugify(f"{r['mechanism']}-{r['symbol']}-{r['paragraph']}")[:200],
            "country": _country(r, countries, where), "mechanism": r["mechanism"],
            "cycle": str(r.get("cycle") or ""), "date": _date(r["date"], where), "symbol": r["symbol"],
            "paragraph": str(r["paragraph"]), "recommending_state": r.get("recommending_state") or "",
            "response": r.get("response") or "", "text_en": r["text_en"].strip(),
            "text_ru": (r.get("text_ru") or "").strip(),
            "text_ru_is_translation": bool(r.get("text_ru_is_translation", False)),
            "themes": _known(r.get("themes"), THEMES, "themes", where), "source_url": r["source_url"],
            "note": r.get("note") or "",
        })
    return rows


def case_rows(records: list[dict], countries: dict, name: str) -> list[dict]:
    rows = []
    for number, r in enumerate(records, start=1):
        where = f"{name} record {number} ({r.get('title', '?')})"
        _need(r, ("country", "court", "title", "reference", "judgment_date", "outcome", "source_url"), where)
        if r["court"] not in Court.values:
            raise RightsDataError(f"{where}: court {r['court']!r} not in {', '.join(Court.values)}")
        rows.append({
            "country": _country(r, countries, where), "court": r["court"], "title": r["title"],
            "reference": r["reference"], "judgment_date": _date(r["judgment_date"], where),
            "rights": _known(r.get("rights"), RIGHTS, "rights", where), "outcome": r["outcome"],
            "requires": r.get("requires") or "", "execution_status": r.get("execution_status") or "",
            "summary": r.get("summary") or "", "source_url": r["source_url"], "note": r.get("note") or "",
        })
    return rows


def current_versions() -> dict[tuple[int, str], LegalProvision]:
    """The version in force now (no end date, the latest start) of each country's alternatives provisions."""
    versions = (LegalProvision.objects.filter(provision__code__in=ALTERNATIVE_PROVISIONS, valid_to__isnull=True)
                .select_related("provision").order_by(F("valid_from").asc(nulls_first=True)))
    return {(v.country_id, v.provision.code): v for v in versions}  # the latest start wins


def alternative_rows(records: list[dict], countries: dict, name: str,
                     law_versions: dict | None = None) -> list[dict]:
    law_versions = law_versions or {}
    rows = []
    for number, r in enumerate(records, start=1):
        where = f"{name} record {number} ({r.get('name_en', '?')})"
        _need(r, ("country", "name_en", "kind", "status", "source_url"), where)
        if r["kind"] not in AlternativeKind.values:
            raise RightsDataError(f"{where}: kind {r['kind']!r} not in {', '.join(AlternativeKind.values)}")
        if r["status"] not in AlternativeStatus.values:
            raise RightsDataError(f"{where}: status {r['status']!r} not in {', '.join(AlternativeStatus.values)}")
        provision = r.get("model_provision", KIND_PROVISION[r["kind"]]) or ""
        if provision and provision not in ALTERNATIVE_PROVISIONS:
            raise RightsDataError(f"{where}: model_provision {provision!r} not in {', '.join(ALTERNATIVE_PROVISIONS)}")
        country = _country(r, countries, where)
        rows.append({
            "country": country, "name_en": r["name_en"], "kind": r["kind"], "model_provision": provision,
            "legal_provision": law_versions.get((country.pk, provision)),
            "legal_basis": r.get("legal_basis") or "", "started": r.get("started"), "status": r["status"],
            "scale": r.get("scale") or "", "scale_number": r.get("scale_number"),
            "scale_year": r.get("scale_year"), "description": r.get("description") or "",
            "source_url": r["source_url"], "source_title": r.get("source_title") or "", "note": r.get("note") or "",
        })
    return rows


@transaction.atomic
def rights_load(*, actor, directory: Path | None = None) -> dict[str, int]:
    """Create or update the shipped recommendations, court cases and alternatives (never deletes)."""
    directory = Path(directory or settings.DATA_DIR / "rights")
    countries = {c.iso3: c for c in Country.objects.all()}
    recommendations = []
    for path in sorted(directory.glob("recommendations_*.yaml")):
        recommendations += recommendation_rows(_records(path), countries, path.name)
    cases = case_rows(_records(directory / "litigation.yaml"), countries, "litigation.yaml")
    alternatives = alternative_rows(_records(directory / "alternatives.yaml"), countries, "alternatives.yaml",
                                    current_versions())
    upserts = [
        rows_upsert(actor=actor, model=Recommendation, keys="key", rows=recommendations, clean=full_clean),
        rows_upsert(actor=actor, model=CourtCase, keys=("court", "reference"), rows=cases, clean=full_clean),
        rows_upsert(actor=actor, model=Alternative, keys=("country", "name_en"), rows=alternatives,
                    clean=full_clean),
    ]
    counts = {}
    for label, upsert in zip(("recommendations", "court cases", "alternatives"), upserts):
        counts[f"{label} created"] = upsert.counts["created"]
        counts[f"{label} updated"] = upsert.counts["updated"]
    counts["unchanged"] = sum(u.counts["unchanged"] for u in upserts)
    load_audit(actor=actor, action="rights.load", counts=counts, upserts=upserts)
    return counts
