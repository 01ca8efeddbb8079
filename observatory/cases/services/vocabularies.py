"""Controlled vocabularies: loading the shipped YAML files and admins' additions."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from observatory.accounts import access
from observatory.audit.services import audit_record
from observatory.cases.models import Term, TermGroup, Vocabulary

_TERM_FIELDS = ("name_en", "name_ru", "description_en", "description_ru", "huridocs_thesaurus", "huridocs_code",
                "huridocs_term", "huridocs_match", "min_age", "max_age", "order", "group_id", "active", "shipped")


def vocabulary_dir() -> Path:
    return Path(settings.DATA_DIR) / "vocabularies"


@lru_cache(maxsize=4)
def _read(directory: str, stamp: tuple) -> list[dict]:
    files = []
    for path in sorted(Path(directory).glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            document = yaml.safe_load(handle)
        if not isinstance(document, dict) or "terms" not in document:
            raise ValueError(f"{path}: a vocabulary file is a mapping with 'terms'")
        document.setdefault("vocabulary", path.stem)
        files.append(document)
    return files


def vocabulary_files() -> list[dict]:
    """The parsed shipped vocabulary files (cached until a file changes)."""
    directory = vocabulary_dir()
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(directory.glob("*.yaml")))
    return _read(str(directory), stamp)


def _term_values(raw: dict, group_ids: dict[str, int]) -> dict:
    huridocs = raw.get("huridocs") or {}
    return {
        "name_en": raw["name_en"], "name_ru": raw["name_ru"],
        "description_en": raw.get("description_en") or "", "description_ru": raw.get("description_ru") or "",
        "huridocs_thesaurus": huridocs.get("thesaurus") or "", "huridocs_code": str(huridocs.get("code") or ""),
        "huridocs_term": huridocs.get("term") or "", "huridocs_match": huridocs.get("match") or "",
        "min_age": raw.get("min_age"), "max_age": raw.get("max_age"), "order": raw.get("order") or 0,
        "group_id": group_ids.get(raw.get("group")) if raw.get("group") else None,
        "active": True, "shipped": True,
    }


@transaction.atomic
def vocabularies_load() -> dict[str, int]:
    """Load data/vocabularies/*.yaml: create new terms, update changed shipped ones, leave the rest.

    Idempotent (a second run changes nothing). Terms that admins added are kept;
    the files are the source of truth for shipped terms.
    """
    counts = {"vocabularies": 0, "created": 0, "updated": 0, "unchanged": 0}
    for document in vocabulary_files():
        vocabulary, _created = Vocabulary.objects.update_or_create(
            code=document["vocabulary"], defaults={"name_en": document["name_en"], "name_ru": document["name_ru"]})
        counts["vocabularies"] += 1
        group_ids = {}
        for raw in document.get("groups") or []:
            group, _ = TermGroup.objects.update_or_create(
                vocabulary=vocabulary, code=raw["code"],
                defaults={"name_en": raw["name_en"], "name_ru": raw["name_ru"], "order": raw.get("order") or 0})
            group_ids[group.code] = group.pk
        existing = {t.code: t for t in Term.objects.filter(vocabulary=vocabulary)}
        new, changed = [], []
        for raw in document["terms"]:
            values = _term_values(raw, group_ids)
            term = existing.get(raw["code"])
            if term is None:
                new.append(Term(vocabulary=vocabulary, code=raw["code"], **values))
            elif any(getattr(term, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(term, key, value)
                changed.append(term)
            else:
                counts["unchanged"] += 1
        Term.objects.bulk_create(new)
        if changed:
            Term.objects.bulk_update(changed, list(_TERM_FIELDS))
        counts["created"] += len(new)
        counts["updated"] += len(changed)
    return counts


@transaction.atomic
def term_group_save(*, actor, group: TermGroup) -> TermGroup:
    """Add or rename a group of terms (the admin's form); only admins may."""
    if actor is not None and getattr(actor, "role", None) != "admin":
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    created = group.pk is None
    group.full_clean()
    group.save()
    audit_record(actor=actor, action="vocabulary.group_create" if created else "vocabulary.group_change", obj=group,
                 details={"vocabulary": group.vocabulary.code, "code": group.code})
    return group


@transaction.atomic
def term_save(*, actor, term: Term) -> Term:
    """Add or change a term (the admin's form). Codes are stable: a saved code cannot change."""
    action = access.Action.CREATE if term.pk is None else access.Action.CHANGE
    if actor is not None and not access.user_can(actor, action, term):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    if term.pk is not None:
        original = Term.objects.get(pk=term.pk)
        if original.code != term.code:
            raise ValidationError({"code": _("A term's code never changes; retire the term and add a new one.")})
    if term.group_id and term.group.vocabulary_id != term.vocabulary_id:
        raise ValidationError({"group": _("The group belongs to another vocabulary.")})
    term.full_clean()
    term.save()
    audit_record(actor=actor, action="vocabulary.term_create" if action == access.Action.CREATE
                 else "vocabulary.term_change", obj=term,
                 details={"vocabulary": term.vocabulary.code, "code": term.code})
    return term
