"""Reads of the staff texts of the briefs and of the submission drafts.

The brief generator reads the current text of one country and language without a
user (a published brief is public); the staff pages read texts and their history
through the access policy.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from observatory import access
from observatory.reports.models import (
    BriefText,
    BriefTextVersion,
    SubmissionDraft,
    SubmissionDraftVersion,
    split_paragraphs,
)


def brief_text_current(*, country, language: str) -> BriefText | None:
    """The text the brief of ``country`` in ``language`` prints (``None`` when staff have written none)."""
    return BriefText.objects.filter(country=country, language=language).first()


def brief_texts_for(*, user) -> dict[tuple[str, str], BriefText]:
    """Every brief text ``user`` may see, by ``(ISO3, language)``, with the author of the last change."""
    texts = access.scope(user, access.Action.VIEW, BriefText).select_related("country", "updated_by")
    return {(t.country.iso3, t.language): t for t in texts}


def brief_text_versions(*, user, text: BriefText) -> QuerySet[BriefTextVersion]:
    """The saved versions of ``text`` that ``user`` may see, newest first, with their authors."""
    return (access.scope(user, access.Action.VIEW, BriefTextVersion).filter(text=text)
            .select_related("author").order_by("-number"))


def submission_drafts_for(*, user) -> QuerySet[SubmissionDraft]:
    """The submission drafts ``user`` may see, latest change first."""
    return (access.scope(user, access.Action.VIEW, SubmissionDraft)
            .select_related("country", "organisation", "created_by", "updated_by"))


def submission_draft_get(*, user, pk: int) -> SubmissionDraft:
    """One draft ``user`` may see (``Http404`` otherwise: a draft another reader keeps does not exist for them)."""
    draft = submission_drafts_for(user=user).filter(pk=pk).first()
    if draft is None:
        raise Http404
    return draft


def submission_draft_versions(*, user, draft: SubmissionDraft) -> QuerySet[SubmissionDraftVersion]:
    return (access.scope(user, access.Action.VIEW, SubmissionDraftVersion).filter(draft=draft)
            .select_related("changed_by").order_by("-number"))


def draft_texts(draft: SubmissionDraft):
    """The draft's texts as the document reads them (paragraphs split at empty lines)."""
    from observatory.reports.documents.submission import DraftTexts

    return DraftTexts(title=draft.title.strip(), submitters=split_paragraphs(draft.submitters),
                      introduction=split_paragraphs(draft.introduction), findings=split_paragraphs(draft.findings),
                      recommendations=split_paragraphs(draft.recommendations))
