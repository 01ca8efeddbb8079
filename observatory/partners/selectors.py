"""Reading partners, their history and alliances in the reader's scope; contacts decrypted and audited."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet

from observatory import access
from observatory.audit.services import audit_record
from observatory.cases import crypto
from observatory.partners.models import RELATIONSHIPS, Alliance, Partner, PartnerContact
from observatory.partners.policies import PartnerAction


def partner_list(*, actor, country=None, kind: str = "", relationship: str = "") -> QuerySet[Partner]:
    partners = access.scope(actor, PartnerAction.VIEW, Partner).select_related("country")
    if country is not None:
        partners = partners.filter(country=country)
    if kind:
        partners = partners.filter(kind=kind)
    if relationship in RELATIONSHIPS:
        # JSON containment is not on every database: filter the (small) list in Python.
        ids = [pk for pk, values in partners.values_list("pk", "relationships") if relationship in (values or [])]
        partners = partners.filter(pk__in=ids)
    return partners.order_by("country__iso3", "name", "pk")


def partner_history(*, actor, partner: Partner) -> QuerySet[PartnerContact]:
    return access.scope(actor, "view", PartnerContact).filter(partner=partner).select_related("recorded_by")


def partner_contacts(*, user, partner: Partner) -> dict | None:
    """The partner's contact person, e-mail and phone, decrypted and audited; ``None`` if ``user`` may not."""
    if not access.user_can(user, PartnerAction.VIEW_CONTACTS, partner):
        return None
    with transaction.atomic():
        contacts = {f: crypto.unseal(partner, f) for f in ("contact_name", "email", "phone")}
        audit_record(actor=user, action="partners.contacts_view", obj=partner,
                     details={"fields": sorted(f for f, v in contacts.items() if v)})
    return contacts


def relationship_labels(partner: Partner) -> list[str]:
    return [str(RELATIONSHIPS[r]) for r in partner.relationships if r in RELATIONSHIPS]


def alliance_list(*, actor, country=None, status: str = "") -> QuerySet[Alliance]:
    alliances = access.scope(actor, "view", Alliance).select_related("country")
    if country is not None:
        alliances = alliances.filter(country=country)
    if status:
        alliances = alliances.filter(status=status)
    return alliances.order_by("name", "pk")


def actions_linked(*, actor, manager) -> QuerySet:
    """The advocacy actions behind a reverse relation (an alliance's, a partner's) that ``actor`` may see.

    The advocacy log sits above this app, so its model is reached through the relation, not imported.
    """
    return access.scope(actor, "view", manager.model).filter(pk__in=manager.values("pk")).order_by("-date", "-pk")
