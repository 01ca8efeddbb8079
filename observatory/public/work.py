""""My work": where a signed-in worker finds their cases, the cases to verify, follow-ups due and review rounds.

Every list comes from the selectors, through the access policies; a section shows when the policy gives
the person that kind of work (a documenter has no verification queue), never by checking a role here.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from observatory import access
from observatory.advocacy import selectors as advocacy
from observatory.advocacy.models import AdvocacyAction
from observatory.cases import selectors as cases
from observatory.cases.models import Case, CaseStatus
from observatory.cases.policies import CaseAction
from observatory.jobs.selectors import job_list
from observatory.reviews import selectors as reviews
from observatory.reviews.models import CountryAssessment, ReviewRound

SHOWN = 10


def _may(user, action, model=Case) -> bool:
    """Whether the policy gives ``user`` any record to ``action`` (a rule that is not "nothing")."""
    return access.policy_for(model).q(user, action) is not None


@require_safe
@login_required
@never_cache
def my_work(request):
    user = request.user
    context = {"sections": []}
    if _may(user, CaseAction.CREATE):
        mine = cases.case_list(user=user).filter(documenter=user)
        drafts = mine.filter(status=CaseStatus.DRAFT)
        submitted = mine.filter(status=CaseStatus.SUBMITTED)
        context["drafts"] = {"count": drafts.count(), "items": list(drafts[:SHOWN])}
        context["submitted"] = {"count": submitted.count(), "items": list(submitted[:SHOWN])}
    if _may(user, CaseAction.MODERATE):
        queue = cases.moderation_queue(user=user)
        context["to_verify"] = {"count": queue.count(), "items": list(queue[:SHOWN])}
    if _may(user, CaseAction.RESPOND):
        due = cases.follow_ups_overdue(user=user)
        context["follow_ups"] = {"count": due.count(), "items": list(due[:SHOWN])}
    if _may(user, access.Action.CHANGE, CountryAssessment):
        open_rounds = (access.scope(user, access.Action.VIEW, ReviewRound).filter(is_open=True)
                       .select_related("process").order_by("-year"))
        recorded = reviews.assessments_in_scope(user=user)
        context["rounds"] = [{"round": r, "recorded": recorded.filter(round=r).count()} for r in open_rounds]
    if _may(user, access.Action.VIEW, AdvocacyAction):
        overdue = advocacy.follow_ups_overdue(actor=user)
        context["advocacy"] = {"count": overdue.count(), "items": list(overdue[:SHOWN])}
    context["may_view_cases"] = _may(user, CaseAction.VIEW)
    context["jobs"] = list(job_list(actor=user, limit=5))
    context["nothing"] = not any(key in context for key in ("drafts", "to_verify", "follow_ups", "rounds",
                                                            "advocacy"))
    return render(request, "public/my_work.html", context)
