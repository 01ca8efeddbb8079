"""Searching the index: PostgreSQL's full-text search, or SQLite's FTS5 on the embedded default.

Both backends treat a query the same way: words of letters and digits, each matched as a prefix, with
the last letters of a longer word dropped so that inflected forms find each other ("Украины" finds
"Украина", "prisons" finds "prison"). Titles weigh more than text. The index is rebuilt when what the
providers list has changed (a cheap fingerprint is kept in the shared cache).
"""

from __future__ import annotations

import re

from django.core.cache import cache
from django.db import connection
from django.utils.translation import get_language

from observatory.search.models import SearchEntry

MAX_RESULTS = 30
MAX_WORDS = 8
_WORD = re.compile(r"\w+", re.UNICODE)
_STATE_KEY = "search:fingerprint"
_CHECKED_KEY = "search:checked"
CHECK_SECONDS = 60  # how often a search compares the index with the providers (setup rebuilds at once)


def query_terms(text: str) -> list[str]:
    """The query's words as prefixes: lower case, at most ``MAX_WORDS``, endings trimmed from long words."""
    terms = []
    for word in _WORD.findall(text.lower())[:MAX_WORDS]:
        word = word.replace("_", "")
        if len(word) >= 7:
            word = word[:-2]
        elif len(word) >= 5:
            word = word[:-1]
        if word:
            terms.append(word)
    return terms


def index_fresh() -> None:
    """Rebuild the index when the providers' entries differ from those indexed (or it was never built)."""
    from observatory.search.services import collect, fingerprint, search_index_rebuild

    if cache.get(_CHECKED_KEY) and SearchEntry.objects.exists():
        return
    cache.set(_CHECKED_KEY, True, CHECK_SECONDS)
    current = fingerprint(collect())
    if cache.get(_STATE_KEY) != current or not SearchEntry.objects.exists():
        search_index_rebuild()
        cache.set(_STATE_KEY, current, None)


def search(text: str, *, language: str | None = None) -> list[SearchEntry]:
    """The best entries for ``text`` in ``language`` (default: the page's), best first."""
    terms = query_terms(text)
    if not terms:
        return []
    language = language or get_language()
    if connection.vendor == "postgresql":
        return _postgresql(terms, language)
    return _sqlite(terms, language)


def _sqlite(terms: list[str], language: str) -> list[SearchEntry]:
    match = " AND ".join(f'"{term}"*' for term in terms)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.id FROM search_fts JOIN search_searchentry e ON e.id = search_fts.rowid "
            "WHERE search_fts MATCH %s AND e.language = %s ORDER BY bm25(search_fts, 10.0, 1.0) LIMIT %s",
            [match, language, MAX_RESULTS])
        ids = [row[0] for row in cursor.fetchall()]
    by_id = SearchEntry.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def _postgresql(terms: list[str], language: str) -> list[SearchEntry]:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vector = SearchVector("title", weight="A", config="simple") + SearchVector("body", weight="B", config="simple")
    query = SearchQuery(" & ".join(f"{term}:*" for term in terms), search_type="raw", config="simple")
    # Only entries the query matches: ts_rank gives a tiny positive rank to an entry that does not match.
    return list(SearchEntry.objects.filter(language=language)
                .annotate(document=vector, rank=SearchRank(vector, query)).filter(document=query)
                .order_by("-rank", "title")[:MAX_RESULTS])
