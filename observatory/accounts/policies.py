"""Access to accounts: organisations, users and API tokens, and the site administration.

| role | organisations | users | API tokens |
|---|---|---|---|
| admin | all; creates, changes | all; creates, changes | everyone's |
| coordinator | its countries' (view) | itself and its countries' members (view) | its own |
| case manager | its own (view) | itself and its organisation's members (view) | its own |
| documenter | its own (view) | itself (view) | its own |
| analyst | none | itself (view) | its own |
"""

from __future__ import annotations

from django.db.models import Q

from observatory.access import (
    ADMINISTER_SITE,
    Action,
    Policy,
    access_object,
    register,
    register_capability,
    user_country_ids,
)
from observatory.accounts.models import ApiToken, Organisation, Role, User


def is_site_staff(role: str) -> bool:
    """Whether an account with ``role`` gets Django's ``is_staff`` (the admin site): network staff only."""
    return role == Role.ADMIN


class OrganisationPolicy(Policy):
    """Admins manage organisations; coordinators see those of their countries; members see their own."""

    model = Organisation

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        if action != Action.VIEW:
            return None
        if user.role == Role.COORDINATOR:
            return Q(country_id__in=user_country_ids(user))
        if user.role in (Role.CASE_MANAGER, Role.DOCUMENTER) and user.organisation_id:
            return Q(pk=user.organisation_id)
        return None


class UserPolicy(Policy):
    """Admins manage accounts. Others see themselves; case managers their organisation's members;
    coordinators the members of organisations in their countries."""

    model = User

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        if action != Action.VIEW:
            return None
        own = Q(pk=user.pk)
        if user.role == Role.COORDINATOR:
            return own | Q(organisation__country_id__in=user_country_ids(user))
        if user.role == Role.CASE_MANAGER and user.organisation_id:
            return own | Q(organisation_id=user.organisation_id)
        return own


class ApiTokenPolicy(Policy):
    """Everyone manages their own API tokens; admins manage everyone's."""

    model = ApiToken

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        return Q(user_id=user.pk)


def register_all() -> None:
    for policy in (OrganisationPolicy(), UserPolicy(), ApiTokenPolicy()):
        register(policy)
    register_capability(ADMINISTER_SITE, lambda user: is_site_staff(user.role))


def access_organisation(*, user, slug: str, action=Action.VIEW) -> Organisation:
    """The organisation ``slug`` if ``user`` may ``action`` it, else ``Http404`` (missing and forbidden alike)."""
    return access_object(user=user, model=Organisation, action=action, slug=slug)
