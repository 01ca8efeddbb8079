"""The documents as PDF downloads, and the staff pages that edit the briefs' texts.

Thin: the generator builds and caches the PDFs, the service writes the texts and
the access policy guards them. Staff pages are a 404 for everyone but admins.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from observatory import access
from observatory.core.forms import add_service_errors
from observatory.core.i18n import language_code
from observatory.countries.selectors import country_get, country_list_by_name
from observatory.reports import generate, selectors, services
from observatory.reports.documents.common import optional
from observatory.reports.forms import BriefTextForm
from observatory.reports.models import BriefText, Language


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Content-Length"] = str(len(content))
    return response


def _country(iso3: str):
    country = country_get(iso3=iso3) if len(iso3) == 3 else None
    if country is None:
        raise Http404
    return country


@require_safe
def brief(request, iso3: str):
    """The country brief in the page's language: the target of the dashboard's "Download brief" link."""
    country = _country(iso3)
    language = language_code()
    return _pdf(generate.brief_pdf(country=country, language=language),
                f"brief-{country.iso3.lower()}-{language}.pdf")


@require_safe
def regional(request):
    language = language_code()
    return _pdf(generate.regional_pdf(language=language), f"regional-brief-{language}.pdf")


@require_safe
def shadow(request, code: str, year: int, iso3: str):
    """The shadow report of one country for one review round (a round the reader may not see is a 404)."""
    reviews_access = optional("observatory.reviews.policies")
    if reviews_access is None:  # the review tracker is not installed
        raise Http404
    review_round = reviews_access.access_review_round(user=request.user, code=code, year=year)
    country = _country(iso3)
    language = language_code()
    content = generate.shadow_pdf(review_round=review_round, country=country, language=language, user=request.user)
    return _pdf(content, f"shadow-report-{code}-{year}-{country.iso3.lower()}-{language}.pdf")


def _require_staff(user) -> None:
    if not access.user_can(user, access.Action.CREATE, BriefText()):
        raise Http404


@login_required
def staff_list(request):
    """Every country and language with the state of its staff text."""
    _require_staff(request.user)
    texts = selectors.brief_texts_for(user=request.user)
    rows = [{"country": country, "texts": [{"language": code, "label": label, "text": texts.get((country.iso3, code))}
                                           for code, label in Language.choices]}
            for country in country_list_by_name()]
    return render(request, "reports/staff_list.html", {"rows": rows})


@login_required
@access.not_found_on_denied
def staff_edit(request, iso3: str, language: str):
    """Edit a brief's introduction and recommendations; every saved change is kept as a version."""
    _require_staff(request.user)
    country = _country(iso3)
    if language not in Language.values:
        raise Http404
    text = selectors.brief_text_current(country=country, language=language)
    initial = {"introduction": text.introduction, "recommendations": text.recommendations} if text else {}
    form = BriefTextForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.brief_text_save(actor=request.user, country=country, language=language,
                                                  **form.cleaned_data)[1]
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved as a new version.") if changed else _("Nothing changed."))
            return redirect("reports:staff_edit", iso3=country.iso3, language=language)
    suggestions = generate.brief_suggestions(country=country, language=language)
    versions = list(selectors.brief_text_versions(user=request.user, text=text)) if text else []
    return render(request, "reports/staff_edit.html", {
        "country": country, "language": language, "language_label": Language(language).label, "form": form,
        "text": text, "versions": versions, "suggestions": [] if text and text.recommendations else suggestions,
    }, status=400 if request.method == "POST" else 200)
