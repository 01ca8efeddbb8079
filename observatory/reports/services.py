"""Writes of the reports capability: the staff texts of the country briefs, versioned and audited."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from observatory.audit.services import audit_record
from observatory.core.versioning import versioned_record_save
from observatory.reports.models import BriefText, BriefTextVersion, Language

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
