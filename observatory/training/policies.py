"""Who reads and keeps the training records.

| records | who reads | who keeps |
|---|---|---|
| toolkit documents | everyone | network staff (admins) |
| curricula and their modules | everyone, once published; admins, drafts too | admins |
| tests (with their answers) | whom keeps the meeting (admins, the country's coordinator) | the same |
| attempts and feedback | whom keeps the meeting (by number, never by name) | only by the participant's own link |

A participant takes a test and gives feedback through their registration's private link, which its token
authorises (not this policy), as in the meetings app.
"""

from __future__ import annotations

from django.db.models import Q

from observatory.access import ADMINISTER_SITE, Action, Policy, may, register
from observatory.access.public import PublicReferencePolicy
from observatory.meetings.models import Registration
from observatory.meetings.policies import of_meetings
from observatory.training.models import (
    Attempt,
    Curriculum,
    Feedback,
    Module,
    Quiz,
    ToolkitDocument,
)


class ToolkitDocumentPolicy(PublicReferencePolicy):
    model = ToolkitDocument


class CurriculumPolicy(Policy):
    model = Curriculum

    def public_rule(self, action):
        return Q(published=True) if action == Action.VIEW else None

    def rule(self, user, action):
        return Q() if may(user, ADMINISTER_SITE) else self.public_rule(action)


class ModulePolicy(Policy):
    model = Module

    def public_rule(self, action):
        return Q(curriculum__published=True) if action == Action.VIEW else None

    def rule(self, user, action):
        return Q() if may(user, ADMINISTER_SITE) else self.public_rule(action)


class QuizPolicy(Policy):
    model = Quiz

    def rule(self, user, action):
        return of_meetings(user, Action.CHANGE)


class _ByRegistration(Policy):
    """Read by whom keeps the registration's meeting; written only by the participant's own link (SYSTEM)."""

    def rule(self, user, action):
        if action != Action.VIEW:
            return None
        rule = of_meetings(user, Action.CHANGE)
        if rule is None or rule == Q():
            return rule
        return Q(registration_id__in=Registration.objects.filter(rule).values("pk"))


class AttemptPolicy(_ByRegistration):
    model = Attempt


class FeedbackPolicy(_ByRegistration):
    model = Feedback


def register_all() -> None:
    for policy in (ToolkitDocumentPolicy(), CurriculumPolicy(), ModulePolicy(), QuizPolicy(), AttemptPolicy(),
                   FeedbackPolicy()):
        register(policy)
