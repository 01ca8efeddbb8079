"""The anonymous self-report page and the follow-up status check. No account, nothing cached."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _

from observatory.cases.forms import FollowUpCodeForm, SelfReportForm
from observatory.cases.services import self_report_create, self_report_status
from observatory.cases.services.self_reports import self_report_limit
from observatory.cases.values import new_follow_up_code
from observatory.cases.views.common import anonymous_private
from observatory.core.ratelimit import rate_limit, retry_after
from observatory.core.forms import add_service_errors
from observatory.countries.selectors import country_list_by_name

FIELD_FOR_ERROR = {"consent.document": "consent_document", "consent.share_network": "consent_share_network"}


def max_report_bytes() -> int:
    return int(getattr(settings, "CASES_SELF_REPORT_MAX_BYTES", 32 * 1024))


def _form_page(request, form, *, status=200, problem=""):
    return render(request, "cases/self_report.html", {"form": form, "problem": problem}, status=status)


@anonymous_private
def report(request):
    """Report a violation anonymously. Protected by a size limit, a rate limit per hashed address and a honeypot."""
    countries = country_list_by_name()
    if request.method != "POST":
        return _form_page(request, SelfReportForm(countries=countries))
    if int(request.META.get("CONTENT_LENGTH") or 0) > max_report_bytes():
        return _form_page(request, SelfReportForm(countries=countries), status=413,
                          problem=_("The report is too long. Shorten the story to about 5,000 characters."))
    form = SelfReportForm(request.POST, countries=countries)
    if request.POST.get("website"):
        # A filled honeypot is a robot: answer as if it worked, keep nothing, and leave people's quota alone.
        return render(request, "cases/self_report_done.html", {"code": new_follow_up_code()})
    limit, window = self_report_limit()
    wait = rate_limit(request, group="self_report", limit=limit, window=window)
    if wait is not None:
        return retry_after(_form_page(request, SelfReportForm(countries=countries), status=429,
                                      problem=_("Too many reports from this connection. Please try again in an hour.")),
                           wait)
    if form.is_valid():
        data = form.cleaned_data
        try:
            _case, code = self_report_create(
                country=data["country"], narrative=data["narrative"], consent=form.to_consent(),
                occurred_on=data["occurred_on"], region=data["region"], violation=data["violation"],
                contact=data["contact"])
        except ValidationError as error:
            add_service_errors(form, error, field_for=FIELD_FOR_ERROR)
        else:
            return render(request, "cases/self_report_done.html", {"code": code})
    return _form_page(request, form)


@anonymous_private
def report_status(request):
    """Check a self-report's status with its follow-up code (sent by POST, so it never appears in a URL)."""
    form = FollowUpCodeForm(request.POST or None)
    status = None
    checked = False
    if request.method == "POST":
        limit, window = self_report_limit(bucket="status")
        wait = rate_limit(request, group="self_report_status", limit=limit, window=window)
        if wait is not None:
            return retry_after(render(request, "cases/self_report_status.html",
                                      {"form": FollowUpCodeForm(), "problem": _("Too many attempts. Try again in an hour.")},
                                      status=429), wait)
        if form.is_valid():
            checked = True
            status = self_report_status(code=form.cleaned_data["code"])
    return render(request, "cases/self_report_status.html", {"form": form, "status": status, "checked": checked})
