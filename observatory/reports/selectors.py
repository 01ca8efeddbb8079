"""Reads of the staff texts of the briefs.

The brief generator reads the current text of one country and language without a
user (a published brief is public); the staff pages read texts and their history
through the access policy.
"""

from __future__ import annotations

from django.db.models import QuerySet

from observatory import access
from observatory.reports.models import BriefText, BriefTextVersion


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
