"""The public statistics page: counts of documented violations for a country and year, small cells suppressed."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import render

from observatory.cases.statistics import DIMENSIONS, counted_cases, violation_stats
from observatory.countries.selectors import country_get, country_list_by_name

BAR_WIDTH = 100  # the chart's bar area, in SVG units


def _chart(stats):
    largest = stats.largest
    rows = []
    for cell in stats.cells:
        # A suppressed cell gets a stub bar: its length must not hint at its size.
        width = BAR_WIDTH * cell.number / largest if cell.number is not None else 2
        rows.append({"cell": cell, "width": f"{width:.1f}"})  # a dot, not the locale's comma: this is SVG
    return {"rows": rows}


def violations(request):
    """Verified cases that consented to sharing, by violation, perpetrator and sex, with bar charts (no script)."""
    countries = country_list_by_name()
    this_year = dt.date.today().year
    years = list(range(this_year, this_year - 11, -1))
    country = country_get(iso3=request.GET.get("country", "")) if request.GET.get("country") else None
    try:
        year = int(request.GET.get("year", this_year - 1))
    except ValueError:
        year = this_year - 1
    if year not in years:
        year = this_year - 1
    tables = []
    if country is not None:
        total = counted_cases(country_id=country.pk, year=year).count()  # the same total for every breakdown
        for by in DIMENSIONS:
            stats = violation_stats(country=country, year=year, by=by, total=total)
            tables.append({"by": by, "stats": stats, "chart": _chart(stats)})
    return render(request, "cases/violations.html", {
        "countries": countries, "years": years, "country": country, "year": year, "tables": tables,
        "total": tables[0]["stats"].total if tables else None,
    })
