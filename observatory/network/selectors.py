"""Reading the network's members: the public directory, lists in the reader's scope, one member."""

from __future__ import annotations

from django.db.models import QuerySet

from observatory import access
from observatory.network.models import FOCUS_AREAS, LANGUAGES, PUBLIC_Q, Member, MemberKind, MemberType
from observatory.network.policies import MemberAction


def member_list(*, actor, country=None, kind: str | None = None) -> QuerySet[Member]:
    members = access.scope(actor, MemberAction.VIEW, Member).select_related("country")
    if country is not None:
        members = members.filter(country=country)
    if kind:
        members = members.filter(kind=kind)
    return members.order_by("country__iso3", "kind", "name", "pk")


def public_directory(*, country=None) -> QuerySet[Member]:
    """The approved members that chose to be listed (the same for every reader)."""
    members = Member.objects.filter(PUBLIC_Q).select_related("country")
    if country is not None:
        members = members.filter(country=country)
    return members.order_by("country__iso3", "name", "pk")


def listed_per_country(*, kind: str = "") -> dict[str, int]:
    """ISO3 -> how many members the public directory lists there."""
    from django.db.models import Count

    members = Member.objects.filter(PUBLIC_Q)
    if kind:
        members = members.filter(kind=kind)
    return dict(members.values("country__iso3").annotate(n=Count("pk")).values_list("country__iso3", "n"))


def member_public_dict(member: Member) -> dict:
    """What anyone may know of a listed member: never contacts, never an individual's name."""
    return {
        "id": str(member.uuid), "kind": member.kind, "type": member.type,
        "name": member.name if member.kind == MemberKind.ORGANISATION else None,
        "country": member.country.iso3, "regional": member.regional, "focus": list(member.focus),
        "languages": list(member.languages), "website": member.website or None,
        "status": member.status, "joined": member.joined_on.isoformat() if member.joined_on else None,
        "public": member.public,
    }


def labels(member: Member) -> dict:
    """Names of the member's type, focus areas and languages in the active language."""
    return {
        "type": MemberType(member.type).label if member.type else "",
        "focus": [str(FOCUS_AREAS[c]) for c in member.focus if c in FOCUS_AREAS],
        "languages": [LANGUAGES[c] for c in member.languages if c in LANGUAGES],
    }


def member_contacts(*, user, member: Member) -> dict | None:
    """The member's contacts and an individual's name, decrypted and audited; ``None`` if ``user`` may not."""
    from django.db import transaction

    from observatory.audit.services import audit_record
    from observatory.cases import crypto

    if not access.user_can(user, MemberAction.VIEW_CONTACTS, member):
        return None
    with transaction.atomic():
        contacts = {field: crypto.unseal(member, field) for field in ("person_name", "contact_name", "email", "phone")}
        audit_record(actor=user, action="network.contacts_view", obj=member,
                     details={"fields": sorted(f for f, v in contacts.items() if v)})
    return contacts
