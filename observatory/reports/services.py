"""Writes of the reports capability: the briefs' staff texts and the submission drafts, versioned and audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from observatory import access
from observatory.audit.services import audit_record
from observatory.core.versioning import versioned_record_save
from observatory.reports.models import (
    SUBMISSION_MECHANISMS,
    BriefText,
    BriefTextVersion,
    Language,
    SubmissionDraft,
    SubmissionDraftVersion,
)

TEXT_FIELDS = ("introduction", "recommendations")


def _clean(value: str) -> str:
    """Line endings made uniform and trailing blanks dropped, so that re-saving the same text changes nothing."""
    lines = (value or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def _check_lengths(text: BriefText) -> None:
    for name in TEXT_FIELDS:
        limit = BriefText._meta.get_field(name).max_length
        if len(getattr(text, name)) > limit:
            raise ValidationError({name: _("At most %(n)s characters.") % {"n": limit}})


@transaction.atomic
def brief_text_save(*, actor, country, language: str, introduction: str, recommendations: str
                    ) -> tuple[BriefText, bool]:
    """Save the introduction and recommendations of ``country``'s brief in ``language``.

    Returns the text and whether it changed. A change writes a new
    ``BriefTextVersion`` (the full text, the author and the time) and an audit
    entry in the same transaction; saving the same text again writes nothing.
    Raises ``PermissionDenied`` unless the access policy lets ``actor`` write
    brief texts, and ``ValidationError`` for a language the site does not have.
    """
    if language not in Language.values:
        raise ValidationError({"language": _("Choose English or Russian.")})
    text = (BriefText.objects.select_for_update().filter(country=country, language=language).first()
            or BriefText(country=country, language=language))
    values = {"introduction": _clean(introduction), "recommendations": _clean(recommendations)}
    changed = [name for name in TEXT_FIELDS if getattr(text, name) != values[name]]
    saved = versioned_record_save(
        actor=actor, record=text, values=values, clean=_check_lengths,
        version=lambda record, stamp: BriefTextVersion(
            text=record, number=stamp.number, author=stamp.author, author_username=stamp.author_username,
            created_at=stamp.at, **values))
    if not saved.changed:
        return text, False
    audit_record(actor=actor, action="reports.brief_text_save", obj=text,
                 details={"country": country.iso3, "language": language, "version": text.version,
                          "fields": changed})
    return text, True


def _check_draft(draft: SubmissionDraft) -> None:
    for name in SubmissionDraft.TEXT_FIELDS:
        limit = SubmissionDraft._meta.get_field(name).max_length
        if len(getattr(draft, name)) > limit:
            raise ValidationError({name: _("At most %(n)s characters.") % {"n": limit}})


@transaction.atomic
def submission_draft_start(*, actor, country, mechanism: str, language: str, recommendations: str = ""
                           ) -> tuple[SubmissionDraft, bool]:
    """The draft ``actor`` keeps for ``country``, ``mechanism`` and ``language``: the existing one, or a new one.

    Starting twice (a double click, a second tab) returns the same draft. ``recommendations`` are the
    suggested ones, written into a new draft so that its author starts from them. Raises
    ``PermissionDenied`` unless the access policy lets ``actor`` start a draft for ``country``.
    """
    if mechanism not in dict(SUBMISSION_MECHANISMS):
        raise ValidationError({"mechanism": _("Choose the UPR or a treaty body.")})
    if language not in Language.values:
        raise ValidationError({"language": _("Choose English or Russian.")})
    author = actor if getattr(actor, "is_authenticated", False) else None
    existing = (SubmissionDraft.objects.select_for_update()
                .filter(created_by=author, country=country, mechanism=mechanism, language=language).first()
                if author else None)
    if existing is not None:
        access.require(actor, access.Action.CHANGE, existing)
        return existing, False
    draft = SubmissionDraft(country=country, mechanism=mechanism, language=language, created_by=author,
                            organisation_id=getattr(actor, "organisation_id", None))
    try:
        with transaction.atomic():  # a savepoint: the same start in another request may have won the race
            versioned_record_save(actor=actor, record=draft, values={"recommendations": _clean(recommendations)},
                                  clean=_check_draft, version=SubmissionDraftVersion.of)
    except IntegrityError:
        existing = SubmissionDraft.objects.get(created_by=author, country=country, mechanism=mechanism,
                                               language=language)
        access.require(actor, access.Action.CHANGE, existing)
        return existing, False
    audit_record(actor=actor, action="reports.submission_start", obj=draft,
                 details={"country": country.iso3, "mechanism": mechanism, "language": language})
    return draft, True


@transaction.atomic
def submission_draft_save(*, actor, draft: SubmissionDraft, **texts: str) -> tuple[SubmissionDraft, bool]:
    """Save the texts of ``draft`` (any of ``SubmissionDraft.TEXT_FIELDS``); a change is a new version.

    Returns the draft and whether it changed; saving the same texts again writes nothing. The audit
    entry names the fields that changed, never what they say.
    """
    unknown = set(texts) - set(SubmissionDraft.TEXT_FIELDS)
    if unknown:
        raise ValueError(f"not a text of a submission draft: {', '.join(sorted(unknown))}")
    draft = SubmissionDraft.objects.select_for_update().get(pk=draft.pk)
    values = {name: _clean(value) for name, value in texts.items()}
    saved = versioned_record_save(actor=actor, record=draft, values=values, clean=_check_draft,
                                  version=SubmissionDraftVersion.of)
    if saved.changed:
        audit_record(actor=actor, action="reports.submission_save", obj=draft,
                     details={"version": draft.version, "fields": list(saved.fields)})
    return draft, saved.changed


@transaction.atomic
def submission_draft_delete(*, actor, draft: SubmissionDraft) -> None:
    """Delete a draft and its versions (``PermissionDenied`` unless the policy lets ``actor`` delete it)."""
    draft = SubmissionDraft.objects.select_for_update().get(pk=draft.pk)
    access.require(actor, access.Action.DELETE, draft)
    audit_record(actor=actor, action="reports.submission_delete", obj=draft,
                 details={"country": draft.country.iso3, "mechanism": draft.mechanism, "version": draft.version})
    draft.delete()
