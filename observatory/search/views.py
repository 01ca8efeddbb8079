"""The search page: a plain GET form (in every page's header) and a list of results."""

from __future__ import annotations

from django.shortcuts import render

from observatory.search.selectors import index_fresh, search


def results(request):
    text = request.GET.get("q", "").strip()[:200]
    found = []
    if text:
        index_fresh()
        found = search(text)
    return render(request, "search/results.html", {"q": text, "results": found})
