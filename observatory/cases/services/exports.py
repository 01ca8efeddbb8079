"""Exporting a country's cases to an XLSX workbook, with identities only for a role that may see them."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch

from observatory.access import is_system
from observatory.audit.services import audit_record
from observatory.cases.models import Act, Case, Victim
from observatory.cases.policies import CASES, CaseAction
from observatory.cases.selectors import case_identities_for_export
from observatory.cases.values import format_occurred
from observatory.countries.models import Country

COLUMNS = ["reference", "id", "organisation", "country", "region", "occurred_on", "date_precision", "channel",
           "status", "self_reported", "consent_document", "consent_share_network", "consent_advocacy",
           "consent_contact", "sex", "age_group", "key_populations", "violations", "perpetrators", "place_types",
           "responses", "created_at"]
IDENTITY_COLUMNS = ["identity", "victim_name", "victim_contact", "victim_date_of_birth", "victim_address",
                    "client_code", "narrative"]


@dataclass
class ExportResult:
    path: Path
    cases: int
    with_identities: int


class ExportFailed(ValidationError):
    """An export that could not be written. The message names the case and never holds a field's value."""


def spreadsheet_text(value) -> str:
    """``value`` as text a workbook accepts: control characters (``\\x00``-``\\x1f`` but tab and newlines)
    are replaced by U+FFFD, so one stray byte in a record never stops a country's export."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", "" if value is None else str(value))


def text_cell(sheet, value):
    """A text cell that a spreadsheet shows as typed and never runs as a formula (a narrative may start with =)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=spreadsheet_text(value))
    cell.data_type = "s"
    return cell


def _audit_attempt(*, actor, country: str, with_identities: bool, outcome: str, reason: str = "") -> None:
    """Record an export that did not happen, in its own transaction, so the failure's rollback keeps it."""
    with transaction.atomic():
        audit_record(actor=actor, action=f"cases.export.{outcome}", object_type="cases.case",
                     details={"country": (country or "")[:3].upper(), "with_identities": with_identities,
                              "reason": reason})


def _cases(actor, country: Country):
    victims = Victim.objects.select_related("sex", "age_group").prefetch_related("key_populations").order_by("pk")
    acts = Act.objects.select_related("violation", "place_type").prefetch_related("perpetrators")
    return (CASES.scope(actor, CaseAction.VIEW).filter(country=country).select_related("organisation", "channel", "country")
            .prefetch_related(Prefetch("victims", queryset=victims), Prefetch("acts", queryset=acts), "responses")
            .order_by("created_at", "pk"))


def _row(case: Case) -> list:
    victim = next(iter(case.victims.all()), None)
    acts = list(case.acts.all())
    return [
        case.reference, str(case.uuid), case.organisation.slug if case.organisation else "", case.country.iso3,
        case.region, format_occurred(case.occurred_on, case.occurred_precision), case.occurred_precision,
        case.channel.code if case.channel else "", case.status, case.self_reported, case.consent_document,
        case.consent_share_network, case.consent_advocacy, case.consent_contact,
        victim.sex.code if victim and victim.sex else "", victim.age_group.code if victim and victim.age_group else "",
        ";".join(t.code for t in victim.key_populations.all()) if victim else "",
        ";".join(a.violation.code for a in acts),
        ";".join(sorted({p.code for a in acts for p in a.perpetrators.all()})),
        ";".join(sorted({a.place_type.code for a in acts if a.place_type})),
        len(case.responses.all()), case.created_at.isoformat(timespec="seconds"),
    ]


def cases_export(*, actor, country: str, path: Path | str, with_identities: bool = False) -> ExportResult:
    """Write the cases of ``country`` that ``actor`` may see (all of them for an operator) to ``path``.

    Identity columns are filled only with ``with_identities`` and a named
    ``actor``, and only for cases whose identities that account may see; each
    such case gets an audit entry, and the export as a whole one more. The file
    is created readable by its owner only.
    """
    country_obj = Country.objects.filter(iso3=(country or "").upper()[:3]).first()
    refusal = None
    if country_obj is None:
        refusal = ValidationError({"country": "unknown country code: use an ISO3 code such as UKR"})
    elif with_identities and is_system(actor):
        refusal = ValidationError({"as": "identities are exported only under a named account (--as USERNAME)"})
    elif with_identities and not CASES.allows_any(actor, CaseAction.VIEW_IDENTITY):
        refusal = PermissionDenied()  # analysts and admins never see identities
    if refusal is not None:
        _audit_attempt(actor=actor, country=country, with_identities=with_identities, outcome="refused",
                       reason=type(refusal).__name__)
        raise refusal
    path = Path(path)
    try:
        return _export(actor=actor, country=country_obj, path=path, with_identities=with_identities)
    except ExportFailed as failure:
        path.unlink(missing_ok=True)
        _audit_attempt(actor=actor, country=country_obj.iso3, with_identities=with_identities, outcome="failed",
                       reason=failure.messages[0])
        raise


def _sheet_row(sheet, case: Case, identities: dict, *, with_identities: bool) -> list:
    row = [text_cell(sheet, v) if isinstance(v, str) else v for v in _row(case)]
    if with_identities:
        identity = identities.get(case.pk)
        victim = identity.victim if identity else None
        row += [text_cell(sheet, v) for v in (
            "shown" if identity else "withheld: this account may not see it",
            victim.name if victim else "", victim.contact if victim else "",
            victim.date_of_birth if victim else "", victim.address if victim else "",
            victim.client_code if victim else "", identity.narrative if identity else "")]
    return row


def _export(*, actor, country: Country, path: Path, with_identities: bool) -> ExportResult:
    from openpyxl import Workbook

    country_obj = country
    with transaction.atomic():
        cases = list(_cases(actor, country_obj))
        identities = case_identities_for_export(user=actor, cases=cases) if with_identities else {}
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("cases")
        sheet.append(COLUMNS + (IDENTITY_COLUMNS if with_identities else []))
        for case in cases:
            try:
                sheet.append(_sheet_row(sheet, case, identities, with_identities=with_identities))
            except Exception as error:  # the value is in the error's text: never pass it on
                raise ExportFailed(f"case {case.reference} could not be written ({type(error).__name__}); "
                                   "nothing was exported") from None
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                workbook.save(handle)
        except Exception as error:
            raise ExportFailed(f"the workbook could not be saved ({type(error).__name__}); "
                               "nothing was exported") from None
        audit_record(actor=actor, action="cases.export", object_type="cases.case",
                     details={"country": country_obj.iso3, "cases": len(cases), "with_identities": with_identities,
                              "identities_exported": len(identities),
                              "fields": IDENTITY_COLUMNS[1:] if identities else []})
    return ExportResult(path=path, cases=len(cases), with_identities=len(identities))
