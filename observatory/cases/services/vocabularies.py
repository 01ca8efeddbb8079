"""Controlled vocabularies: loading the shipped YAML files and admins' additions."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from observatory import access
from observatory.audit.services import audit_record
from observatory.cases.models import Term, TermGroup, Vocabulary
from observatory.core.loaders import load_audit, rows_upsert


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
def vocabularies_load(*, actor) -> dict[str, int]:
    """Load data/vocabularies/*.yaml: create new terms, update changed shipped ones, leave the rest.

    Returns the number of vocabularies and the counts of terms. Idempotent (a
    second run changes nothing and writes no audit entry); a run that changes
    something writes one audit entry (``vocabulary.load``) by ``actor``
    (``access.SYSTEM`` for setup). Terms that admins added are kept; the files
    are the source of truth for shipped terms.
    """
    documents = vocabulary_files()
    vocabularies = rows_upsert(actor=actor, model=Vocabulary, keys="code", rows=[
        {"code": document["vocabulary"], "name_en": document["name_en"], "name_ru": document["name_ru"]}
        for document in documents])
    groups = rows_upsert(actor=actor, model=TermGroup, keys=("vocabulary", "code"), rows=[
        {"vocabulary": vocabulary, "code": raw["code"], "name_en": raw["name_en"], "name_ru": raw["name_ru"],
         "order": raw.get("order") or 0}
        for document, vocabulary in zip(documents, vocabularies.objects) for raw in document.get("groups") or []])
    group_ids: dict[int, dict[str, int]] = {}
    for group in groups.objects:
        group_ids.setdefault(group.vocabulary_id, {})[group.code] = group.pk
    terms = rows_upsert(actor=actor, model=Term, keys=("vocabulary", "code"), rows=[
        {"vocabulary": vocabulary, "code": raw["code"], **_term_values(raw, group_ids.get(vocabulary.pk, {}))}
        for document, vocabulary in zip(documents, vocabularies.objects) for raw in document["terms"]])
    counts = {"vocabularies": len(documents), **terms.counts}
    load_audit(actor=actor, action="vocabulary.load", counts=counts, upserts=[vocabularies, groups, terms])
    return counts


@transaction.atomic
def term_group_save(*, actor, group: TermGroup) -> TermGroup:
    """Add or rename a group of terms (the admin's form); the access policy decides who may (admins)."""
    access.require(actor, access.Action.CREATE if group.pk is None else access.Action.CHANGE, group)
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
    access.require(actor, action, term)
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
