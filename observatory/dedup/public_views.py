"""The public estimate of undocumented violations (``/<lang>/violations/estimates/``)."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import render

from observatory.cases.suppression import publish_total
from observatory.countries.selectors import country_get, country_list_by_name
from observatory.dedup.estimates import MIN_LISTS, MIN_OBSERVED, registry_estimate


def number(value: float, language: str) -> str:
    """A whole number with the language's grouping (a thin space in Russian, a comma in English)."""
    from babel.numbers import format_decimal

    return format_decimal(round(value), format="#,##0", locale=language)


def estimates(request):
    countries = country_list_by_name()
    this_year = dt.date.today().year
    years = list(range(this_year, this_year - 11, -1))
    country = country_get(iso3=request.GET.get("country", "")) if request.GET.get("country") else None
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and int(year_text) in years else None
    context = {"countries": countries, "years": years, "country": country, "year": year,
               "min_lists": MIN_LISTS, "min_observed": MIN_OBSERVED}
    if country is not None:
        result = registry_estimate(country=country, year=year)
        lang = request.LANGUAGE_CODE
        context["result"] = result
        # The observed count follows the statistics' suppression: a count under 5 is never shown.
        context["observed"] = publish_total(result.observed)
        if result.status == "ok":
            context.update(
                estimate=number(result.estimate, lang), ci_low=number(result.ci_low, lang),
                ci_high=number(result.ci_high, lang), dark=number(result.dark_figure, lang),
                share=number(100 * result.share_documented, lang),
            )
    return render(request, "dedup/estimates.html", context)
