"""The pages where members supply national figures and analysts review them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from observatory import access
from observatory.cases.views.common import private
from observatory.core.forms import add_service_errors
from observatory.countries.selectors import countries_allowing
from observatory.figures import selectors, services
from observatory.figures.forms import ROWS, FigureForm, ReviewForm
from observatory.figures.models import FigureSubmission, SubmissionStatus
from observatory.indicators.coverage import CORE_COLUMNS
from observatory.indicators.models import Indicator

FIELD_FOR = {f"rows.{n}.{part}": f"{part}_{n}" for n in range(1, ROWS + 1) for part in ("year", "value")}


def _countries(user):
    return countries_allowing(user=user, model=FigureSubmission, action="create",
                              organisation_id=getattr(user, "organisation_id", None))


@private
@require_safe
def index(request):
    countries = _countries(request.user)
    items = list(selectors.submission_list(user=request.user))
    if not countries and not items:
        raise Http404
    return render(request, "figures/index.html", {
        "items": items, "may_submit": bool(countries),
        "may_review": access.policy_for(FigureSubmission).allows_any(request.user, "change"),
        "awaiting": sum(1 for i in items if i.status == SubmissionStatus.SUBMITTED)})


@private
@require_http_methods(["GET", "HEAD", "POST"])
def new(request):
    countries = _countries(request.user)
    if not countries:
        raise Http404
    core = [code for _key, _label, codes in CORE_COLUMNS for code in codes]
    indicators = sorted(Indicator.objects.all(), key=lambda i: (i.code not in core, i.name.casefold()))
    initial = {"country": request.GET.get("country", ""), "indicator": request.GET.get("indicator", "")}
    form = FigureForm(request.POST or None, request.FILES or None, countries=countries, indicators=indicators,
                      initial=initial)
    if request.method == "POST" and form.is_valid():
        rows, row_errors = form.rows()
        data = services.FigureData(
            country=form.cleaned_data["country"], indicator=form.cleaned_data["indicator"], rows=rows,
            document_title=form.cleaned_data["document_title"], publisher=form.cleaned_data["publisher"],
            page=form.cleaned_data["page"], document_url=form.cleaned_data["document_url"] or "",
            document_file=form.cleaned_data.get("document_file"), comment=form.cleaned_data["comment"] or "",
            errors=row_errors)
        try:
            submission, created = services.figure_submit(actor=request.user, data=data)
        except ValidationError as error:
            add_service_errors(form, error, field_for=FIELD_FOR)
        else:
            messages.success(request, _("Thank you: the figure awaits an analyst's review.") if created else
                             _("This figure was already sent and awaits review."))
            return redirect("figures:detail", uuid=submission.uuid)
    return render(request, "figures/new.html", {"form": form}, status=400 if request.method == "POST" else 200)


@private
@require_http_methods(["GET", "HEAD", "POST"])
def detail(request, uuid):
    submission = selectors.submission_get(user=request.user, uuid=uuid)
    may_review = (access.user_can(request.user, "change", submission)
                  and submission.status == SubmissionStatus.SUBMITTED
                  and submission.submitted_by_id != request.user.pk)
    form = ReviewForm(request.POST or None) if may_review else None
    if request.method == "POST":
        if form is None and submission.status != SubmissionStatus.SUBMITTED \
                and access.user_can(request.user, "change", submission):
            messages.info(request, _("This submission was already reviewed."))  # a second click: nothing changes
            return redirect("figures:detail", uuid=submission.uuid)
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.figure_review(actor=request.user, submission=submission,
                                       accept=form.cleaned_data["decision"] == "accept",
                                       reason=form.cleaned_data["reason"] or "")
            except ValidationError as error:
                add_service_errors(form, error)
            except PermissionDenied:
                raise Http404 from None
            else:
                messages.success(request, _("The review is recorded."))
                return redirect("figures:detail", uuid=submission.uuid)
    return render(request, "figures/detail.html", {"item": submission, "form": form},
                  status=400 if request.method == "POST" else 200)


@private
@require_safe
def document(request, uuid):
    """The attached document, for whom may see the submission."""
    submission = selectors.submission_get(user=request.user, uuid=uuid)
    if not submission.document_file:
        raise Http404
    return FileResponse(submission.document_file.open("rb"), as_attachment=True,
                        filename=submission.document_file.name.rsplit("/", 1)[-1])
