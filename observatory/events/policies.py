"""Access to policy events: network staff (admins) write; everyone reads what is published.

* ``view``: admins see every event, published or not (to prepare and check
  drafts); everyone else, signed in or not, sees the published ones.
* ``create``, ``change``, ``delete``: admins only.

An event's sources follow their event.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from observatory.access import Action, Policy, policy_for, register
from observatory.accounts.models import Role
from observatory.events.models import EventSource, PolicyEvent


class PolicyEventPolicy(Policy):
    model = PolicyEvent

    def public_rule(self, action):
        return Q(published=True) if action == Action.VIEW else None

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        return self.public_rule(action)


class EventSourcePolicy(Policy):
    model = EventSource

    def public_rule(self, action):
        return Q(event__published=True) if action == Action.VIEW else None

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        return self.public_rule(action)


def register_all() -> None:
    register(PolicyEventPolicy())
    register(EventSourcePolicy())


def access_policy_event(*, user, slug: str, action: Action | str = Action.VIEW) -> PolicyEvent:
    """The event ``slug`` if ``user`` may ``action`` it, else ``Http404``.

    An unpublished event is a 404 for everyone who may not see it, the same as a
    slug that does not exist.
    """
    event = policy_for(PolicyEvent).scope(user, action).select_related("country").filter(slug=slug).first()
    if event is None:
        raise Http404
    return event
