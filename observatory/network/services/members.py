"""Changing a member: its status over time, and its details and contacts (re-encrypted when the country changes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from observatory.access import require
from observatory.audit.services import audit_record
from observatory.cases import crypto
from observatory.cases.services.keys import data_key_for
from observatory.countries.models import Country
from observatory.network.models import FOCUS_AREAS, LANGUAGES, Member, MemberKind, MemberStatus, MemberType
from observatory.network.policies import MemberAction
from observatory.network.services.imports import email_index
from observatory.network.signals import listing_changed

MANAGED_STATUSES = (MemberStatus.APPROVED, MemberStatus.SUSPENDED, MemberStatus.LAPSED)


@transaction.atomic
def member_status_change(*, actor, member: Member, status: str, on: dt.date) -> Member:
    """Suspend, lapse or reinstate an approved member, from a date (not in the future); audited."""
    member = Member.objects.select_for_update().get(pk=member.pk)
    require(actor, MemberAction.CHANGE, member)
    if status not in MANAGED_STATUSES or member.status not in MANAGED_STATUSES:
        raise ValidationError(_("Only an approved, suspended or lapsed member's status can change here."),
                              code="status")
    if on > timezone.now().date():
        raise ValidationError(_("The date cannot be in the future."), code="future")
    if member.joined_on and on < member.joined_on:
        raise ValidationError(_("The date cannot be before the member joined."), code="before_joined")
    previous = member.status
    member.status, member.status_changed_on = status, on
    member.save(update_fields=["status", "status_changed_on"])
    audit_record(actor=actor, action="network.status", obj=member,
                 details={"from": previous, "to": status, "on": on.isoformat()})
    listing_changed.send(sender=Member, member=member)
    return member


@dataclass
class MemberChange:
    """A member's new details; a contact left as ``None`` keeps its stored value."""

    name: str
    type: str
    country: Country
    regional: bool = False
    focus: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    website: str = ""
    public: bool = False
    contact_name: str | None = None
    email: str | None = None
    phone: str | None = None


SEALED = ("person_name", "contact_name", "email", "phone")
PLAIN_FIELDS = ("name", "type", "country_id", "regional", "focus", "languages", "website", "public")


def member_change_errors(member: Member, change: MemberChange) -> dict[str, str]:
    """Field → what to fix (empty when the change can be saved)."""
    errors = {}
    name = change.name.strip()
    if not name:
        errors["name"] = _("A member needs a name.")
    elif member.kind == MemberKind.ORGANISATION and Member.objects.filter(
            kind=MemberKind.ORGANISATION, country=change.country, name__iexact=name).exclude(pk=member.pk).exists():
        errors["name"] = _("Another member organisation in this country has this name.")
    if change.type and change.type not in MemberType.values:
        errors["type"] = _("Choose a type from the list.")
    if [c for c in change.focus if c not in FOCUS_AREAS]:
        errors["focus"] = _("Choose focus areas from the list.")
    if [c for c in change.languages if c not in LANGUAGES]:
        errors["languages"] = _("Choose languages from the list.")
    if change.email:
        other = Member.objects.filter(email_index=email_index(change.email)).exclude(pk=member.pk)
        if member.kind == MemberKind.INDIVIDUAL and other.filter(kind=MemberKind.INDIVIDUAL).exists():
            errors["email"] = _("Another individual member has this e-mail address.")
    return errors


@transaction.atomic
def member_update(*, actor, member: Member, change: MemberChange) -> Member:
    """Change a member's details and contacts; moving it to another country re-encrypts its contacts there.

    Changing contacts, an individual's name or the country needs the right to see contacts too.
    The audit entry names the fields that changed, never their values.
    """
    member = Member.objects.select_for_update().select_related("country").get(pk=member.pk)
    require(actor, MemberAction.CHANGE, member)
    moving = change.country.pk != member.country_id
    if moving or member.kind == MemberKind.INDIVIDUAL or any(
            getattr(change, f) is not None for f in ("contact_name", "email", "phone")):
        require(actor, MemberAction.VIEW_CONTACTS, member)
    errors = member_change_errors(member, change)
    if errors:
        raise ValidationError({key: [message] for key, message in errors.items()})
    old_country = member.country
    plain = {f: crypto.unseal(member, f) for f in SEALED}  # compared and re-sealed, never shown
    wanted = dict(plain)
    for f in ("contact_name", "email", "phone"):
        if getattr(change, f) is not None:
            wanted[f] = getattr(change, f).strip()
    name = change.name.strip()
    if member.kind == MemberKind.INDIVIDUAL:
        wanted["person_name"] = name
    before = {f: getattr(member, f) for f in PLAIN_FIELDS}
    member.type, member.country, member.regional = change.type, change.country, change.regional
    member.focus, member.languages = sorted(set(change.focus)), sorted(set(change.languages))
    member.website, member.public = change.website.strip(), change.public
    if member.kind == MemberKind.ORGANISATION:
        member.name = name
    if moving:  # the new country must be in the actor's scope too (an unsaved copy is checked as it is)
        moved = Member(kind=member.kind, country=member.country, status=member.status, public=member.public,
                       organisation_id=member.organisation_id)
        require(actor, MemberAction.CHANGE, moved)
        require(actor, MemberAction.VIEW_CONTACTS, moved)
    changed = [f for f in PLAIN_FIELDS if getattr(member, f) != before[f]]
    changed += [f for f in SEALED if wanted[f] != plain[f]]
    key = data_key_for(country=member.country)
    for f in SEALED:
        if moving or wanted[f] != plain[f]:
            crypto.seal(member, f, wanted[f], key=key)
    member.email_index = email_index(wanted["email"]) if wanted["email"] else ""
    member.full_clean(exclude=["person_name_enc", "contact_name_enc", "email_enc", "phone_enc", "organisation"])
    member.save()
    details = {"fields": sorted(changed), "country": member.country.iso3}
    if moving:
        details["moved_from"] = old_country.iso3
    audit_record(actor=actor, action="network.update", obj=member, details=details)
    if {"name", "public"} & set(changed):
        listing_changed.send(sender=Member, member=member)
    return member
