"""Who acts: a user, a visitor, or the platform itself on an operator's behalf."""

from __future__ import annotations


class NoActorError(TypeError):
    """Raised when ``None`` is passed where an actor is required.

    A missing actor used to mean "an operator at the shell", which let a forgotten
    argument bypass every check. Commands, setup and loaders pass :data:`SYSTEM`.
    """

    def __init__(self, where: str = "") -> None:
        super().__init__(
            "None is not an actor" + (f" ({where})" if where else "")
            + ": pass the request's user, or access.SYSTEM for setup, loaders and operator commands."
        )


class SystemActor:
    """The platform acting for an operator who holds the machine (setup, loaders, ``observatory`` commands).

    It may do everything a policy allows anyone, is never a signed-in user, and
    is recorded in the audit trail under :attr:`username`, which no account can
    take (brackets are not allowed in user names).
    """

    username = "(system)"
    pk = None
    id = None
    is_active = True
    is_authenticated = False
    is_anonymous = False
    is_system = True

    def get_username(self) -> str:
        return self.username

    def __str__(self) -> str:
        return self.username

    def __repr__(self) -> str:
        return "SYSTEM"

    def __reduce__(self):
        return "SYSTEM"


SYSTEM = SystemActor()


class Visitor:
    """Someone who is not signed in: what public pages, the open API and public documents show.

    Behaves like Django's ``AnonymousUser`` for the policy and the audit trail, and can be a
    default argument of a selector without importing ``django.contrib.auth`` at start-up.
    """

    pk = None
    id = None
    is_active = False
    is_authenticated = False
    is_anonymous = True
    is_system = False

    def get_username(self) -> str:
        return ""

    def __str__(self) -> str:
        return "visitor"

    def __repr__(self) -> str:
        return "VISITOR"


VISITOR = Visitor()


def is_system(actor) -> bool:
    return actor is SYSTEM


def check_actor(actor, where: str = "") -> None:
    if actor is None:
        raise NoActorError(where)
