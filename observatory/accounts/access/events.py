"""Access to policy events: network staff (admins) write; everyone reads what is published.

Unlike the account policies, this one answers visitors who are not signed in
through ``public_rule``: published events are public data (the timeline, the
charts, the API), so ``scope(AnonymousUser(), "view")`` — or ``scope(None,
"view")`` — returns the published events. An inactive account is treated as an
anonymous visitor.

* ``view``: admins see every event, published or not (to prepare and check
  drafts); everyone else, signed in or not, sees the published ones.
* ``create``, ``change``, ``delete``: admins only.

Sources (``EventSource``) have no policy of their own: they are read and written
only through their event.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from observatory.accounts.access import Action, Policy, policy_for, register
from observatory.accounts.models import Role
from observatory.events.models import PolicyEvent


class PolicyEventPolicy(Policy):
    model = PolicyEvent

    def public_rule(self, action: Action) -> Q | None:
        """What a visitor who is not signed in may do: read published events."""
        return Q(published=True) if action == Action.VIEW else None

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        return self.public_rule(action)


register(PolicyEventPolicy())


def access_policy_event(*, user, slug: str, action: Action | str = Action.VIEW) -> PolicyEvent:
    """The event ``slug`` if ``user`` may ``action`` it, else ``Http404``.

    An unpublished event is a 404 for everyone who may not see it, the same as a
    slug that does not exist.
    """
    event = policy_for(PolicyEvent).scope(user, action).select_related("country").filter(slug=slug).first()
    if event is None:
        raise Http404
    return event


__all__ = ["Action", "PolicyEventPolicy", "access_policy_event"]
