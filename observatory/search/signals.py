"""Setup rebuilds the index at once (searches otherwise notice a change within a minute)."""

from __future__ import annotations


def rebuild_after_setup(sender, **kwargs):
    from observatory.search.services import search_index_rebuild

    search_index_rebuild()
