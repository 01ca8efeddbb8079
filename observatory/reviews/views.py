"""Pages of the review tracker (thin: guards load, selectors read, services write)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from observatory import access
from observatory.core.forms import add_service_errors
from observatory.countries.models import Country
from observatory.countries.selectors import country_get
from observatory.reviews import selectors, services
from observatory.reviews.forms import (
    AssessmentForm,
    CountryReportForm,
    RoundCreateForm,
    evidence_formset,
)
from observatory.reviews.models import CountryRoundReport, ReviewRound, Status
from observatory.reviews.policies import (
    VIEW_AUTHORS,
    access_country_assessment,
    access_country_round_report,
    access_review_item,
    access_review_process,
    access_review_round,
)


def _country(iso3: str):
    country = country_get(iso3=iso3)
    if country is None:
        raise Http404
    return country


def _can(user, action, obj) -> bool:
    return access.user_can(user, action, obj)


def _own_countries(user) -> list:
    """The countries ``user`` is assigned to (coordinators; nobody else is assigned countries)."""
    return list(user.countries.order_by("iso3")) if access.is_signed_in(user) else []


def index(request):
    return render(request, "reviews/index.html", {"processes": selectors.process_list(user=request.user)})


def _process_context(request, process, round_form) -> dict:
    rounds = selectors.round_list(user=request.user, process=process)
    return {
        "process": process,
        "rounds": rounds,
        "region": selectors.region_status_counts(user=request.user, rounds=rounds),
        "items": selectors.item_list(process=process),
        "statuses": Status,
        "countries": sorted(access.public_scope(Country).filter(active=True), key=lambda c: c.name),
        "can_manage": _can(request.user, access.Action.CREATE, ReviewRound(process=process, year=2000)),
        "round_form": round_form,
    }


def process_detail(request, code: str):
    process = access_review_process(user=request.user, code=code)
    return render(request, "reviews/process.html", _process_context(request, process, RoundCreateForm()))


@login_required
@require_POST
@access.not_found_on_denied
def round_create(request, code: str):
    process = access_review_process(user=request.user, code=code)
    form = RoundCreateForm(request.POST)
    if form.is_valid():
        try:
            review_round = services.round_create(actor=request.user, process=process, year=form.cleaned_data["year"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Round %(year)s added. It stays unpublished until you publish it.")
                             % {"year": review_round.year})
            return redirect("reviews:round", code=process.code, year=review_round.year)
    return render(request, "reviews/process.html", _process_context(request, process, form), status=400)


@login_required
@require_POST
def round_update(request, code: str, year: int):
    review_round = access_review_round(user=request.user, code=code, year=year, action=access.Action.CHANGE)
    change = request.POST.get("change")
    flags = {"publish": {"published": True}, "unpublish": {"published": False},
             "open": {"is_open": True}, "close": {"is_open": False}}.get(change)
    if flags is None:
        messages.error(request, _("Unknown change."))
    else:
        services.round_update(actor=request.user, review_round=review_round, **flags)
        messages.success(request, {
            "publish": _("The round is published: everyone can read it now."),
            "unpublish": _("The round is withdrawn from the public."),
            "open": _("The round is open: coordinators can record assessments."),
            "close": _("The round is closed for entries."),
        }[change])
    return redirect("reviews:round", code=code, year=year)


def round_detail(request, code: str, year: int):
    review_round = access_review_round(user=request.user, code=code, year=year)
    own = [c for c in _own_countries(request.user)
           if _can(request.user, access.Action.CREATE, CountryRoundReport(round=review_round, country=c))]
    table = selectors.round_table(user=request.user, review_round=review_round, include_countries=own)
    return render(request, "reviews/round.html", {
        "process": review_round.process,
        "round": review_round,
        "table": table,
        "statuses": Status,
        "editable": {c.pk for c in own},
        "can_manage": _can(request.user, access.Action.CHANGE, review_round),
    })


def country_progress(request, code: str, iso3: str):
    process = access_review_process(user=request.user, code=code)
    country = _country(iso3)
    data = selectors.country_progress(user=request.user, process=process, country=country)
    return render(request, "reviews/country_progress.html", {"progress": data, "process": process,
                                                             "country": country})


def shadow_report(request, code: str, year: int, iso3: str):
    review_round = access_review_round(user=request.user, code=code, year=year)
    country = _country(iso3)
    context = selectors.shadow_report_context(review_round, country, user=request.user)
    context["can_edit"] = _can(request.user, access.Action.CREATE,
                               CountryRoundReport(round=review_round, country=country))
    return render(request, "reviews/shadow_report.html", context)


@login_required
@access.not_found_on_denied
def assessment_edit(request, code: str, year: int, iso3: str, item: str):
    review_round = access_review_round(user=request.user, code=code, year=year)
    country = _country(iso3)
    item_obj = access_review_item(user=request.user, process=review_round.process, code=item, active_only=True)
    assessment = access_country_assessment(user=request.user, round=review_round, item=item_obj, country=country,
                                           action=access.Action.CHANGE)
    initial = {"status": assessment.status, "comment_en": assessment.comment_en, "comment_ru": assessment.comment_ru}
    form = AssessmentForm(request.POST or None, initial=initial if assessment.pk else None)
    links = evidence_formset(request.POST or None, links=assessment.evidence if assessment.pk else ())
    if request.method == "POST" and form.is_valid() and links.is_valid():
        try:
            changed = services.assessment_save(
                actor=request.user, review_round=review_round, item=item_obj, country=country,
                status=form.cleaned_data["status"], evidence=links.links(),
                comment_en=form.cleaned_data["comment_en"], comment_ru=form.cleaned_data["comment_ru"])[1]
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved.") if changed else _("Nothing changed."))
            return redirect("reviews:shadow_report", code=code, year=year, iso3=country.iso3)
    return render(request, "reviews/assessment_form.html", {
        "process": review_round.process, "round": review_round, "country": country, "item": item_obj,
        "assessment": assessment, "form": form, "links": links,
    }, status=400 if request.method == "POST" else 200)


def assessment_history(request, code: str, year: int, iso3: str, item: str):
    review_round = access_review_round(user=request.user, code=code, year=year)
    country = _country(iso3)
    item_obj = access_review_item(user=request.user, process=review_round.process, code=item)
    assessment = access_country_assessment(user=request.user, round=review_round, item=item_obj, country=country)
    versions = assessment.versions.select_related("changed_by").order_by("-number")
    # Who made each change is shown to those who administer or write the record, not to every reader.
    show_authors = _can(request.user, VIEW_AUTHORS, assessment)
    return render(request, "reviews/assessment_history.html", {
        "process": review_round.process, "round": review_round, "country": country, "item": item_obj,
        "assessment": assessment, "versions": versions, "show_authors": show_authors,
    })


@login_required
@access.not_found_on_denied
def report_edit(request, code: str, year: int, iso3: str):
    review_round = access_review_round(user=request.user, code=code, year=year)
    country = _country(iso3)
    report = access_country_round_report(user=request.user, round=review_round, country=country,
                                         action=access.Action.CHANGE)
    initial = {name: getattr(report, name) for name in CountryRoundReport.FIELDS} if report.pk else {
        "funding_year": review_round.year}
    form = CountryReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.country_report_save(actor=request.user, review_round=review_round, country=country,
                                                   **form.cleaned_data)[1]
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved.") if changed else _("Nothing changed."))
            return redirect("reviews:shadow_report", code=code, year=year, iso3=country.iso3)
    return render(request, "reviews/report_form.html", {
        "process": review_round.process, "round": review_round, "country": country, "report": report,
        "form": form,
    }, status=400 if request.method == "POST" else 200)

