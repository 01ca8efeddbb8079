"""Registering for a meeting, withdrawing, and checking in.

A registration is idempotent: the same e-mail address registering again for the same meeting finds the
first registration (by the address's keyed hash) and never makes a second. Only the first answer carries
the private link; later ones say the link was sent again to the address, so knowing someone's e-mail
never opens their registration.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from observatory.access import check_actor, require
from observatory.audit.services import audit_record
from observatory.cases import crypto
from observatory.cases.services.keys import data_key_for
from observatory.meetings.models import (
    Meeting,
    Registration,
    RegistrationStatus,
    Sector,
)

IDENTITY_FIELDS = ("name", "email", "organisation", "needs", "token")
LIMITS = {"name": 200, "email": 254, "organisation": 300, "needs": 2000}


@dataclass
class RegistrationData:
    name: str
    email: str
    sector: str
    consent: bool
    organisation: str = ""
    needs: str = ""


def email_index(email: str) -> str:
    return crypto.link_index("meeting_email", email.strip().lower())


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def registration_errors(data: RegistrationData) -> dict[str, str]:
    errors = {}
    if not data.name.strip():
        errors["name"] = _("Write your name as it should appear on your badge and certificate.")
    try:
        validate_email(data.email.strip())
    except ValidationError:
        errors["email"] = _("Write an e-mail address such as name@example.org: the private link is sent there.")
    if data.sector not in Sector.values:
        errors["sector"] = _("Choose the sector you work in from the list.")
    if data.consent is not True:
        errors["consent"] = _("Registration needs your consent to keep these details for this meeting.")
    for field, limit in LIMITS.items():
        if len(getattr(data, field) or "") > limit:
            errors[field] = _("At most %(n)s characters.") % {"n": limit}
    return errors


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError({key: [message] for key, message in errors.items()})


@transaction.atomic
def registration_submit(*, actor, meeting: Meeting, data: RegistrationData, language: str
                        ) -> tuple[Registration, bool, str]:
    """Register for ``meeting``; returns the registration, whether it is new, and the private link's token.

    The token is returned only for a new registration (and for one withdrawn and made again); for an
    address already registered it is "" and the private link is e-mailed to that address again.
    Raises ``PermissionDenied`` when the meeting is not open for registration (the access policy), and
    ``ValidationError`` naming each wrong field.
    """
    check_actor(actor, "registration_submit")
    _raise(registration_errors(data))
    index = email_index(data.email)
    existing = Registration.objects.select_for_update().filter(meeting=meeting, email_index=index).first()
    if existing is not None and existing.status == RegistrationStatus.REGISTERED:
        _send_link(existing, language, reason="again")
        return existing, False, ""
    registration = existing or Registration(meeting=meeting, email_index=index)
    require(actor, "create", Registration(meeting=meeting))
    token = secrets.token_urlsafe(24)
    registration.token_hash = token_hash(token)
    registration.checkin_code = registration.checkin_code or secrets.token_urlsafe(12)
    registration.sector = data.sector
    registration.language = language if language in ("en", "ru") else "en"
    registration.consent_at = timezone.now()
    registration.status = RegistrationStatus.REGISTERED
    registration.withdrawn_at = None
    key = data_key_for(country=meeting.country)
    values = {"name": data.name.strip(), "email": data.email.strip(), "organisation": data.organisation.strip(),
              "needs": data.needs.strip(), "token": token}
    for field, value in values.items():
        crypto.seal(registration, field, value, key=key)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:  # the same address registered in a request that committed first
        first = Registration.objects.get(meeting=meeting, email_index=index)
        return first, False, ""
    audit_record(actor=actor, action="meetings.register", obj=registration,
                 details={"meeting": meeting.slug, "sector": data.sector, "again": existing is not None})
    _send_link(registration, language, reason="new")
    return registration, True, token


def _send_link(registration: Registration, language: str, *, reason: str) -> None:
    """Queue the e-mail with the private link by the registration's id; the worker decrypts the address."""
    from observatory.meetings.tasks import registration_email_task

    transaction.on_commit(lambda: registration_email_task.enqueue(
        registration_id=str(registration.uuid), event="registered" if reason == "new" else "link_again",
        language=language))


def registration_by_token(token: str) -> Registration | None:
    """The registration a private link opens (any status), or ``None``."""
    if not token or len(token) > 100:
        return None
    return Registration.objects.select_related("meeting", "meeting__country").filter(
        token_hash=token_hash(token)).first()


@transaction.atomic
def registration_withdraw(*, token: str) -> Registration | None:
    """Withdraw the registration of a private link (the token authorises it). Idempotent."""
    from observatory.access import SYSTEM

    registration = registration_by_token(token)
    if registration is None:
        return None
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.WITHDRAWN:
        return registration
    registration.status = RegistrationStatus.WITHDRAWN
    registration.withdrawn_at = timezone.now()
    registration.save(update_fields=["status", "withdrawn_at"])
    audit_record(actor=SYSTEM, action="meetings.withdraw", obj=registration,
                 details={"meeting": registration.meeting.slug, "by": "participant's private link"})
    return registration


@transaction.atomic
def registration_check_in(*, actor, meeting: Meeting, code: str) -> tuple[Registration, bool]:
    """Mark a participant present by the code in their QR code; returns the registration and whether it changed.

    Raises ``Registration.DoesNotExist`` for a code of no registration of this meeting, ``PermissionDenied``
    unless ``actor`` keeps the meeting, and ``ValidationError`` for a withdrawn registration.
    """
    registration = Registration.objects.select_for_update().get(meeting=meeting, checkin_code=code)
    require(actor, "change", registration)
    if registration.status == RegistrationStatus.WITHDRAWN:
        raise ValidationError(_("This registration was withdrawn."), code="withdrawn")
    if registration.checked_in_at is not None:
        return registration, False
    registration.checked_in_at = timezone.now()
    registration.save(update_fields=["checked_in_at"])
    audit_record(actor=actor, action="meetings.check_in", obj=registration, details={"meeting": meeting.slug})
    return registration, True


@transaction.atomic
def reminders_send(*, days: int = 2, today=None) -> int:
    """Queue a reminder for each registration to a meeting starting within ``days`` that has none yet."""
    import datetime as dt

    today = today or timezone.localdate()
    due = (Registration.objects.select_for_update()
           .filter(status=RegistrationStatus.REGISTERED, reminded_at__isnull=True,
                   meeting__starts_on__gte=today, meeting__starts_on__lte=today + dt.timedelta(days=days)))
    from observatory.meetings.tasks import registration_email_task

    count = 0
    for registration in due:
        registration.reminded_at = timezone.now()
        registration.save(update_fields=["reminded_at"])
        transaction.on_commit(lambda r=registration: registration_email_task.enqueue(
            registration_id=str(r.uuid), event="reminder", language=r.language))
        count += 1
    return count
