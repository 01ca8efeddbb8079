"""Capabilities: access questions about the platform rather than a record ("may use the admin site?").

An app declares them in its ``policies.py`` beside its model policies, so they too
are decided in one place and listed by the permission-matrix test.
"""

from __future__ import annotations

from collections.abc import Callable

from observatory.access.actors import check_actor, is_system
from observatory.access.policy import is_signed_in

_CAPABILITIES: dict[str, Callable[[object], bool]] = {}

# Network staff: the admin site, accounts, vocabularies and reference data. Declared by the accounts app;
# named here so that apps below accounts (countries, audit) can ask for it without importing accounts.
ADMINISTER_SITE = "administer_site"


def register_capability(name: str, check: Callable[[object], bool]) -> None:
    """``check(user)`` answers for a signed-in, active user; visitors never have a capability."""
    _CAPABILITIES[name] = check


def registered_capabilities() -> dict[str, Callable[[object], bool]]:
    return dict(_CAPABILITIES)


def may(actor, capability: str) -> bool:
    check_actor(actor, f"may({capability!r})")
    try:
        check = _CAPABILITIES[capability]
    except KeyError:
        raise LookupError(f"No capability {capability!r} is registered.") from None
    if is_system(actor):
        return True
    return is_signed_in(actor) and bool(check(actor))
