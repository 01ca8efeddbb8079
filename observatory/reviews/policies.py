"""Access to the review tracker: processes, items, rounds, country assessments and country round reports.

* Processes and items are a public catalogue; only admins create or change them.
* Rounds: admins manage them (create, open or close, publish). Everyone sees a
  published round; coordinators also see unpublished rounds, to record into them.
* Country assessments and country round reports (introduction and state funding):
  a coordinator creates and changes them for their own countries while the round
  is open, and sees their own countries' records in every round. Admins see every
  record (to review before publishing) but do not write civil society's
  assessments. Everyone else, signed in or not (analysts, documenters, case
  managers, the public), reads only the records of published rounds.
* ``view_authors`` (who made each change in a record's history): admins and the
  record's writers, never every reader.
* Versions follow their record: whoever may view the record may view its history.

An inactive account is treated as an anonymous visitor.
"""

from __future__ import annotations

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from observatory.access import VISITOR, Action, Policy, policy_for, register, user_country_ids
from observatory.accounts.models import Role
from observatory.reviews.models import (
    AssessmentVersion,
    CountryAssessment,
    CountryRoundReport,
    CountryRoundReportVersion,
    ReviewItem,
    ReviewProcess,
    ReviewRound,
)

VIEW_AUTHORS = "view_authors"


def _published_rounds() -> QuerySet:
    return ReviewRound.objects.filter(published=True).values("pk")


def _open_rounds() -> QuerySet:
    return ReviewRound.objects.filter(is_open=True).values("pk")


class CataloguePolicy(Policy):
    """Everyone reads the catalogue; admins manage it."""

    def public_rule(self, action):
        return Q() if action == Action.VIEW else None

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        return self.public_rule(action)


class ReviewProcessPolicy(CataloguePolicy):
    model = ReviewProcess


class ReviewItemPolicy(CataloguePolicy):
    model = ReviewItem


class ReviewRoundPolicy(Policy):
    """Admins manage rounds; coordinators see every round; everyone else sees published rounds."""

    model = ReviewRound

    def public_rule(self, action):
        return Q(published=True) if action == Action.VIEW else None

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        if user.role == Role.COORDINATOR and action == Action.VIEW:
            return Q()
        return self.public_rule(action)


class CountryRecordPolicy(Policy):
    """Coordinators write their own countries' records in open rounds; published rounds are public.

    The rule refers to the round by its id only (``round_id__in`` a subquery),
    so the same ``Q`` filters a queryset and checks an unsaved record.
    """

    actions = (*Action, VIEW_AUTHORS)

    def public_rule(self, action):
        return Q(round_id__in=_published_rounds()) if action == Action.VIEW else None

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q() if action in (Action.VIEW, VIEW_AUTHORS) else None
        if user.role == Role.COORDINATOR:
            own = Q(country_id__in=user_country_ids(user))
            if action == Action.VIEW:
                return own | self.public_rule(action)
            if action in (Action.CREATE, Action.CHANGE):
                return own & Q(round_id__in=_open_rounds())
            if action == VIEW_AUTHORS:
                return own
            return None
        return self.public_rule(action)


class CountryAssessmentPolicy(CountryRecordPolicy):
    model = CountryAssessment


class CountryRoundReportPolicy(CountryRecordPolicy):
    model = CountryRoundReport


class VersionPolicy(Policy):
    """A saved state of a record: read with the record; written only by the record's save service."""

    parent: type[Model]
    parent_field: str

    def _follow(self, actor, action) -> Q | None:
        if action != Action.VIEW:
            return None
        parent = policy_for(self.parent).q(actor, Action.VIEW)
        if parent is None:
            return None
        return Q(**{f"{self.parent_field}_id__in": self.parent._default_manager.filter(parent).values("pk")})

    def public_rule(self, action):
        return self._follow(VISITOR, action)

    def rule(self, user, action):
        return self._follow(user, action)


class AssessmentVersionPolicy(VersionPolicy):
    model = AssessmentVersion
    parent = CountryAssessment
    parent_field = "assessment"


class CountryRoundReportVersionPolicy(VersionPolicy):
    model = CountryRoundReportVersion
    parent = CountryRoundReport
    parent_field = "report"


def register_all() -> None:
    for policy in (ReviewProcessPolicy(), ReviewItemPolicy(), ReviewRoundPolicy(), CountryAssessmentPolicy(),
                   CountryRoundReportPolicy(), AssessmentVersionPolicy(), CountryRoundReportVersionPolicy()):
        register(policy)


def access_review_process(*, user, code: str, action: Action | str = Action.VIEW) -> ReviewProcess:
    """The process ``code`` if ``user`` may ``action`` it, else ``Http404``."""
    process = policy_for(ReviewProcess).scope(user, action).filter(code=code).first()
    if process is None:
        raise Http404
    return process


def access_review_item(*, user, process: ReviewProcess, code: str, active_only: bool = False) -> ReviewItem:
    """The item ``code`` of ``process`` if ``user`` may see it (``active_only``: not retired), else ``Http404``."""
    items = policy_for(ReviewItem).scope(user, Action.VIEW).filter(process=process, code=code)
    item = items.filter(active=True).first() if active_only else items.first()
    if item is None:
        raise Http404
    return item


def access_review_round(*, user, code: str, year: int, action: Action | str = Action.VIEW) -> ReviewRound:
    """The round of process ``code`` for ``year`` if ``user`` may ``action`` it, else ``Http404``.

    An unpublished round is a 404 for everyone who may not see it, the same as a year with no round.
    """
    found = (policy_for(ReviewRound).scope(user, action).select_related("process")
             .filter(process__code=code, year=year).first())
    if found is None:
        raise Http404
    return found


def _access_country_record(model, *, user, action, lookup: dict) -> Model:
    policy = policy_for(model)
    found = policy.scope(user, action).filter(**lookup).first()
    if found is not None:
        return found
    if action == Action.CHANGE and not model._default_manager.filter(**lookup).exists():
        # Changing a record that does not exist yet means creating it.
        unsaved = model(**lookup)
        if policy.user_can(user, Action.CREATE, unsaved):
            return unsaved
    raise Http404


def access_country_assessment(*, user, round: ReviewRound, item: ReviewItem, country,
                              action: Action | str = Action.VIEW) -> CountryAssessment:
    """The assessment of ``item`` for ``country`` in ``round`` if ``user`` may ``action`` it, else ``Http404``.

    For ``change``, a record that does not exist yet comes back unsaved when the
    user may create it, so an edit form serves both the first entry and later ones.
    """
    if item.process_id != round.process_id:
        raise Http404
    return _access_country_record(CountryAssessment, user=user, action=action,
                                  lookup={"round": round, "item": item, "country": country})


def access_country_round_report(*, user, round: ReviewRound, country,
                                action: Action | str = Action.VIEW) -> CountryRoundReport:
    """The country's report (introduction, state funding) for ``round``; see :func:`access_country_assessment`."""
    return _access_country_record(CountryRoundReport, user=user, action=action,
                                  lookup={"round": round, "country": country})
