"""The one registry of policies, filled by each app's ``policies.py`` from ``AppConfig.ready``."""

from __future__ import annotations

from django.db.models import Model, QuerySet

from observatory.access.policy import Policy

_POLICIES: dict[type[Model], Policy] = {}


def register(policy: Policy) -> Policy:
    """Register ``policy`` for its model; a second policy for the same model is a programming error."""
    existing = _POLICIES.get(policy.model)
    if existing is not None and type(existing) is not type(policy):
        raise RuntimeError(f"{policy.model.__name__} already has the policy {type(existing).__name__}.")
    _POLICIES[policy.model] = policy
    return policy


def registered_policies() -> dict[type[Model], Policy]:
    return dict(_POLICIES)


def policy_for(model: type[Model]) -> Policy:
    try:
        return _POLICIES[model]
    except KeyError:
        raise LookupError(
            f"No access policy for {model.__name__}; declare one in its app's policies.py and register it."
        ) from None


def scope(actor, action, model: type[Model]) -> QuerySet:
    return policy_for(model).scope(actor, action)


def public_scope(model: type[Model], action="view") -> QuerySet:
    """What a visitor who is not signed in may ``action``: the records behind public pages and the open API."""
    from observatory.access.actors import VISITOR

    return policy_for(model).scope(VISITOR, action)


def user_can(actor, action, obj: Model) -> bool:
    return policy_for(type(obj)).user_can(actor, action, obj)
