"""The staff pages where a member drafts a submission to a UN mechanism, edits it and exports it.

Thin: the service writes the drafts, the access policy decides who sees which, and the document
generator builds the PDF or DOCX from the live data and the draft's texts, within the word limit.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from observatory import access
from observatory.core.forms import add_service_errors
from observatory.core.i18n import language_code
from observatory.countries.selectors import countries_allowing
from observatory.reports import generate, selectors, services
from observatory.reports.documents.submission import WORD_LIMITS, OverWordLimit
from observatory.reports.forms import SubmissionDraftForm, SubmissionStartForm
from observatory.reports.models import SubmissionDraft

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _startable(user) -> list:
    return countries_allowing(user=user, model=SubmissionDraft, action="create", created_by=user,
                              organisation_id=getattr(user, "organisation_id", None))


@login_required
def submissions(request):
    """The drafts the reader may see, and the form that starts one (a 404 for whoever may do neither)."""
    countries = _startable(request.user)
    drafts = list(selectors.submission_drafts_for(user=request.user))
    if not drafts and not countries:
        raise Http404
    form = SubmissionStartForm(request.POST or None, countries=countries, initial={"language": language_code()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            draft, created = services.submission_draft_start(
                actor=request.user, country=data["country"], mechanism=data["mechanism"], language=data["language"],
                recommendations=generate.submission_suggestions(country=data["country"], mechanism=data["mechanism"],
                                                                language=data["language"]))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if not created:
                messages.info(request, _("You already have this draft: it is opened below."))
            return redirect("reports:submission", pk=draft.pk)
    return render(request, "reports/submissions.html", {"drafts": drafts, "form": form},
                  status=400 if request.method == "POST" else 200)


def _words(draft: SubmissionDraft) -> dict:
    """The draft's word count against its limit, or why it does not fit."""
    limit = WORD_LIMITS.get(draft.mechanism)
    try:
        count = generate.submission_document(country=draft.country, mechanism=draft.mechanism,
                                             language=draft.language, texts=selectors.draft_texts(draft))[1]
    except OverWordLimit as error:
        return {"count": error.words, "limit": error.limit, "over": error.words - error.limit}
    return {"count": count, "limit": limit, "over": 0}


@login_required
def submission(request, pk: int):
    """Edit a draft's texts; every saved change is a version. Shows the word count against the limit."""
    draft = selectors.submission_draft_get(user=request.user, pk=pk)
    may_change = access.user_can(request.user, access.Action.CHANGE, draft)
    initial = {name: getattr(draft, name) for name in SubmissionDraft.TEXT_FIELDS}
    form = SubmissionDraftForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not may_change:
            raise Http404
        if form.is_valid():
            try:
                changed = services.submission_draft_save(actor=request.user, draft=draft, **form.cleaned_data)[1]
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Saved as a new version.") if changed else _("Nothing changed."))
                return redirect("reports:submission", pk=draft.pk)
    return render(request, "reports/submission.html", {
        "draft": draft, "form": form, "may_change": may_change, "words": _words(draft),
        "may_delete": access.user_can(request.user, access.Action.DELETE, draft),
        "versions": list(selectors.submission_draft_versions(user=request.user, draft=draft)[:20]),
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_safe
def submission_download(request, pk: int, fmt: str):
    """The draft as a PDF or DOCX; when it does not fit the word limit, back to the draft with the reason."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    draft = selectors.submission_draft_get(user=request.user, pk=pk)
    try:
        content, _count = generate.submission_file(country=draft.country, mechanism=draft.mechanism,
                                                   language=draft.language, fmt=fmt,
                                                   texts=selectors.draft_texts(draft))
    except OverWordLimit as error:
        messages.error(request, _("The submission has %(words)s words; the limit is %(limit)s. Shorten your texts "
                                  "by %(over)s words.") % {"words": error.words, "limit": error.limit,
                                                           "over": error.words - error.limit})
        return redirect("reports:submission", pk=draft.pk)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = f"submission-{draft.country.iso3.lower()}-{draft.mechanism}-{draft.language}-v{draft.version}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Content-Length"] = str(len(content))
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def submission_delete(request, pk: int):
    """Asks first (GET), deletes on the confirming POST."""
    draft = selectors.submission_draft_get(user=request.user, pk=pk)
    if not access.user_can(request.user, access.Action.DELETE, draft):
        raise Http404
    if request.method != "POST":
        return render(request, "reports/submission_delete.html", {"draft": draft})
    services.submission_draft_delete(actor=request.user, draft=draft)
    messages.success(request, _("The draft is deleted."))
    return redirect("reports:submissions")
