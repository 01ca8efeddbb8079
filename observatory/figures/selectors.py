"""Reading national figure submissions in the reader's scope."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from observatory import access
from observatory.figures.models import FigureSubmission, SubmissionStatus


def submission_list(*, user, status: str = "") -> QuerySet[FigureSubmission]:
    items = access.scope(user, access.Action.VIEW, FigureSubmission).select_related(
        "country", "indicator", "submitted_by", "reviewed_by", "organisation")
    return items.filter(status=status) if status in SubmissionStatus.values else items


def submission_get(*, user, uuid) -> FigureSubmission:
    item = submission_list(user=user).filter(uuid=uuid).first()
    if item is None:
        raise Http404
    return item
