"""Certificates of attendance: issued once per participant who was present, verified by their code."""

from __future__ import annotations

import secrets
import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from observatory.access import require
from observatory.audit.services import audit_record
from observatory.meetings.models import (
    Certificate,
    Meeting,
    Registration,
    RegistrationStatus,
)
from observatory.meetings.services.registrations import email_index

# No 0/O, 1/I/L: a code is read off paper and typed.
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(12))
    return "-".join(raw[i:i + 4] for i in range(0, 12, 4))


def normal_code(code: str) -> str:
    return "-".join(c for c in [code.strip().upper().replace(" ", "").replace("-", "")[i:i + 4]
                                for i in range(0, 12, 4)] if c)


def registration_by_email(*, meeting: Meeting, email: str) -> Registration:
    registration = Registration.objects.filter(meeting=meeting, email_index=email_index(email)).first()
    if registration is None:
        raise ValidationError(_("No one registered for this meeting with this e-mail address."), code="unknown")
    return registration


@transaction.atomic
def certificate_issue(*, actor, registration: Registration) -> Certificate:
    """The participant's certificate (issued on the first call, then the same one).

    Raises ``ValidationError`` when the participant was not present, ``PermissionDenied`` unless ``actor``
    keeps the meeting.
    """
    registration = Registration.objects.select_for_update().select_related("meeting").get(pk=registration.pk)
    meeting = registration.meeting
    require(actor, "change", registration)
    if registration.status != RegistrationStatus.REGISTERED or registration.checked_in_at is None:
        raise ValidationError(_("A certificate of attendance is issued only to a participant who was checked in."),
                              code="absent")
    certificate = Certificate.objects.filter(registration=registration).first()
    if certificate is None:
        certificate = Certificate(registration=registration, code=new_code())
        require(actor, "create", certificate)
        certificate.save()
        audit_record(actor=actor, action="meetings.certificate_issue", obj=registration,
                     details={"meeting": meeting.slug, "code": certificate.code})
    return certificate


def _folded(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def certificate_verify(*, code: str, name: str = "") -> tuple[Certificate | None, bool | None]:
    """The certificate of ``code`` (or ``None``), and whether ``name`` matches its holder (``None`` if not asked)."""
    from observatory.cases import crypto

    certificate = (Certificate.objects.select_related("registration__meeting__country")
                   .filter(code=normal_code(code)).first())
    if certificate is None or not name.strip():
        return certificate, None
    holder = crypto.unseal(certificate.registration, "name")
    return certificate, _folded(holder) == _folded(name)
