"""Writes to the review tracker. Each runs in one transaction with its audit entry.

``actor`` is the user doing it, or ``access.SYSTEM`` for an operator at the command line
(and ``observatory setup``). Assessments and country round reports keep every
version: a change writes the new state to the record and a version row with it;
a save that changes nothing writes neither, and no audit entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from observatory import access
from observatory.audit.services import audit_record
from observatory.core.loaders import CREATED, UNCHANGED, UPDATED, full_clean, rows_upsert
from observatory.core.versioning import versioned_record_save
from observatory.reviews.models import (
    AssessmentVersion,
    CountryAssessment,
    CountryRoundReport,
    CountryRoundReportVersion,
    ReviewItem,
    ReviewProcess,
    ReviewRound,
    Status,
)


def normalise_links(links: Iterable[dict]) -> list[dict]:
    """Trimmed ``{"url", "title"}`` pairs; rows left entirely empty are dropped."""
    result = []
    for link in links or ():
        url = str(link.get("url") or "").strip()
        title = str(link.get("title") or "").strip()
        if url or title:
            result.append({"url": url, "title": title})
    return result


# Rounds -------------------------------------------------------------------------------------------

@transaction.atomic
def round_create(*, actor, process: ReviewProcess, year: int, is_open: bool = True) -> ReviewRound:
    """Add the round ``year`` to ``process`` (unpublished). Raises ``ValidationError`` naming ``year``."""
    review_round = ReviewRound(process=process, year=year, is_open=is_open)
    access.require(actor, access.Action.CREATE, review_round)
    if ReviewRound.objects.filter(process=process, year=year).exists():
        raise ValidationError({"year": _("This process already has a round for %(year)s.") % {"year": year}})
    review_round.full_clean()
    review_round.save()
    audit_record(actor=actor, action="review.round.create", obj=review_round,
                 details={"process": process.code, "year": year, "open": is_open})
    return review_round


@transaction.atomic
def round_update(*, actor, review_round: ReviewRound, is_open: bool | None = None,
                 published: bool | None = None) -> ReviewRound:
    """Open or close a round for entries, and publish or withdraw it. Only the given flags change."""
    access.require(actor, access.Action.CHANGE, review_round)
    changed = {}
    if is_open is not None and review_round.is_open != is_open:
        changed["is_open"] = is_open
    if published is not None and review_round.published != published:
        changed["published"] = published
    if not changed:
        return review_round
    for key, value in changed.items():
        setattr(review_round, key, value)
    fields = list(changed)
    if "published" in changed:
        review_round.published_at = timezone.now() if published else None
        fields.append("published_at")
    review_round.save(update_fields=fields)
    action = "review.round.change"
    if "published" in changed:
        action = "review.round.publish" if published else "review.round.unpublish"
    audit_record(actor=actor, action=action, obj=review_round,
                 details={"process": review_round.process.code, "year": review_round.year, **changed})
    return review_round


# Assessments and country reports ------------------------------------------------------------------

@transaction.atomic
def assessment_save(
    *,
    actor,
    review_round: ReviewRound,
    item: ReviewItem,
    country,
    status: str,
    evidence: Iterable[dict] = (),
    comment_en: str = "",
    comment_ru: str = "",
) -> tuple[CountryAssessment, bool]:
    """Record civil society's assessment of ``item`` for ``country`` in ``review_round``.

    Creates the assessment or changes it; returns it and whether anything
    changed. Each change adds a version (the full new state) and an audit entry
    naming the changed fields. Raises ``PermissionDenied`` when the actor may
    not write it (not their country, or the round is closed) and
    ``ValidationError`` naming the field when a value is wrong.
    """
    if status not in Status.values:
        raise ValidationError({"status": _("Choose a status.")})
    values = {"status": status, "evidence": normalise_links(evidence), "comment_en": (comment_en or "").strip(),
              "comment_ru": (comment_ru or "").strip()}
    assessment = (CountryAssessment.objects.select_for_update()
                  .filter(round=review_round, item=item, country=country).first()
                  or CountryAssessment(round=review_round, item=item, country=country, version=0))
    saved = versioned_record_save(actor=actor, record=assessment, values=values, version=AssessmentVersion.of)
    if not saved.changed:
        return assessment, False
    details = {"process": review_round.process.code, "year": review_round.year, "country": country.iso3,
               "item": item.code, "version": assessment.version, "fields": list(saved.fields)}
    if saved.before.get("status") != status:
        details["status"] = {"from": saved.before.get("status"), "to": status}
    audit_record(actor=actor, action="review.assessment.create" if saved.created else "review.assessment.change",
                 obj=assessment, details=details)
    return assessment, True


def _report_values(fields: dict) -> dict:
    values = {}
    for name in CountryRoundReport.FIELDS:
        value = fields.get(name)
        if name == "funding_amount":
            try:
                value = None if value in (None, "") else Decimal(str(value)).quantize(Decimal("0.01"))
            except InvalidOperation:
                raise ValidationError({name: _("Enter the amount as a number.")}) from None
        elif name == "funding_year":
            try:
                value = None if value in (None, "") else int(value)
            except (TypeError, ValueError):
                raise ValidationError({name: _("Enter the year as a number.")}) from None
        else:
            value = (value or "").strip()
            if name == "funding_currency":
                value = value.upper()
        values[name] = value
    return values


@transaction.atomic
def country_report_save(*, actor, review_round: ReviewRound, country, **fields) -> tuple[CountryRoundReport, bool]:
    """Record the shadow report's introduction and the state funding for harm reduction for one country and round.

    ``fields`` are those of :attr:`CountryRoundReport.FIELDS`; a field left out is
    cleared. An amount needs its currency, year and source link. Versioned and
    audited like :func:`assessment_save`; returns the report and whether anything changed.
    """
    unknown = set(fields) - set(CountryRoundReport.FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    values = _report_values(fields)
    report = (CountryRoundReport.objects.select_for_update()
              .filter(round=review_round, country=country).first()
              or CountryRoundReport(round=review_round, country=country, version=0))
    saved = versioned_record_save(actor=actor, record=report, values=values, version=CountryRoundReportVersion.of)
    if not saved.changed:
        return report, False
    audit_record(actor=actor, action="review.report.create" if saved.created else "review.report.change", obj=report,
                 details={"process": review_round.process.code, "year": review_round.year, "country": country.iso3,
                          "version": report.version, "fields": list(saved.fields)})
    return report, True


# Shipped processes --------------------------------------------------------------------------------

PROCESS_FIELDS = ("title_en", "title_ru", "short_title_en", "short_title_ru", "description_en", "description_ru",
                  "sources", "position")
ITEM_FIELDS = ("number", "reference", "group_en", "group_ru", "title_en", "title_ru", "description_en",
               "description_ru", "position", "active")


def _read_process_file(path: Path) -> dict:
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("code", "title_en", "title_ru", "sources", "items"):
        if not spec.get(key):
            raise ValueError(f"{path.name}: '{key}' is missing")
    codes = [item.get("code") for item in spec["items"]]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise ValueError(f"{path.name}: item codes repeated: {', '.join(duplicates)}")
    for item in spec["items"]:
        for key in ("code", "number", "title_en", "title_ru"):
            if not item.get(key):
                raise ValueError(f"{path.name}: item {item.get('code', '?')}: '{key}' is missing")
    return spec


@transaction.atomic
def reviews_load(*, actor, directory: Path | None = None) -> dict[str, int]:
    """Create or update the review processes and their items from ``data/reviews/*.yaml``.

    Idempotent: a second run changes nothing and writes no audit entry. Each
    process created or changed (or whose items changed) gets one audit entry,
    written by ``actor`` (``access.SYSTEM`` for setup). Items are never deleted
    (assessments refer to them): an item no longer in its file is marked
    inactive. Rounds and assessments are not shipped; admins open rounds and
    coordinators record assessments.
    """
    directory = Path(directory or settings.DATA_DIR / "reviews")
    files = [(path, _read_process_file(path)) for path in sorted(directory.glob("*.yaml"))]
    defaults = {"sources": [], "position": 0}
    processes = rows_upsert(
        actor=actor, model=ReviewProcess, keys="code", clean=full_clean,
        rows=[{"code": spec["code"], **{key: spec.get(key, defaults.get(key, "")) for key in PROCESS_FIELDS}}
              for _path, spec in files])
    item_rows = []
    for (_path, spec), process in zip(files, processes.objects):
        for position, entry in enumerate(spec["items"], start=1):
            item_rows.append({"process": process, "code": entry["code"],
                              **{key: entry.get(key, "") for key in ITEM_FIELDS if key not in ("position", "active")},
                              "position": position, "active": True})
    items = rows_upsert(actor=actor, model=ReviewItem, keys=("process", "code"), rows=item_rows, clean=full_clean)
    listed = {(row.obj.process_id, row.obj.code) for row in items.rows}
    retired = [item for item in ReviewItem.objects.filter(process__in=processes.objects, active=True)
               if (item.process_id, item.code) not in listed]
    for item in retired:
        access.require(actor, access.Action.CHANGE, item)
        item.active = False
    ReviewItem.objects.bulk_update(retired, ["active"])

    counts = {"processes created": processes.counts["created"], "processes updated": processes.counts["updated"],
              "items created": items.counts["created"], "items updated": items.counts["updated"] + len(retired),
              "unchanged": processes.counts["unchanged"] + items.counts["unchanged"]}
    for (path, _spec), outcome in zip(files, processes.rows):
        process = outcome.obj
        own = [row for row in items.rows if row.obj.process_id == process.pk]
        item_changes = {"created": [row.obj.code for row in own if row.status == CREATED],
                        "updated": [row.obj.code for row in own if row.status == UPDATED],
                        "deactivated": [item.code for item in retired if item.process_id == process.pk]}
        if outcome.status != UNCHANGED or any(item_changes.values()):
            audit_record(actor=actor, action=f"review.process.{'create' if outcome.status == CREATED else 'change'}",
                         obj=process, details={"file": path.name, "fields": sorted(outcome.fields),
                                               **{k: v for k, v in item_changes.items() if v}})
    return counts


# Catalogue edits from the admin pages -------------------------------------------------------------

@transaction.atomic
def catalogue_save(*, actor, obj: ReviewProcess | ReviewItem, fields: Iterable[str] = ()) -> ReviewProcess | ReviewItem:
    """Create or change a process or an item (admins only), audited with the names of the changed fields.

    A later ``observatory setup`` puts back what the shipped YAML says for the
    fields it holds; lasting changes to shipped processes belong in ``data/reviews/``.
    """
    creating = obj.pk is None
    access.require(actor, access.Action.CREATE if creating else access.Action.CHANGE, obj)
    obj.full_clean()
    obj.save()
    kind = "process" if isinstance(obj, ReviewProcess) else "item"
    audit_record(actor=actor, action=f"review.{kind}.{'create' if creating else 'change'}", obj=obj,
                 details={"fields": sorted(fields)})
    return obj
