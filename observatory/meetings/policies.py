"""Who sees and keeps the meetings, their participants and the follow-up of their recommendations.

| role | meetings it sees | keeps (details, programme, outcomes, recommendations, follow-ups) | participants |
|---|---|---|---|
| admin (the secretariat) | all | all | all |
| coordinator | published ones and its countries' | its countries' | its countries' meetings' |
| everyone else, visitors | published ones | none | none |

"Participants" is reading their names, e-mails and needs (audited), checking them in and issuing
certificates.

Anyone may register for a published meeting whose registration is open. A participant sees and withdraws
their own registration through its private link, which the token in it authorises (not this policy).
Deleting a meeting is for admins, and only before anyone has registered.
"""

from __future__ import annotations

from django.db.models import Q

from observatory.access import Action, Policy, register, user_country_ids
from observatory.accounts.models import Role
from observatory.meetings.models import (
    Certificate,
    FollowUp,
    Meeting,
    MeetingRecommendation,
    Outcome,
    Registration,
    Session,
)


class MeetingPolicy(Policy):
    model = Meeting

    def public_rule(self, action):
        return Q(published=True) if action == Action.VIEW else None

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        mine = Q(country_id__in=user_country_ids(user)) if user.role == Role.COORDINATOR else None
        if action == Action.VIEW:
            return Q(published=True) | mine if mine is not None else Q(published=True)
        return mine if action in (Action.CREATE, Action.CHANGE) else None


MEETINGS = MeetingPolicy()


def of_meetings(user, action) -> Q | None:
    """The rule for records of a meeting (``meeting_id``) that ``user`` may ``action``."""
    rule = MEETINGS.rule(user, action)
    if rule is None or rule == Q():
        return rule
    return Q(meeting_id__in=Meeting.objects.filter(rule).values("pk"))


class MeetingPartPolicy(Policy):
    """A session, an outcome document or a recommendation: seen with its meeting, kept by whom keeps it."""

    def public_rule(self, action):
        return Q(meeting_id__in=Meeting.objects.filter(published=True).values("pk")) if action == Action.VIEW else None

    def rule(self, user, action):
        return of_meetings(user, Action.VIEW if action == Action.VIEW else Action.CHANGE)


class SessionPolicy(MeetingPartPolicy):
    model = Session


class OutcomePolicy(MeetingPartPolicy):
    model = Outcome


class RecommendationPolicy(MeetingPartPolicy):
    model = MeetingRecommendation


class FollowUpPolicy(Policy):
    """Follow-ups are public with their recommendation; added (never changed) by whom keeps the meeting."""

    model = FollowUp

    def _of(self, rule):
        if rule is None or rule == Q():
            return rule
        return Q(recommendation_id__in=MeetingRecommendation.objects.filter(rule).values("pk"))

    def public_rule(self, action):
        return self._of(RECOMMENDATIONS.public_rule(action)) if action == Action.VIEW else None

    def rule(self, user, action):
        if action == Action.VIEW:
            return self._of(RECOMMENDATIONS.rule(user, action))
        if action == Action.CREATE:
            return self._of(RECOMMENDATIONS.rule(user, Action.CHANGE))
        return Q() if action == Action.DELETE and user.role == Role.ADMIN else None


RECOMMENDATIONS = RecommendationPolicy()


class RegistrationPolicy(Policy):
    model = Registration

    @staticmethod
    def _open():
        return Q(meeting_id__in=Meeting.objects.filter(published=True, registration_open=True).values("pk"))

    def public_rule(self, action):
        return self._open() if action == Action.CREATE else None

    def rule(self, user, action):
        if action == Action.CREATE:
            organiser = of_meetings(user, Action.CHANGE)
            return self._open() if organiser is None else (organiser if organiser == Q() else organiser | self._open())
        if action in (Action.VIEW, Action.CHANGE):
            return of_meetings(user, Action.CHANGE)
        return None


REGISTRATIONS = RegistrationPolicy()


class CertificatePolicy(Policy):
    """Certificates are issued by whom keeps the meeting (the service); anyone verifies a code (not this policy)."""

    model = Certificate

    def rule(self, user, action):
        if action not in (Action.VIEW, Action.CREATE):
            return None
        rule = REGISTRATIONS.rule(user, Action.CHANGE)
        if rule is None or rule == Q():
            return rule
        return Q(registration_id__in=Registration.objects.filter(rule).values("pk"))


def register_all() -> None:
    for policy in (MEETINGS, SessionPolicy(), OutcomePolicy(), RECOMMENDATIONS, FollowUpPolicy(),
                   REGISTRATIONS, CertificatePolicy()):
        register(policy)
