"""The secretariat's export of the member list, with contacts: a workbook the import reads back, audited."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from observatory.access import policy_for, scope
from observatory.audit.services import audit_record
from observatory.cases import crypto
from observatory.cases.services.exports import text_cell
from observatory.network.models import Member, MemberKind
from observatory.network.policies import MemberAction
from observatory.network.services.imports import COLUMNS, OPTIONAL_COLUMNS

EXPORT_COLUMNS = [*COLUMNS, *OPTIONAL_COLUMNS, "status", "applied", "status_changed", "regional", "id"]


@dataclass
class MemberExport:
    content: bytes
    members: int
    filename: str


def members_export(*, actor, country=None, status: str = "") -> MemberExport:
    """An XLSX workbook of the members ``actor`` may export (the secretariat: all), contacts decrypted.

    Its first columns are the import's, so the file can be imported elsewhere as it is. The export is
    audited (how many members, which contact fields, the filters), never its values.
    """
    import io

    from openpyxl import Workbook

    if not policy_for(Member).allows_any(actor, MemberAction.EXPORT):
        raise PermissionDenied
    members = scope(actor, MemberAction.EXPORT, Member).select_related("country")
    if country is not None:
        members = members.filter(country=country)
    if status:
        members = members.filter(status=status)
    members = list(members.order_by("country__iso3", "kind", "name", "pk"))
    keys = crypto.keys_for(*(getattr(m, f"{f}_enc") for m in members
                             for f in ("person_name", "contact_name", "email", "phone")))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("members")
    sheet.append(EXPORT_COLUMNS)
    with transaction.atomic():
        for m in members:
            name = m.name if m.kind == MemberKind.ORGANISATION else crypto.unseal(m, "person_name", keys=keys)
            values = {
                "name": name, "kind": m.kind, "type": m.type, "country": m.country.iso3,
                "email": crypto.unseal(m, "email", keys=keys), "phone": crypto.unseal(m, "phone", keys=keys),
                "website": m.website, "focus": ";".join(m.focus), "languages": ";".join(m.languages),
                "public": "yes" if m.public else "no", "joined": m.joined_on.isoformat() if m.joined_on else "",
                "contact_name": crypto.unseal(m, "contact_name", keys=keys), "status": m.status,
                "applied": m.applied_on.isoformat() if m.applied_on else "",
                "status_changed": m.status_changed_on.isoformat() if m.status_changed_on else "",
                "regional": "yes" if m.regional else "no", "id": str(m.uuid),
            }
            sheet.append([text_cell(sheet, values[c]) for c in EXPORT_COLUMNS])
        buffer = io.BytesIO()
        workbook.save(buffer)
        audit_record(actor=actor, action="network.export", object_type="network.member",
                     details={"members": len(members), "country": country.iso3 if country else None,
                              "status": status or None, "fields": ["person_name", "contact_name", "email", "phone"]})
    suffix = country.iso3 if country else "all"
    return MemberExport(content=buffer.getvalue(), members=len(members), filename=f"members-{suffix}.xlsx")
