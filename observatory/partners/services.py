"""Keeping partners, their contact history and the alliances: validated, checked against the policy,
audited in one transaction. Contacts are encrypted before they reach the database and never appear in
the audit trail."""

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
from observatory.network.models import MemberKind
from observatory.partners.models import (
    RELATIONSHIPS,
    Alliance,
    AllianceStatus,
    Channel,
    Partner,
    PartnerContact,
    PartnerKind,
)
from observatory.partners.policies import PartnerAction

CONTACT_FIELDS = ("contact_name", "email", "phone")


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError({key: [message] for key, message in errors.items()})


# --------------------------------------------------------------------------------------------- partners

@dataclass
class PartnerData:
    name: str
    kind: str
    country: Country
    relationships: list[str] = field(default_factory=list)
    regional: bool = False
    website: str = ""
    notes: str = ""
    active: bool = True
    contact_name: str | None = None  # None keeps the stored value
    email: str | None = None
    phone: str | None = None


def partner_errors(data: PartnerData, *, partner: Partner | None = None) -> dict[str, str]:
    errors = {}
    name = data.name.strip()
    if not name:
        errors["name"] = _("Name the partner.")
    else:
        same = Partner.objects.filter(country=data.country, name__iexact=name)
        if partner is not None:
            same = same.exclude(pk=partner.pk)
        if same.exists():
            errors["name"] = _("This country already has a partner with this name.")
    if data.kind not in PartnerKind.values:
        errors["kind"] = _("Choose a kind from the list.")
    if [r for r in data.relationships if r not in RELATIONSHIPS]:
        errors["relationships"] = _("Choose relationships from the list.")
    return errors


def _seal_contacts(partner: Partner, data: PartnerData, *, moving: bool) -> list[str]:
    """Encrypt the given contacts (all of them again after a move); the names of those that changed."""
    plain = {f: crypto.unseal(partner, f) for f in CONTACT_FIELDS} if partner.pk else dict.fromkeys(CONTACT_FIELDS, "")
    wanted = {f: (getattr(data, f).strip() if getattr(data, f) is not None else plain[f]) for f in CONTACT_FIELDS}
    key = data_key_for(country=partner.country)
    for f in CONTACT_FIELDS:
        if moving or wanted[f] != plain[f]:
            crypto.seal(partner, f, wanted[f], key=key)
    return [f for f in CONTACT_FIELDS if wanted[f] != plain[f]]


@transaction.atomic
def partner_create(*, actor, data: PartnerData) -> Partner:
    _raise(partner_errors(data))
    partner = Partner(name=data.name.strip(), kind=data.kind, country=data.country,
                      relationships=sorted(set(data.relationships)), regional=data.regional,
                      website=data.website.strip(), notes=data.notes.strip(), active=data.active)
    require(actor, PartnerAction.CREATE, partner)
    _seal_contacts(partner, data, moving=False)
    partner.save()
    audit_record(actor=actor, action="partners.create", obj=partner,
                 details={"country": data.country.iso3, "kind": data.kind})
    return partner


@transaction.atomic
def partner_update(*, actor, partner: Partner, data: PartnerData) -> Partner:
    """Change a partner; changing contacts or moving it to another country needs the right to see contacts."""
    partner = Partner.objects.select_for_update().select_related("country").get(pk=partner.pk)
    require(actor, PartnerAction.CHANGE, partner)
    moving = data.country.pk != partner.country_id
    if moving or any(getattr(data, f) is not None for f in CONTACT_FIELDS):
        require(actor, PartnerAction.VIEW_CONTACTS, partner)
    _raise(partner_errors(data, partner=partner))
    old_country = partner.country.iso3
    before = {f: getattr(partner, f) for f in PLAIN_FIELDS}
    partner.name, partner.kind, partner.country = data.name.strip(), data.kind, data.country
    partner.relationships, partner.regional = sorted(set(data.relationships)), data.regional
    partner.website, partner.notes, partner.active = data.website.strip(), data.notes.strip(), data.active
    if moving:  # the new country must be in the actor's scope too (an unsaved copy is checked as it is)
        moved = Partner(name=partner.name, kind=partner.kind, country=partner.country, regional=partner.regional)
        require(actor, PartnerAction.CHANGE, moved)
        require(actor, PartnerAction.VIEW_CONTACTS, moved)
    changed = [f for f in PLAIN_FIELDS if getattr(partner, f) != before[f]]
    changed += _seal_contacts(partner, data, moving=moving)
    partner.save()
    details = {"fields": sorted(changed), "country": partner.country.iso3}
    if moving:
        details["moved_from"] = old_country
    audit_record(actor=actor, action="partners.update", obj=partner, details=details)
    return partner


PLAIN_FIELDS = ("name", "kind", "country_id", "relationships", "regional", "website", "notes", "active")


@transaction.atomic
def partner_contact_add(*, actor, partner: Partner, date: dt.date, channel: str, summary: str) -> PartnerContact:
    """Add one contact to a partner's history (not in the future)."""
    errors = {}
    if date > timezone.now().date():
        errors["date"] = _("A contact is recorded once it happened: not a date in the future.")
    if channel not in Channel.values:
        errors["channel"] = _("Choose how the contact happened.")
    if not summary.strip():
        errors["summary"] = _("Say what was discussed or agreed.")
    _raise(errors)
    contact = PartnerContact(partner=partner, date=date, channel=channel, summary=summary.strip(),
                             recorded_by=actor if getattr(actor, "pk", None) else None)
    require(actor, "create", contact)
    contact.save()
    audit_record(actor=actor, action="partners.contact_add", obj=partner,
                 details={"date": date.isoformat(), "channel": channel})
    return contact


# -------------------------------------------------------------------------------------------- alliances

@dataclass
class AllianceData:
    name: str
    purpose: str
    country: Country | None = None  # None: a regional alliance
    started_on: dt.date | None = None
    status: str = AllianceStatus.ACTIVE
    members: list = field(default_factory=list)  # network.Member organisations
    public: bool = False


def alliance_errors(data: AllianceData) -> dict[str, str]:
    errors = {}
    if not data.name.strip():
        errors["name"] = _("Name the alliance.")
    if not data.purpose.strip():
        errors["purpose"] = _("Say what the alliance works for.")
    if data.status not in AllianceStatus.values:
        errors["status"] = _("Choose a status from the list.")
    if data.started_on and data.started_on > timezone.now().date():
        errors["started_on"] = _("An alliance is recorded once it started: not a date in the future.")
    if any(m.kind != MemberKind.ORGANISATION for m in data.members):
        errors["members"] = _("Alliances are made of member organisations, not individuals.")
    elif data.country is not None and any(m.country_id != data.country.pk and not m.regional for m in data.members):
        errors["members"] = _("A national alliance's members work in its country (or across the region).")
    return errors


def _alliance_save(*, actor, alliance: Alliance, data: AllianceData, action: str) -> Alliance:
    _raise(alliance_errors(data))
    before = set(alliance.members.values_list("pk", flat=True)) if alliance.pk else set()
    alliance.name, alliance.purpose = data.name.strip(), data.purpose.strip()
    alliance.country, alliance.started_on = data.country, data.started_on
    alliance.status, alliance.public = data.status, data.public
    # The record as it will be must be in the actor's scope (an unsaved copy is checked as it is).
    require(actor, "create" if action == "create" else "change",
            Alliance(name=alliance.name, country=data.country, status=data.status, public=data.public))
    alliance.save()
    alliance.members.set(data.members)
    after = {m.pk for m in data.members}
    audit_record(actor=actor, action=f"partners.alliance_{action}", obj=alliance,
                 details={"country": data.country.iso3 if data.country else None, "status": data.status,
                          "members_added": len(after - before), "members_removed": len(before - after)})
    return alliance


@transaction.atomic
def alliance_create(*, actor, data: AllianceData) -> Alliance:
    return _alliance_save(actor=actor, alliance=Alliance(), data=data, action="create")


@transaction.atomic
def alliance_update(*, actor, alliance: Alliance, data: AllianceData) -> Alliance:
    alliance = Alliance.objects.select_for_update().get(pk=alliance.pk)
    require(actor, "change", alliance)  # in scope before the change, and (below) after it
    return _alliance_save(actor=actor, alliance=alliance, data=data, action="update")
