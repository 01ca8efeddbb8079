"""Who sees and changes the network's members, and who sees their contacts.

| role | members it may see | change, add | contacts | export the list |
|---|---|---|---|---|
| admin (the secretariat) | all | all | all | all |
| coordinator | its countries', and the public directory | its countries' | its countries' | none |
| documenter, case manager | its organisation's own record, and the public directory | none | its own record's | none |
| analyst | the public directory | none | none | none |
| visitor | the public directory | an application (status "applied") | none | none |

The operator at the command line may do what the secretariat does, except see contacts or export:
that needs a named account (``--as``), so the audit trail names a person.

The public directory is the approved members that chose to be listed.
"""

from __future__ import annotations

from enum import StrEnum

from django.db.models import Q

from observatory.access import Policy, register, user_country_ids
from observatory.accounts.models import Role
from observatory.network.models import PUBLIC_Q, Member, MemberStatus


class MemberAction(StrEnum):
    VIEW = "view"
    CREATE = "create"
    CHANGE = "change"
    DELETE = "delete"
    VIEW_CONTACTS = "view_contacts"  # decrypt and show contacts and an individual's name
    EXPORT = "export"  # the whole list with contacts, for the secretariat


class MemberPolicy(Policy):
    model = Member
    actions = tuple(MemberAction)
    system_denied = (MemberAction.VIEW_CONTACTS, MemberAction.EXPORT)

    def public_rule(self, action):
        if action == MemberAction.VIEW:
            return PUBLIC_Q
        if action == MemberAction.CREATE:
            return Q(status=MemberStatus.APPLIED)
        return None

    def rule(self, user, action):
        action = MemberAction(action)
        if user.role == Role.ADMIN:
            return Q()
        if action == MemberAction.EXPORT:
            return None
        if user.role == Role.COORDINATOR:
            mine = Q(country_id__in=user_country_ids(user))
            if action == MemberAction.VIEW:
                return mine | PUBLIC_Q
            return None if action == MemberAction.DELETE else mine
        own = Q(organisation_id=user.organisation_id) if user.organisation_id else None
        if user.role in (Role.DOCUMENTER, Role.CASE_MANAGER):
            if action == MemberAction.VIEW:
                return (own | PUBLIC_Q) if own is not None else PUBLIC_Q
            if action == MemberAction.VIEW_CONTACTS:
                return own
            return None
        return PUBLIC_Q if action == MemberAction.VIEW else None


MEMBERS = MemberPolicy()


def register_all() -> None:
    register(MEMBERS)
