"""The coverage grid page: where the platform's evidence is recent, old, dated only by an edition, or missing."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe

from observatory.indicators.coverage import coverage_grid, supply_countries


@require_safe
def coverage(request):
    grid = coverage_grid()
    return render(request, "indicators/coverage.html", {**grid, "supply_countries": supply_countries(request.user)})
