"""The coverage grid page: where the platform's evidence is recent, old, dated only by an edition, or missing."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_safe

from observatory import access
from observatory.indicators.coverage import coverage_grid


def _may_supply(user) -> bool:
    """Whether the reader may supply national figures (the figures capability's policy decides)."""
    from django.apps import apps

    if not apps.is_installed("observatory.figures"):
        return False
    model = apps.get_model("figures", "FigureSubmission")
    return access.policy_for(model).allows_any(user, "create")


@require_safe
def coverage(request):
    grid = coverage_grid()
    return render(request, "indicators/coverage.html", {**grid, "may_supply": _may_supply(request.user)})
