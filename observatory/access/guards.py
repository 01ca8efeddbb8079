"""Guards: load a record for a request, check a write in a service, turn a denial into a 404."""

from __future__ import annotations

import functools

from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404

from observatory.access.actors import check_actor
from observatory.access.registry import policy_for


def require(actor, action, obj: Model) -> None:
    """Raise ``PermissionDenied`` unless ``actor`` may ``action`` ``obj`` (an unsaved ``obj``: create it).

    The one guard every service calls before it writes. ``None`` is not an actor
    (:class:`~observatory.access.NoActorError`); operators pass ``SYSTEM``.
    """
    check_actor(actor, "require")
    if not policy_for(type(obj)).user_can(actor, action, obj):
        raise PermissionDenied


def access_object(*, user, model: type[Model], action="view", queryset=None, **lookup) -> Model:
    """Load one record ``user`` may ``action``, or raise ``Http404``: missing and forbidden look alike.

    ``queryset`` (optional) adds ``select_related`` and the like; it is narrowed by the policy.
    """
    scoped = policy_for(model).scope(user, action)
    if queryset is not None:
        scoped = queryset & scoped
    obj = scoped.filter(**lookup).first()
    if obj is None:
        raise Http404
    return obj


def not_found_on_denied(view):
    """Answer a ``PermissionDenied`` raised by a service with the same 404 as a record that does not exist."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            raise Http404 from None

    return wrapped
