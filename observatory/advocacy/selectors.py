"""Reading the advocacy log: lists in the reader's scope, overdue follow-ups, what preceded a policy event."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from observatory import access
from observatory.advocacy.models import PUBLISHABLE, AdvocacyAction, Outcome
from observatory.network.models import Member


def action_list(*, actor, country=None) -> QuerySet[AdvocacyAction]:
    actions = access.scope(actor, "view", AdvocacyAction).select_related(
        "country", "followed_by", "followed_by_law__provision", "alliance", "target_partner")
    return actions.filter(country=country) if country is not None else actions


def follow_ups_overdue(*, actor) -> QuerySet[AdvocacyAction]:
    return (action_list(actor=actor).filter(outcome=Outcome.PENDING, follow_up_on__lt=timezone.now().date())
            .order_by("follow_up_on", "pk"))


def reform_advocacy(*, country) -> list[dict]:
    """What advocacy preceded the country's reforms: the actions its coordinator chose to publish.

    Only achieved or partly achieved actions that name a published policy event or a law
    version; only members listed in the public directory and public alliances are named.
    The same for every reader (the country page is cached for all).
    """
    from observatory.events.selectors import published_events
    from observatory.network.models import PUBLIC_Q

    actions = (AdvocacyAction.objects.filter(country=country, publish=True, outcome__in=PUBLISHABLE)
               .filter(Q(followed_by__in=published_events()) | Q(followed_by_law__isnull=False))
               .select_related("followed_by", "followed_by_law__provision", "alliance")
               .prefetch_related(Prefetch("members", queryset=Member.objects.filter(PUBLIC_Q).order_by("name"),
                                          to_attr="listed_members"))
               .order_by("-date", "-pk"))
    published = set(published_events().filter(pk__in=[a.followed_by_id for a in actions if a.followed_by_id])
                    .values_list("pk", flat=True))
    rows = []
    for action in actions:
        rows.append({
            "action": action,
            "event": action.followed_by if action.followed_by_id in published else None,
            "law": action.followed_by_law,
            "members": [m.name for m in action.listed_members if m.name],
            "alliance": action.alliance.name if action.alliance and action.alliance.public else "",
        })
    return rows


def touch_member_actions(sender, *, member, **kwargs) -> None:
    """A member entered or left the public directory: the published actions naming it show it differently."""
    AdvocacyAction.objects.filter(members=member, publish=True).update(updated_at=timezone.now())
