"""The access core: the only place that decides who may do what to which record.

Each capability declares one policy per protected model in its own ``<app>/policies.py``
and registers it here from ``AppConfig.ready`` (:func:`register`). This package knows no
app: it holds the :class:`Policy` base, the registry, the ``access_*`` guards, the one
:func:`require` used by services, and the explicit :data:`SYSTEM` actor.

One policy object per model answers both questions from one rule:

* ``scope(actor, action)`` — the queryset of records ``actor`` may ``action``;
* ``user_can(actor, action, obj)`` — may ``actor`` ``action`` this record?

Actors are a signed-in user, a visitor (``AnonymousUser``) or :data:`SYSTEM` (setup,
loaders and commands run by an operator, recorded in the audit trail as such).
``None`` is never an actor: passing it raises :class:`NoActorError`.
"""

from observatory.access.actors import SYSTEM, VISITOR, NoActorError, SystemActor, Visitor, check_actor, is_system
from observatory.access.capabilities import ADMINISTER_SITE, may, register_capability, registered_capabilities
from observatory.access.guards import access_object, not_found_on_denied, require
from observatory.access.policy import Action, Policy, is_signed_in, user_country_ids
from observatory.access.registry import (
    policy_for,
    public_scope,
    register,
    registered_policies,
    scope,
    user_can,
)

__all__ = [
    "ADMINISTER_SITE",
    "SYSTEM",
    "VISITOR",
    "Action",
    "NoActorError",
    "Policy",
    "SystemActor",
    "Visitor",
    "access_object",
    "check_actor",
    "is_signed_in",
    "is_system",
    "may",
    "not_found_on_denied",
    "policy_for",
    "public_scope",
    "register",
    "register_capability",
    "registered_capabilities",
    "registered_policies",
    "require",
    "scope",
    "user_can",
    "user_country_ids",
]
