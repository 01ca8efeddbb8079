"""Public pages of the human rights mechanisms: recommendations with their status, litigation,
alternatives to punishment; the assessment form for coordinators on a recommendation's page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from observatory import access
from observatory.core.forms import add_service_errors
from observatory.countries.selectors import country_get, country_list_by_name
from observatory.events.selectors import events_for_country
from observatory.indicators.models import Indicator
from observatory.laws.models import LegalProvision
from observatory.rights import selectors, services
from observatory.rights.forms import AssessmentForm
from observatory.rights.models import (
    THEMES,
    Assessment,
    Implementation,
    Mechanism,
    Recommendation,
)


def index(request):
    country = country_get(iso3=request.GET.get("country", "")) if request.GET.get("country") else None
    mechanism = request.GET.get("mechanism", "") if request.GET.get("mechanism") in Mechanism.values else ""
    theme = request.GET.get("theme", "") if request.GET.get("theme") in THEMES else ""
    status = request.GET.get("status", "")
    items = list(selectors.recommendation_list(country=country, mechanism=mechanism, theme=theme))
    if status in Implementation.values:
        items = [r for r in items if r.current_status == status]
    elif status == "unassessed":
        items = [r for r in items if r.current_status is None]
    else:
        status = ""
    return render(request, "rights/index.html", {
        "items": items, "countries": country_list_by_name(), "country": country, "mechanism": mechanism,
        "mechanisms": Mechanism.choices, "theme": theme, "themes": list(THEMES.items()), "status": status,
        "statuses": Implementation.choices, "theme_labels": THEMES,
        "counted": len({r.country_id for r in items}),
    })


def recommendation(request, key):
    found = Recommendation.objects.select_related("country").filter(key=key).first()
    if found is None:
        raise Http404
    may_assess = access.user_can(request.user, "create", Assessment(recommendation=found))
    form = None
    if may_assess:
        laws = LegalProvision.objects.filter(country=found.country).select_related("provision") \
            .order_by("provision__position", "valid_from")
        events = events_for_country(country=found.country).filter(date__gte=found.date)
        codes = Indicator.objects.values_list("code", flat=True)
        form = AssessmentForm(request.POST or None, laws=laws, events=events, indicator_codes=codes)
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.assessment_record(actor=request.user, recommendation=found, data=services.AssessmentData(
                    round=data["round"], status=data["status"], evidence=data["evidence"], laws=data["laws"],
                    events=data["events"], indicators=data["indicators"]))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The assessment was recorded; the earlier ones stay as its history."))
                return redirect("rights:recommendation", key=found.key)
    return render(request, "rights/recommendation.html", {
        "item": found, "history": selectors.recommendation_history(found), "form": form,
        "theme_labels": [THEMES[t] for t in found.themes if t in THEMES],
    }, status=400 if form is not None and form.errors else 200)


def country(request, iso3):
    found = country_get(iso3=iso3)
    if found is None:
        raise Http404
    items = list(selectors.recommendation_list(country=found))
    by_mechanism: dict = {}
    for item in items:
        by_mechanism.setdefault(item.get_mechanism_display(), []).append(item)
    return render(request, "rights/country.html", {
        "country": found, "by_mechanism": list(by_mechanism.items()), "total": len(items),
        "cases": selectors.case_list(country=found), "alternatives": selectors.alternative_list(country=found),
    })


def litigation(request):
    country = country_get(iso3=request.GET.get("country", "")) if request.GET.get("country") else None
    return render(request, "rights/litigation.html", {
        "cases": selectors.case_list(country=country), "countries": country_list_by_name(), "country": country})


def alternatives(request):
    country = country_get(iso3=request.GET.get("country", "")) if request.GET.get("country") else None
    items = selectors.alternative_list(country=country)
    grid = selectors.diversion_in_law_and_practice() if country is None else []
    return render(request, "rights/alternatives.html", {
        "items": items, "countries": country_list_by_name(), "country": country,
        "map": _alternatives_map(grid) if grid else None,
        "grid": [row for row in grid if row.category],
    })


def _alternatives_map(grid: list):
    """Where alternatives to punishment exist in law (the model law's two provisions) and in practice."""
    from observatory.charts import maps
    from observatory.charts.render import chart_svg, narrow_url

    labels = {key: str(label) for key, label in selectors.DIVERSION_CATEGORIES.items()}
    categories = {row.country.iso3: labels[row.category] for row in grid if row.category}
    if not categories:
        return None
    spec = maps.category_map(
        shapes={row.country.iso3: row.country.geometry for row in grid}, categories=categories,
        order=[labels[key] for key in selectors.DIVERSION_CATEGORIES if labels[key] in categories.values()],
        labels={row.country.iso3: row.country.name for row in grid},
        title=_("Alternatives to punishment for drug offences: in law and in practice"),
        year=_("as recorded"), legend_title=_("Alternatives"), no_data_label=_("nothing recorded"),
        source=_("Sources: the law data (model-law provisions on diversion and alternatives to imprisonment) and "
                 "the programmes' own sources, listed below"),
        description=_("Map of countries where alternatives to punishment for drug offences exist in law and in "
                      "practice, in practice only, in law only, or not in law; %(n)s countries recorded.") % {
            "n": len(categories)},
        links={iso3: f"?country={iso3}" for iso3 in categories})
    return {"svg": chart_svg(spec), "narrow": narrow_url(spec)}
