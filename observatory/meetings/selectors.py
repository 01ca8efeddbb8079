"""Reading meetings in the reader's scope; participants decrypted only for organisers, and audited."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from observatory import access
from observatory.meetings.models import (
    FollowUp,
    Meeting,
    MeetingRecommendation,
    Registration,
    RegistrationStatus,
    Sector,
)


def meeting_list(*, user, kind: str = "", when: str = "") -> QuerySet[Meeting]:
    """Meetings ``user`` may see; ``when`` is ``upcoming`` (ending today or later) or ``past``."""
    items = access.scope(user, access.Action.VIEW, Meeting).select_related("country")
    if kind:
        items = items.filter(kind=kind)
    today = timezone.localdate()
    if when == "upcoming":
        items = items.filter(ends_on__gte=today).order_by("starts_on", "slug")
    elif when == "past":
        items = items.filter(ends_on__lt=today)
    return items


def meeting_get(*, user, slug: str) -> Meeting:
    meeting = meeting_list(user=user).filter(slug=slug).first()
    if meeting is None:
        raise Http404
    return meeting


def recommendations_of(meeting: Meeting) -> list[MeetingRecommendation]:
    """The meeting's recommendations with their current follow-up (``current_status``) and commitments."""
    newest = FollowUp.objects.filter(recommendation=OuterRef("pk")).order_by("-recorded_at", "-pk")
    return list(meeting.recommendations.annotate(
        current_status=Subquery(newest.values("status")[:1]),
        current_evidence=Subquery(newest.values("evidence")[:1]),
        current_at=Subquery(newest.values("recorded_at")[:1]),
    ).prefetch_related("review_items__process"))


def follow_ups_of(recommendation: MeetingRecommendation) -> QuerySet[FollowUp]:
    return recommendation.follow_ups.select_related("recorded_by")


def sector_counts(meeting: Meeting) -> dict:
    """Registered and attending participants by sector: counts only, no one named (for organisers)."""
    rows = (meeting.registrations.filter(status=RegistrationStatus.REGISTERED).values("sector")
            .annotate(registered=Count("pk"), attended=Count("pk", filter=Q(checked_in_at__isnull=False))))
    by_sector = {row["sector"]: row for row in rows}
    return {"rows": [{"sector": label, "registered": by_sector.get(value, {}).get("registered", 0),
                      "attended": by_sector.get(value, {}).get("attended", 0)} for value, label in Sector.choices],
            "registered": sum(r["registered"] for r in rows), "attended": sum(r["attended"] for r in rows)}


def participants(*, user, meeting: Meeting) -> list[dict]:
    """Every registration of ``meeting`` with the participant's details decrypted; the read is audited.

    ``PermissionDenied`` unless the access policy lets ``user`` see the meeting's participants.
    """
    from observatory.audit.services import audit_record
    from observatory.cases import crypto

    access.require(user, access.Action.VIEW, Registration(meeting=meeting))
    registrations = list(access.scope(user, access.Action.VIEW, Registration).filter(meeting=meeting))
    keys = crypto.keys_for(*[r.name_enc for r in registrations])
    rows = [{"registration": r, **{f: crypto.unseal(r, f, keys=keys) for f in ("name", "email", "organisation",
                                                                                "needs")}}
            for r in registrations]
    audit_record(actor=user, action="meetings.participants_view", obj=meeting,
                 details={"registrations": len(rows)})
    return sorted(rows, key=lambda row: row["name"].casefold())


def own_registration(registration: Registration) -> dict:
    """What a participant sees on their private page: their own details, decrypted for them alone."""
    from observatory.cases import crypto

    return {f: crypto.unseal(registration, f) for f in ("name", "email", "organisation", "needs")}
