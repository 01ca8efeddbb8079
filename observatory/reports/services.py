"""Writes of the reports capability: the staff texts of the country briefs, versioned and audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from observatory.accounts import access
from observatory.audit.services import audit_record
from observatory.reports.models import BriefText, BriefTextVersion, Language

TEXT_FIELDS = ("introduction", "recommendations")


def _clean(value: str) -> str:
    """Line endings made uniform and trailing blanks dropped, so that re-saving the same text changes nothing."""
    lines = (value or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


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
    action = access.Action.CHANGE if text.pk else access.Action.CREATE
    if not access.user_can(actor, action, text):
        raise PermissionDenied
    values = {"introduction": _clean(introduction), "recommendations": _clean(recommendations)}
    for name, value in values.items():
        limit = BriefText._meta.get_field(name).max_length
        if len(value) > limit:
            raise ValidationError({name: _("At most %(n)s characters.") % {"n": limit}})
    changed = [name for name in TEXT_FIELDS if getattr(text, name) != values[name]]
    if text.pk and not changed:
        return text, False
    now = timezone.now()
    for name, value in values.items():
        setattr(text, name, value)
    text.version += 1
    text.updated_by = actor
    text.updated_at = now
    text.save()
    BriefTextVersion.objects.create(text=text, number=text.version, author=actor,
                                    author_username=actor.get_username(), created_at=now, **values)
    audit_record(actor=actor, action="reports.brief_text_save", obj=text,
                 details={"country": country.iso3, "language": language, "version": text.version,
                          "fields": changed})
    return text, True
