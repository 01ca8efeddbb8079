"""Rebuilding the search index from every app's providers (one transaction; idempotent)."""

from __future__ import annotations

import hashlib

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.utils import translation
from django.utils.module_loading import import_string

from observatory.search.models import SearchEntry


def providers() -> list[str]:
    """Dotted paths of the functions that list each app's findable pages (``search_providers``)."""
    return [path for config in apps.get_app_configs() for path in getattr(config, "search_providers", [])]


def collect() -> list[SearchEntry]:
    """Every provider's entries in every language: ``provider()`` yields ``(kind, key, title, body, url)``
    with the language active, so names and URLs come out in that language."""
    entries = []
    for path in providers():
        provider = import_string(path)
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for kind, key, title, body, url in provider():
                    entries.append(SearchEntry(kind=kind, key=str(key)[:120], language=language,
                                               title=str(title)[:500], body=str(body), url=str(url)[:300]))
    return entries


def fingerprint(entries: list[SearchEntry]) -> str:
    digest = hashlib.sha256()
    for e in sorted(entries, key=lambda e: (e.kind, e.key, e.language)):
        digest.update("\x1f".join([e.kind, e.key, e.language, e.title, e.body, e.url]).encode())
    return digest.hexdigest()[:16]


@transaction.atomic
def search_index_rebuild() -> dict[str, int]:
    """Replace the index with what the providers list now. No audit entry: it holds only public pages."""
    entries = collect()
    SearchEntry.objects.all().delete()
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES('rebuild')")
    return {"entries": len(entries)}
