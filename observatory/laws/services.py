"""Writes to the law database: the shipped loader and staff edits of provision versions (audited)."""

from __future__ import annotations

import datetime
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from observatory import access
from observatory.audit.services import audit_record
from observatory.core.loaders import CREATED, KEPT, UPDATED, Upsert, load_audit, rows_upsert
from observatory.countries.models import Country
from observatory.laws.models import LegalProvision, LegalSource, ModelLaw, ModelLawProvision
from observatory.laws.rules import parse_partial_date

MODEL_FIELDS = ("label_en", "label_ru", "value_type", "allowed_values", "value_notes_en", "value_notes_ru", "target",
                "target_en", "target_ru", "why_en", "why_ru", "judgement", "judgement_rule", "basis")
VERSION_FIELDS = ("value", "max_penalty_months", "detail_en", "detail_ru", "valid_from", "valid_from_precision",
                  "valid_to", "valid_to_precision", "citation", "as_of")
SOURCE_FIELDS = ("title", "publisher", "url", "quote")
_EMPTY = {"judgement": {}, "judgement_rule": {}, "value_notes_en": {}, "value_notes_ru": {}, "basis": [],
          "allowed_values": []}


def _read(directory: Path) -> tuple[dict, list[dict]]:
    model = yaml.safe_load((directory / "model_law.yaml").read_text(encoding="utf-8"))
    rows = yaml.safe_load((directory / "provisions.yaml").read_text(encoding="utf-8")) or []
    return model, rows


def _version_values(row: dict) -> dict:
    valid_from, from_precision = parse_partial_date(row.get("valid_from"))
    valid_to, to_precision = parse_partial_date(row.get("valid_to"))
    months = row.get("max_penalty_months")
    return {
        "value": str(row["value"]),
        "max_penalty_months": float(months) if months is not None else None,
        "detail_en": row.get("detail_en") or "",
        "detail_ru": row.get("detail_ru") or "",
        "valid_from": valid_from, "valid_from_precision": from_precision,
        "valid_to": valid_to, "valid_to_precision": to_precision,
        "citation": row.get("citation") or "",
        "as_of": int(row["as_of"]) if row.get("as_of") else None,
    }


def _sources(row: dict) -> list[dict]:
    return [{f: (s.get(f) or "") for f in SOURCE_FIELDS} for s in row.get("sources") or []]


def _overlaps(a: dict, b: dict) -> bool:
    """Do two versions' validity intervals overlap? An empty start is open to the past, an empty end to the future."""
    low, high = datetime.date.min, datetime.date.max
    return (a["valid_from"] or low) < (b["valid_to"] or high) and (b["valid_from"] or low) < (a["valid_to"] or high)


def versions_validate(*, specs: dict[str, ModelLawProvision | dict], rows: list[dict]) -> list[str]:
    """Problems in a list of version dicts (``country``, ``provision`` + version fields); empty when valid."""
    problems = []
    by_pair: dict[tuple, list[dict]] = {}
    for number, row in enumerate(rows, 1):
        spec = specs.get(row["provision"])
        if spec is None:
            problems.append(f"version {number}: unknown provision {row['provision']!r}")
            continue
        if not spec.allows(row["value"]):
            problems.append(f"version {number} ({row['country']} {row['provision']}): value {row['value']!r} "
                            f"is not allowed")
        if row["valid_from"] and row["valid_to"] and row["valid_to"] <= row["valid_from"]:
            problems.append(f"version {number} ({row['country']} {row['provision']}): valid_to is not after "
                            f"valid_from")
        by_pair.setdefault((row["country"], row["provision"]), []).append(row)
    for (country, code), versions in by_pair.items():
        for i, a in enumerate(versions):
            for b in versions[i + 1:]:
                if _overlaps(a, b):
                    problems.append(f"{country} {code}: versions starting {a['valid_from']} and {b['valid_from']} "
                                    f"overlap")
    return problems


def _model_law_load(*, actor, model: dict) -> tuple[dict[str, int], list[Upsert], int]:
    """Upsert the model law and its provisions; remove other versions of the model law."""
    version = str(model["version"])
    older = list(ModelLaw.objects.exclude(version=version))
    for law in older:
        access.require(actor, access.Action.DELETE, law)
    ModelLaw.objects.filter(pk__in=[law.pk for law in older]).delete()
    law = rows_upsert(actor=actor, model=ModelLaw, keys="version", rows=[{
        "version": version, "title_en": model["title_en"], "title_ru": model["title_ru"],
        "description_en": model.get("description_en", ""), "description_ru": model.get("description_ru", ""),
        "judgement_scale": model.get("judgement_scale") or {},
    }])
    provisions = rows_upsert(actor=actor, model=ModelLawProvision, keys="code", rows=[
        {"code": item["code"], "position": position,
         **{f: item.get(f) if item.get(f) is not None else _EMPTY.get(f, "") for f in MODEL_FIELDS}}
        for position, item in enumerate(model["provisions"])])
    counts = {f"model_{status}": n for status, n in provisions.counts.items()}
    return counts, [law, provisions], len(older)


@transaction.atomic
def laws_load(*, actor, directory: Path | None = None) -> dict[str, int]:
    """Load the model law and the shipped provision versions from ``data/laws/`` (idempotent).

    Shipped versions are matched by (country, provision, valid_from). A version staff have
    edited is never overwritten; a shipped version no longer in the file is removed.
    A run that changes something writes one audit entry (``laws.load``) by ``actor``
    (``access.SYSTEM`` for setup); a second run writes nothing.
    Raises ``ValueError`` listing every problem when the files are not valid, and changes nothing.
    """
    directory = Path(directory or settings.DATA_DIR / "laws")
    model, rows = _read(directory)
    counts, upserts, older_laws = _model_law_load(actor=actor, model=model)
    specs = {p.code: p for p in ModelLawProvision.objects.all()}
    countries = {c.iso3: c for c in Country.objects.all()}
    parsed = []
    problems = []
    for number, row in enumerate(rows, 1):
        if row.get("country") not in countries:
            problems.append(f"version {number}: unknown country {row.get('country')!r}")
            continue
        if not row.get("sources"):
            problems.append(f"version {number}: no source")
        parsed.append({"country": row["country"], "provision": row["provision"], **_version_values(row),
                       "sources": _sources(row)})
    problems += versions_validate(specs=specs, rows=parsed)
    if problems:
        raise ValueError("data/laws/provisions.yaml is not valid:\n" + "\n".join(problems))

    versions = rows_upsert(
        actor=actor, model=LegalProvision, keys=("country", "provision", "valid_from"),
        rows=[{"country": countries[row["country"]], "provision": specs[row["provision"]],
               **{f: row[f] for f in VERSION_FIELDS}} for row in parsed],
        queryset=LegalProvision.objects.prefetch_related("sources"),
        create_defaults={"origin": LegalProvision.Origin.SHIPPED},
        protect=lambda version: version.origin == LegalProvision.Origin.STAFF)
    counts |= {"created": 0, "updated": 0, "unchanged": 0, "kept_staff_edits": 0, "removed": 0}
    new_sources = []
    for row, outcome in zip(parsed, versions.rows):
        version = outcome.obj
        if outcome.status == KEPT:
            counts["kept_staff_edits"] += 1
            continue
        if outcome.status == CREATED:
            counts["created"] += 1
            new_sources += [LegalSource(provision=version, position=i, **s) for i, s in enumerate(row["sources"])]
            continue
        old_sources = [{f: getattr(s, f) for f in SOURCE_FIELDS} for s in version.sources.all()]
        if old_sources != row["sources"]:
            version.sources.all().delete()
            new_sources += [LegalSource(provision=version, position=i, **s) for i, s in enumerate(row["sources"])]
        counts["updated" if outcome.status == UPDATED or old_sources != row["sources"] else "unchanged"] += 1
    LegalSource.objects.bulk_create(new_sources)
    listed = {row.obj.pk for row in versions.rows}
    stale = [v for v in LegalProvision.objects.filter(origin=LegalProvision.Origin.SHIPPED) if v.pk not in listed]
    for version in stale:
        access.require(actor, access.Action.DELETE, version)
    if stale:
        LegalProvision.objects.filter(pk__in=[v.pk for v in stale]).delete()
    counts["removed"] = len(stale)
    load_audit(actor=actor, action="laws.load", counts=counts, upserts=[*upserts, versions],
               changed=bool(older_laws or stale or counts["updated"]),
               details={"model_law": str(model["version"])})
    return counts


def _check(version: LegalProvision) -> None:
    others = LegalProvision.objects.filter(country=version.country, provision=version.provision).exclude(
        pk=version.pk)
    rows = [{"country": version.country.iso3, "provision": version.provision.code, "value": version.value,
             "valid_from": version.valid_from, "valid_to": version.valid_to}]
    rows += [{"country": version.country.iso3, "provision": version.provision.code, "value": o.value,
              "valid_from": o.valid_from, "valid_to": o.valid_to} for o in others]
    problems = versions_validate(specs={version.provision.code: version.provision}, rows=rows)
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def legal_provision_save(*, actor, version: LegalProvision, sources: list[dict] | None = None) -> LegalProvision:
    """Create or change one provision version as a staff edit: checked, audited, never overwritten by setup.

    The value must be allowed by the model law and the version must not overlap another
    version of the same country and provision (a reform is a new version with its own
    dates; close the earlier one with ``valid_to``). ``sources`` replaces the version's sources.
    """
    created = version.pk is None
    _check(version)
    version.origin = LegalProvision.Origin.STAFF
    version.save()
    if sources is not None:
        version.sources.all().delete()
        LegalSource.objects.bulk_create([LegalSource(provision=version, position=i,
                                                     **{f: s.get(f) or "" for f in SOURCE_FIELDS})
                                         for i, s in enumerate(sources)])
    audit_record(actor=actor, action="laws.provision_created" if created else "laws.provision_changed", obj=version,
                 details={"country": version.country.iso3, "provision": version.provision.code,
                          "valid_from": version.valid_from.isoformat() if version.valid_from else None})
    return version


@transaction.atomic
def legal_provision_reform(*, actor, country: Country, provision: ModelLawProvision, value: str,
                           valid_from: datetime.date, sources: list[dict], **fields) -> LegalProvision:
    """Record a reform: close the version in force (``valid_to = valid_from``) and add the new version."""
    current = LegalProvision.objects.filter(country=country, provision=provision, valid_to__isnull=True).first()
    if current is not None:
        if current.valid_from is not None and current.valid_from >= valid_from:
            raise ValidationError("The new version must start after the version in force.")
        current.valid_to, current.valid_to_precision = valid_from, "day"
        legal_provision_save(actor=actor, version=current)
    version = LegalProvision(country=country, provision=provision, value=value, valid_from=valid_from,
                             valid_from_precision="day", **fields)
    return legal_provision_save(actor=actor, version=version, sources=sources)


@transaction.atomic
def legal_provision_delete(*, actor, version: LegalProvision) -> None:
    audit_record(actor=actor, action="laws.provision_deleted", obj=version,
                 details={"country": version.country.iso3, "provision": version.provision.code})
    version.delete()
