"""Membership applications: the public form's submission, and a coordinator's decision (the applicant is told)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from observatory.access import check_actor, require
from observatory.audit.services import audit_record
from observatory.cases import crypto
from observatory.cases.services.keys import data_key_for
from observatory.countries.models import Country
from observatory.network.models import Member, MemberKind, MemberStatus
from observatory.network.policies import MemberAction
from observatory.network.services.imports import email_index
from observatory.network.signals import listing_changed


@dataclass
class ApplicationData:
    kind: str
    name: str
    type: str
    country: Country
    email: str
    phone: str = ""
    website: str = ""
    contact_name: str = ""
    focus: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    public: bool = False
    regional: bool = False


def application_submit(*, actor, data: ApplicationData, language: str) -> tuple[Member, bool]:
    """Record an application (status "applied"); the same e-mail address applying again returns the first one.

    The applicant gets an e-mail in ``language`` saying it was received.
    """
    check_actor(actor, "application_submit")
    index = email_index(data.email)
    with transaction.atomic():
        existing = Member.objects.select_for_update().filter(email_index=index, status=MemberStatus.APPLIED).first()
        if existing is not None:
            return existing, False
        member = Member(kind=data.kind, type=data.type, country=data.country, focus=data.focus,
                        languages=data.languages, website=data.website, public=data.public, regional=data.regional,
                        status=MemberStatus.APPLIED, applied_on=timezone.now().date(),
                        name=data.name if data.kind == MemberKind.ORGANISATION else "", email_index=index)
        require(actor, MemberAction.CREATE, member)
        key = data_key_for(country=data.country)
        if data.kind == MemberKind.INDIVIDUAL:
            crypto.seal(member, "person_name", data.name, key=key)
        for name in ("contact_name", "email", "phone"):
            crypto.seal(member, name, getattr(data, name), key=key)
        member.save()
        audit_record(actor=actor, action="network.apply", obj=member,
                     details={"kind": member.kind, "country": data.country.iso3, "public": data.public})
        _notify(member, "received", language)
    return member, True


@transaction.atomic
def application_decide(*, actor, member: Member, approve: bool, language: str) -> Member:
    """Approve or decline an application; the applicant is told by e-mail (sent by the worker)."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    require(actor, MemberAction.CHANGE, member)
    if member.status != MemberStatus.APPLIED:
        raise ValidationError(_("This application was already decided."), code="decided")
    today = timezone.now().date()
    member.status = MemberStatus.APPROVED if approve else MemberStatus.DECLINED
    member.status_changed_on = today
    member.joined_on = today if approve else None
    member.save(update_fields=["status", "status_changed_on", "joined_on"])
    audit_record(actor=actor, action="network.approve" if approve else "network.decline", obj=member,
                 details={"country": member.country.iso3, "notified": bool(member.email_enc)})
    _notify(member, "approved" if approve else "declined", language)
    listing_changed.send(sender=Member, member=member)
    return member


def _notify(member: Member, event: str, language: str) -> None:
    """Queue the applicant's e-mail by the member's id: the address is decrypted by the worker when it sends."""
    from observatory.network.tasks import applicant_email_task

    if member.email_enc:
        applicant_email_task.enqueue(member_id=str(member.uuid), event=event, language=language)
