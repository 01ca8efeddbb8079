"""The search index holds only public pages: everyone reads it; only the rebuild service writes it."""

from __future__ import annotations

from observatory.access import register
from observatory.access.public import PublicReferencePolicy
from observatory.search.models import SearchEntry


class SearchEntryPolicy(PublicReferencePolicy):
    model = SearchEntry


def register_all() -> None:
    register(SearchEntryPolicy())
