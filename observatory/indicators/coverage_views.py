"""The coverage grid page: where the platform's evidence is recent, old, dated only by an edition, or missing."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe

from observatory.indicators.coverage import coverage_grid, may_supply_figures


@require_safe
def coverage(request):
    grid = coverage_grid()
    return render(request, "indicators/coverage.html", {**grid, "may_supply": may_supply_figures(request.user)})
