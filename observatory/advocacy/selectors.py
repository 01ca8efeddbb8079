"""Reading the advocacy log: lists in the reader's scope, overdue follow-ups, what preceded a policy event."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from observatory import access
from observatory.advocacy.models import AdvocacyAction, Outcome


def action_list(*, actor, country=None) -> QuerySet[AdvocacyAction]:
    actions = access.scope(actor, "view", AdvocacyAction).select_related(
        "country", "followed_by", "followed_by_law__provision", "alliance", "target_partner")
    return actions.filter(country=country) if country is not None else actions


def follow_ups_overdue(*, actor) -> QuerySet[AdvocacyAction]:
    return (action_list(actor=actor).filter(outcome=Outcome.PENDING, follow_up_on__lt=timezone.now().date())
            .order_by("follow_up_on", "pk"))


def preceding(*, actor, event) -> QuerySet[AdvocacyAction]:
    """Achieved or partly achieved actions the reader may see that a policy event followed."""
    return (action_list(actor=actor).filter(followed_by=event, outcome__in=[Outcome.ACHIEVED, Outcome.PARTLY])
            .order_by("date", "pk"))
