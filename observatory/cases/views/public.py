"""The public statistics page: counts of documented violations for a country and year, small cells suppressed."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import render

from observatory.cases.statistics import DIMENSIONS, counted_total, violation_stats
from observatory.core.i18n import collation_key
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


def _overview(year: int, years: list[int], countries) -> dict:
    """The regional overview: a map of countries' published totals, the trend and regional breakdowns."""
    from django.utils.translation import gettext as _

    from observatory.cases import regional
    from observatory.charts import maps
    from observatory.charts.ranges import range_line
    from observatory.charts.render import chart_svg, narrow_url

    overview = regional.regional_overview(year=year, countries=countries)
    source = _("Source: the Drug Policy Observatory registry (verified cases shared with consent; "
               "counts of 1 to 4 published as “<5”)")
    bins = regional.map_bins(overview.by_country)
    labels = {c.iso3: c.name for c in countries}
    map_spec = maps.category_map(
        shapes={c.iso3: c.geometry for c in countries}, categories=bins,
        order=[band for band in regional.MAP_BANDS if band in bins.values()], labels=labels,
        title=_("Documented cases by country"), year=year, legend_title=_("Verified cases"), source=source,
        no_data_label=_("none published"),
        description=_("Map of verified documented cases per country in %(year)s, in bands; "
                      "%(n)s countries have published cases.") % {"year": year, "n": len(bins)},
        links={iso3: f"?country={iso3}&year={year}" for iso3 in bins})
    trend = regional.regional_trend(years=years)
    trend_spec = range_line(
        points=trend, title=_("Documented cases in the region by year"), unit=_("verified cases"), source=source,
        description=_("Verified documented cases in the region per year, as a range where some countries' "
                      "counts are published only as fewer than 5."))
    charts = {}
    if bins:
        charts["map"] = {"svg": chart_svg(map_spec), "narrow": narrow_url(map_spec)}
    if any(point["low"] for point in trend):
        charts["trend"] = {"svg": chart_svg(trend_spec), "narrow": narrow_url(trend_spec)}
    rows = {}
    for by, items in overview.breakdowns.items():
        largest = overview.largest(by)
        rows[by] = {"cells": [{"cell": cell, "range": figure, "width": f"{BAR_WIDTH * figure.low / largest:.1f}"}
                              for cell, figure in items], "withheld": overview.withheld[by]}
    return {"overview": overview, "charts": charts, "trend": trend, "rows": rows,
            "by_country": sorted(((labels.get(iso3, iso3), iso3, value) for iso3, value in overview.by_country.items()),
                                 key=lambda row: collation_key(row[0]))}


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
        total = counted_total(country_id=country.pk, year=year)  # the same total for every breakdown
        for by in DIMENSIONS:
            stats = violation_stats(country=country, year=year, by=by, total=total)
            tables.append({"by": by, "stats": stats, "chart": _chart(stats)})
    context = {"countries": countries, "years": years, "country": country, "year": year, "tables": tables,
               "total": tables[0]["stats"].total if tables else None}
    if country is None:
        context["regional"] = _overview(year, years, list(countries))
    return render(request, "cases/violations.html", context)
