"""Supplying and reviewing national figures; accepting one imports it with its own source, audited.

A submission is all or nothing: every field is checked and each problem named (a row by its number).
Sending the same figure twice returns the first submission. Accepting writes the observations through the
indicator importer (all or nothing, as every import) with a source made for the document and the flag
``national_via_network``; the review and the import are one transaction with the audit entry.
"""

from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from observatory import access
from observatory.audit.services import audit_record
from observatory.figures.models import NATIONAL_FLAG, FigureSubmission, SubmissionStatus

MAX_ROWS = 30
MAX_FILE_BYTES = 10 * 1024 * 1024
FILE_TYPES = {"application/pdf": "pdf",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
              "application/vnd.oasis.opendocument.text": "odt", "image/png": "png", "image/jpeg": "jpg"}


@dataclass
class FigureData:
    country: object
    indicator: object
    rows: list[dict]  # [{"year": int | None, "value": float | None, "note": str}]
    document_title: str
    publisher: str
    page: str
    document_url: str = ""
    document_file: object = None  # an uploaded file, or None
    comment: str = ""
    errors: dict = field(default_factory=dict)  # problems found while reading the form (e.g. a number)


def figure_errors(data: FigureData) -> dict[str, str]:
    errors = dict(data.errors)
    this_year = timezone.localdate().year
    if not data.rows:
        errors["rows"] = _("Give at least one year and value.")
    if len(data.rows) > MAX_ROWS:
        errors["rows"] = _("At most %(n)s rows; send a longer table to the secretariat.") % {"n": MAX_ROWS}
    years = [r.get("year") for r in data.rows]
    for number, row in enumerate(data.rows, start=1):
        year, value = row.get("year"), row.get("value")
        if year is None or not 1990 <= year <= this_year:
            errors[f"rows.{number}.year"] = _("Row %(n)s: a year from 1990 to %(y)s.") % {"n": number, "y": this_year}
        if value is None or value < 0:
            errors[f"rows.{number}.value"] = _("Row %(n)s: a number, 0 or more.") % {"n": number}
        elif _is_percent(data.indicator) and value > 100:
            errors[f"rows.{number}.value"] = _("Row %(n)s: a percentage is at most 100.") % {"n": number}
    if len(set(years)) != len(years):
        errors["rows"] = _("Each year once: the table has a year twice.")
    if not data.document_title.strip():
        errors["document_title"] = _("Name the document the figure is in.")
    if not data.publisher.strip():
        errors["publisher"] = _("Name who published the document (a ministry, an institute, your organisation).")
    if not data.page.strip():
        errors["page"] = _("Say where in the document: a page, a table or a section.")
    if not data.document_url.strip() and data.document_file is None:
        errors["document_url"] = _("Give the document's address, or attach the document.")
    if data.document_file is not None:
        errors.update(_file_errors(data.document_file))
    return errors


def _is_percent(indicator) -> bool:
    unit = (getattr(indicator, "unit_en", "") or "").lower()
    return "%" in unit or "percent" in unit


def _file_errors(upload) -> dict[str, str]:
    if upload.size > MAX_FILE_BYTES:
        return {"document_file": _("The file is larger than 10 MB; give the document's address instead.")}
    if _mime(upload) not in FILE_TYPES:
        return {"document_file": _("Attach a PDF, DOCX, XLSX, ODT, PNG or JPEG file.")}
    return {}


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError({key: [message] for key, message in errors.items()})


@transaction.atomic
def figure_submit(*, actor, data: FigureData) -> tuple[FigureSubmission, bool]:
    """Record a submission; the same figure from the same person, still awaiting review, is not recorded twice."""
    _raise(figure_errors(data))
    rows = [{"year": r["year"], "value": float(r["value"]), "note": (r.get("note") or "").strip()[:300]}
            for r in data.rows]
    submission = FigureSubmission(
        country=data.country, indicator=data.indicator, rows=rows, document_title=data.document_title.strip(),
        publisher=data.publisher.strip(), document_url=data.document_url.strip(), page=data.page.strip(),
        comment=data.comment.strip(), organisation_id=getattr(actor, "organisation_id", None),
        submitted_by=actor if getattr(actor, "is_authenticated", False) else None)
    access.require(actor, "create", submission)
    same = FigureSubmission.objects.select_for_update().filter(
        submitted_by=submission.submitted_by, country=data.country, indicator=data.indicator, rows=rows,
        document_title=submission.document_title, page=submission.page, status=SubmissionStatus.SUBMITTED).first()
    if same is not None:
        return same, False
    if data.document_file is not None:
        extension = FILE_TYPES[_mime(data.document_file)]  # checked by figure_errors: a known type
        submission.document_file.save(f"{submission.uuid}.{extension}", data.document_file, save=False)
    submission.full_clean()
    submission.save()
    audit_record(actor=actor, action="figures.submit", obj=submission,
                 details={"country": data.country.iso3, "indicator": data.indicator.code, "rows": len(rows)})
    return submission, True


def _mime(upload) -> str:
    """The file's type read from its first bytes ('' when unknown), the position left at the start."""
    import filetype

    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    return kind.mime if kind else ""


def _source_for(submission: FigureSubmission):
    from observatory.indicators.models import Source

    key = f"network-{submission.uuid.hex[:12]}"
    source, _created = Source.objects.get_or_create(key=key, defaults={
        "publisher": submission.publisher[:300], "dataset": submission.document_title[:500],
        "edition": submission.page[:100], "url": submission.document_url,
        "licence": "", "retrieved": timezone.localdate(),
        "citation_en": f"{submission.publisher}. {submission.document_title}, {submission.page}. "
                       f"National source supplied through the network and reviewed on {timezone.localdate():%Y-%m-%d}.",
        "citation_ru": f"{submission.publisher}. {submission.document_title}, {submission.page}. "
                       f"Национальный источник, предоставленный через сеть и проверенный "
                       f"{timezone.localdate():%d.%m.%Y}.",
    })
    return source


def _import(submission: FigureSubmission, source) -> int:
    from observatory.indicators.services.imports import observations_import

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"figure-{submission.uuid}.csv"
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["indicator", "country", "period", "value", "flags", "note", "source"])
        for row in submission.rows:
            writer.writerow([submission.indicator.code, submission.country.iso3, row["year"], row["value"],
                             NATIONAL_FLAG, row.get("note") or "", source.key])
        path.write_text(out.getvalue(), encoding="utf-8")
        result = observations_import(path=path, actor=access.SYSTEM, display_name=path.name, report_dir=directory)
    if not result.ok:
        problems = "; ".join(str(i) for i in result.issues[:3]) or result.message
        raise ValidationError(_("The figure could not be imported: %(problems)s") % {"problems": problems})
    return result.inserted + result.updated


@transaction.atomic
def figure_review(*, actor, submission: FigureSubmission, accept: bool, reason: str = "") -> FigureSubmission:
    """Accept (import the figure with its source) or reject (with a reason) a submission awaiting review."""
    submission = FigureSubmission.objects.select_for_update().select_related("country", "indicator").get(
        pk=submission.pk)
    access.require(actor, "change", submission)
    if submission.submitted_by_id and submission.submitted_by_id == getattr(actor, "pk", None):
        raise PermissionDenied("a reviewer does not review their own submission")
    if submission.status != SubmissionStatus.SUBMITTED:
        raise ValidationError(_("This submission was already reviewed."), code="reviewed")
    if not accept and not reason.strip():
        raise ValidationError({"reason": [_("Say why it is rejected, so the member can correct it.")]})
    imported = 0
    if accept:
        source = _source_for(submission)
        imported = _import(submission, source)
        submission.source = source
    submission.status = SubmissionStatus.ACCEPTED if accept else SubmissionStatus.REJECTED
    submission.reason = reason.strip()
    submission.reviewed_by = actor if getattr(actor, "is_authenticated", False) else None
    submission.reviewed_at = timezone.now()
    submission.save()
    audit_record(actor=actor, action="figures.accept" if accept else "figures.reject", obj=submission,
                 details={"country": submission.country.iso3, "indicator": submission.indicator.code,
                          "observations": imported})
    return submission


