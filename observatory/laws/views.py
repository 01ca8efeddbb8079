"""Public law pages: the model law, one country against it, side by side, before and after a reform."""

from __future__ import annotations

import datetime

from django.http import Http404
from django.shortcuts import render

from observatory.countries.selectors import country_get, country_list, country_list_by_name
from observatory.laws import comparator, practice, selectors
from observatory.laws.forms import CompareForm, DateForm, ReformForm


def _country_or_404(iso3: str):
    country = country_get(iso3=iso3)
    if country is None:
        raise Http404
    return country


def index(request):
    coverage = selectors.coverage_by_country()
    countries = country_list_by_name()
    rows = [{"country": c, "counts": coverage.get(c.iso3)} for c in countries]
    return render(request, "laws/index.html", {
        "model_law": selectors.model_law(), "provisions": selectors.model_law_provisions(),
        "rows": rows, "covered": sum(1 for r in rows if r["counts"]), "form": CompareForm(),
    })


def model_law(request):
    return render(request, "laws/model.html", {"model_law": selectors.model_law(),
                                               "provisions": selectors.model_law_provisions()})


def country(request, iso3: str):
    country = _country_or_404(iso3)
    form = DateForm(request.GET or None)
    at = form.cleaned_data.get("date") if form.is_valid() else None
    cells = selectors.country_assessment(country=country, at=at)
    practice.annotate((country.iso3, cell) for cell in cells)
    change_dates = selectors.country_change_dates(country=country)
    reforms = [{"date": d, "before": d - datetime.timedelta(days=1)} for d in change_dates]
    return render(request, "laws/country.html", {
        "country": country, "cells": cells, "summary": comparator.summary(cells), "at": at, "form": form,
        "reforms": reforms, "versions": [v for cell in cells for v in cell.history],
    })


def compare(request):
    form = CompareForm(request.GET or None)
    rows, countries, at = [], [], None
    if form.is_valid():
        at = form.cleaned_data.get("date")
        by_code = {c.iso3: c for c in country_list()}
        countries = [by_code[code] for code in form.selected() if code in by_code]
        if countries:
            rows = selectors.countries_comparison(countries=countries, at=at)
            practice.annotate((c.iso3, cell) for _provision, cells in rows for c, cell in zip(countries, cells))
    return render(request, "laws/compare.html", {"form": form, "rows": rows, "countries": countries, "at": at})


def reform(request, iso3: str):
    country = _country_or_404(iso3)
    form = ReformForm(request.GET or None)
    rows = []
    if form.is_valid():
        rows = selectors.country_reform(country=country, before=form.cleaned_data["before"],
                                        after=form.cleaned_data["after"])
    change_dates = selectors.country_change_dates(country=country)
    reforms = [{"date": d, "before": d - datetime.timedelta(days=1)} for d in change_dates]
    return render(request, "laws/reform.html", {
        "country": country, "form": form, "rows": rows, "reforms": reforms,
        "changed": sum(1 for r in rows if r.changed),
    })
