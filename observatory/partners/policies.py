"""Who sees and keeps the network's partners, their contact history and the alliances.

Partners:

| role | partners it may see | add, change | contacts | contact history |
|---|---|---|---|---|
| admin (the secretariat) | all | all | all | all |
| coordinator | its countries' and the regional ones | its countries' | its countries' | seen with the partner |
| everyone else | none | none | none | none |

A coordinator adds to the history of its countries' partners.

Alliances:

| role | alliances it may see | add, change |
|---|---|---|
| admin (the secretariat) | all | all |
| coordinator | its countries', the regional ones and the public ones | its countries' |
| documenter, case manager | the public ones and those its organisation is a member of | none |
| analyst, visitor | the public ones | none |
"""

from __future__ import annotations

from enum import StrEnum

from django.db.models import Q

from observatory.access import Action, Policy, register, user_country_ids
from observatory.accounts.models import Role
from observatory.partners.models import Alliance, Partner, PartnerContact


class PartnerAction(StrEnum):
    VIEW = "view"
    CREATE = "create"
    CHANGE = "change"
    DELETE = "delete"
    VIEW_CONTACTS = "view_contacts"  # decrypt and show the contact person, e-mail and phone


class PartnerPolicy(Policy):
    model = Partner
    actions = tuple(PartnerAction)
    system_denied = (PartnerAction.VIEW_CONTACTS,)

    def rule(self, user, action):
        action = PartnerAction(action)
        if user.role == Role.ADMIN:
            return Q()
        if user.role != Role.COORDINATOR or action == PartnerAction.DELETE:
            return None
        mine = Q(country_id__in=user_country_ids(user))
        return (mine | Q(regional=True)) if action == PartnerAction.VIEW else mine


class PartnerContactPolicy(Policy):
    """A contact follows its partner: seen with it, added by whom may change the partner."""

    model = PartnerContact

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        if user.role != Role.COORDINATOR or action in (Action.DELETE, Action.CHANGE):
            return None
        partner_action = PartnerAction.VIEW if action == Action.VIEW else PartnerAction.CHANGE
        return Q(partner_id__in=PARTNERS.scope(user, partner_action).values("pk"))


class AlliancePolicy(Policy):
    model = Alliance

    def public_rule(self, action):
        return Q(public=True) if action == Action.VIEW else None

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        public = Q(public=True)
        if user.role == Role.COORDINATOR:
            mine = Q(country_id__in=user_country_ids(user))
            if action == Action.VIEW:
                return mine | Q(country__isnull=True) | public
            return None if action == Action.DELETE else mine
        if action != Action.VIEW:
            return None
        if user.role in (Role.DOCUMENTER, Role.CASE_MANAGER) and user.organisation_id:
            through = Alliance.members.through.objects.filter(member__organisation_id=user.organisation_id)
            return public | Q(pk__in=through.values("alliance_id"))
        return public


PARTNERS = PartnerPolicy()
HISTORY = PartnerContactPolicy()
ALLIANCES = AlliancePolicy()


def register_all() -> None:
    for policy in (PARTNERS, HISTORY, ALLIANCES):
        register(policy)
