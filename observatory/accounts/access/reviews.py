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

Unlike the account policies, these answer anonymous visitors too: the public part
of the tracker is what the tracker is for. An inactive account is treated as an
anonymous visitor.
"""

from __future__ import annotations

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from observatory.accounts.access import Action, Policy, _country_ids, policy_for, register
from observatory.accounts.models import Role
from observatory.reviews.models import (
    CountryAssessment,
    CountryRoundReport,
    ReviewItem,
    ReviewProcess,
    ReviewRound,
)


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

    def public_rule(self, action):
        return Q(round_id__in=_published_rounds()) if action == Action.VIEW else None

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q() if action == Action.VIEW else None
        if user.role == Role.COORDINATOR:
            own = Q(country_id__in=_country_ids(user))
            if action == Action.VIEW:
                return own | self.public_rule(action)
            if action in (Action.CREATE, Action.CHANGE):
                return own & Q(round_id__in=_open_rounds())
            return None
        return self.public_rule(action)


class CountryAssessmentPolicy(CountryRecordPolicy):
    model = CountryAssessment


class CountryRoundReportPolicy(CountryRecordPolicy):
    model = CountryRoundReport


for _policy in (ReviewProcessPolicy(), ReviewItemPolicy(), ReviewRoundPolicy(), CountryAssessmentPolicy(),
                CountryRoundReportPolicy()):
    register(_policy)


def access_review_process(*, user, code: str, action: Action | str = Action.VIEW) -> ReviewProcess:
    """The process ``code`` if ``user`` may ``action`` it, else ``Http404``."""
    process = policy_for(ReviewProcess).scope(user, action).filter(code=code).first()
    if process is None:
        raise Http404
    return process


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
    action = Action(action)
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
