"""THE access policy: who may do what to which record.

This package is the only place that decides access. Policies for organisations,
users and tokens are below; each later capability adds a module beside this one
(``cases.py``, ``reviews.py``, ...) that defines its policies and registers them.

One policy object per protected model answers both questions from one rule:

* ``scope(user, action)`` — the queryset of records ``user`` may ``action``;
* ``user_can(user, action, obj)`` — may ``user`` ``action`` this record?

Each policy's ``rule(user, action)`` returns a ``Q`` (``Q()`` means every
record) or ``None`` (no record). ``scope`` filters by it; ``user_can`` checks an
existing record against the same queryset and an unsaved record (``create``)
against the same ``Q`` with ``Q.check``. Nothing else in the code base decides
access: views, the API, the admin (through ``PolicyBackend``), commands and
exports ask this module.

Guards named ``access_<entity>`` load a record for a request and raise
``Http404`` both when it does not exist and when it is out of scope, so a
response never reveals that a record exists.
"""

from __future__ import annotations

from enum import StrEnum

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from observatory.accounts.models import ApiToken, Organisation, Role, User


class Action(StrEnum):
    VIEW = "view"
    CREATE = "create"
    CHANGE = "change"
    DELETE = "delete"


def _active(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def _country_ids(user) -> list[int]:
    cached = getattr(user, "_policy_country_ids", None)
    if cached is None:
        cached = list(user.countries.values_list("pk", flat=True))
        user._policy_country_ids = cached
    return cached


class Policy:
    model: type[Model]

    def rule(self, user, action: Action) -> Q | None:
        """What a signed-in, active ``user`` may do."""
        raise NotImplementedError

    def public_rule(self, action: Action) -> Q | None:
        """What a visitor who is not signed in may do (nothing, unless a policy publishes records)."""
        return None

    def _q(self, user, action: Action) -> Q | None:
        return self.rule(user, action) if _active(user) else self.public_rule(action)

    def scope(self, user, action: Action | str) -> QuerySet:
        """Records of this model that ``user`` may ``action`` (for visitors, what ``public_rule`` allows)."""
        q = self._q(user, Action(action))
        if q is None:
            return self.model._default_manager.none()
        return self.model._default_manager.filter(q)

    def user_can(self, user, action: Action | str, obj: Model) -> bool:
        """True when ``user`` may ``action`` ``obj``; an unsaved ``obj`` is checked for creation."""
        action = Action(action)
        q = self._q(user, action)
        if q is None:
            return False
        if obj.pk is None:
            if not q:
                return True
            against = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
            return q.check(against)
        return self.scope(user, action).filter(pk=obj.pk).exists()


class OrganisationPolicy(Policy):
    """Admins manage organisations; coordinators see those of their countries; members see their own."""

    model = Organisation

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        if action != Action.VIEW:
            return None
        if user.role == Role.COORDINATOR:
            return Q(country_id__in=_country_ids(user))
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
            return own | Q(organisation__country_id__in=_country_ids(user))
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


POLICIES: dict[type[Model], Policy] = {
    Organisation: OrganisationPolicy(),
    User: UserPolicy(),
    ApiToken: ApiTokenPolicy(),
}


def register(policy: Policy) -> Policy:
    """Add a later capability's policy (cases, review rounds, ...) to the one registry."""
    POLICIES[policy.model] = policy
    return policy


def policy_for(model: type[Model]) -> Policy:
    try:
        return POLICIES[model]
    except KeyError:
        raise LookupError(f"No access policy for {model.__name__}; add one to accounts/access.py.") from None


def scope(user, action: Action | str, model: type[Model]) -> QuerySet:
    return policy_for(model).scope(user, action)


def user_can(user, action: Action | str, obj: Model) -> bool:
    return policy_for(type(obj)).user_can(user, action, obj)


def access_object(*, user, model: type[Model], action: Action | str = Action.VIEW, **lookup) -> Model:
    """Load one record the user may ``action``, or raise ``Http404`` (missing and forbidden look alike)."""
    obj = policy_for(model).scope(user, action).filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


def access_organisation(*, user, slug: str, action: Action | str = Action.VIEW) -> Organisation:
    return access_object(user=user, model=Organisation, action=action, slug=slug)


def access_user(*, user, username: str, action: Action | str = Action.VIEW) -> User:
    return access_object(user=user, model=User, action=action, username=username)


def _load_capability_policies() -> None:
    """Import the policies of later capabilities, one module each in this package (cases.py, reviews.py...).

    Each module defines its policy classes and calls :func:`register`, so the whole
    policy stays in this one package and a capability cannot bypass it.
    """
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")


_load_capability_policies()
