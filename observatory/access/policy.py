"""The policy base: one rule per model serves both the list and the record."""

from __future__ import annotations

from enum import StrEnum

from django.db.models import Model, Q, QuerySet

from observatory.access.actors import check_actor, is_system


class Action(StrEnum):
    VIEW = "view"
    CREATE = "create"
    CHANGE = "change"
    DELETE = "delete"


def is_signed_in(actor) -> bool:
    """A signed-in, active account (not a visitor, not :data:`SYSTEM`)."""
    return bool(getattr(actor, "is_authenticated", False) and getattr(actor, "is_active", False))


def user_country_ids(user) -> list[int]:
    """Primary keys of the countries ``user`` works for (coordinators), cached on the user object."""
    if not is_signed_in(user):
        return []
    cached = getattr(user, "_policy_country_ids", None)
    if cached is None:
        cached = list(user.countries.values_list("pk", flat=True))
        user._policy_country_ids = cached
    return cached


class Policy:
    """Access to one model.

    Subclasses set ``model`` and implement ``rule(user, action)``, returning a ``Q``
    (``Q()`` means every record) or ``None`` (no record) for a signed-in, active
    user; ``public_rule(action)`` answers visitors the same way. A policy with
    actions beyond view/create/change/delete lists them in ``actions``.

    :data:`SYSTEM` may do every action to every record, except ``system_denied``
    ones. An inactive account is a
    visitor. Unsaved records (creation) are checked against the same ``Q`` with
    ``Q.check``, so a rule must refer to the model's own columns or to subqueries
    (``field_id__in=...``), never to joins, for the actions that create.
    """

    model: type[Model]
    actions: tuple[str, ...] = tuple(Action)
    # Actions reserved for named, signed-in people even though SYSTEM may do everything else
    # (reading identities: an operator's command must name the account it acts for).
    system_denied: tuple[str, ...] = ()

    def rule(self, user, action: str) -> Q | None:
        raise NotImplementedError

    def public_rule(self, action: str) -> Q | None:
        """What a visitor who is not signed in may do (nothing, unless a policy publishes records)."""
        return None

    def action(self, action) -> str:
        if action not in self.actions:
            raise ValueError(f"{self.model.__name__} has no action {action!r}; it has {', '.join(self.actions)}.")
        return str(action)

    def q(self, actor, action) -> Q | None:
        """The rule for ``actor``: everything for SYSTEM, ``rule`` for a user, ``public_rule`` for a visitor."""
        check_actor(actor, f"{type(self).__name__}")
        action = self.action(action)
        if is_system(actor):
            return None if action in self.system_denied else Q()
        if is_signed_in(actor):
            return self.rule(actor, action)
        return self.public_rule(action)

    def scope(self, actor, action) -> QuerySet:
        """Records of this model that ``actor`` may ``action``."""
        q = self.q(actor, action)
        manager = self.model._default_manager
        if q is None:
            return manager.none()
        return manager.filter(q) if q else manager.all()

    def allows_any(self, actor, action) -> bool:
        """True when ``actor`` may ``action`` some records of this model (e.g. to show a menu entry)."""
        return self.q(actor, action) is not None

    def user_can(self, actor, action, obj: Model) -> bool:
        """True when ``actor`` may ``action`` ``obj``; an unsaved ``obj`` is checked for creation."""
        q = self.q(actor, action)
        if q is None:
            return False
        if not q:
            return True
        if obj.pk is None:
            against = {f.attname: _checkable(f, getattr(obj, f.attname)) for f in obj._meta.concrete_fields}
            return q.check(against)
        return self.scope(actor, action).filter(pk=obj.pk).exists()


def _checkable(field, value):
    """A value for ``Q.check``: an empty one is typed, so a rule on a nullable column can judge it."""
    if value is not None:
        return value
    from django.db.models import Value

    return Value(None, output_field=field.target_field if field.is_relation else field)
