"""Who may write the staff texts of the country briefs, and who drafts submissions to UN mechanisms.

The briefs themselves are public documents built from public data. Their
introductions and recommendations are drafted by staff before a brief is
published, so drafts and their history are seen and changed by admins only; for
everyone else the staff pages are a 404, like a page that does not exist.

Submission drafts are the members' own work before it goes to the UN:

| role | see, change, delete | start |
|---|---|---|
| admin (the secretariat) | all | any country's |
| coordinator | its countries' | its countries' |
| case manager, documenter | its organisation's, for the organisation's country | the organisation's country's |
| analyst | its own | any country's |
| visitor | none | none |
"""

from __future__ import annotations

from django.db.models import Q

from observatory.access import ADMINISTER_SITE, Action, Policy, may, register, user_country_ids
from observatory.access.public import StaffOnlyPolicy
from observatory.accounts.models import ORGANISATION_ROLES, Role
from observatory.reports.models import BriefText, BriefTextVersion, SubmissionDraft, SubmissionDraftVersion


class BriefTextPolicy(StaffOnlyPolicy):
    model = BriefText


class BriefTextVersionPolicy(Policy):
    """Versions are written by the save service only; admins read them."""

    model = BriefTextVersion

    def rule(self, user, action):
        return Q() if action == Action.VIEW and may(user, ADMINISTER_SITE) else None


class SubmissionDraftPolicy(Policy):
    model = SubmissionDraft

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        if user.role == Role.COORDINATOR:
            return Q(country_id__in=user_country_ids(user))
        if user.role in ORGANISATION_ROLES and user.organisation_id:
            country = user.organisation.country_id
            return Q(organisation_id=user.organisation_id, country_id=country)
        if user.role == Role.ANALYST:
            return Q(created_by_id=user.pk)
        return None


class SubmissionDraftVersionPolicy(Policy):
    """Versions are written by the save service only; whoever may see the draft reads its history."""

    model = SubmissionDraftVersion

    def rule(self, user, action):
        if action != Action.VIEW:
            return None
        drafts = SUBMISSION_DRAFTS.rule(user, Action.VIEW)
        if drafts is None or drafts == Q():
            return drafts
        return Q(draft_id__in=SubmissionDraft.objects.filter(drafts).values("pk"))


SUBMISSION_DRAFTS = SubmissionDraftPolicy()


def register_all() -> None:
    register(BriefTextPolicy())
    register(BriefTextVersionPolicy())
    register(SUBMISSION_DRAFTS)
    register(SubmissionDraftVersionPolicy())
