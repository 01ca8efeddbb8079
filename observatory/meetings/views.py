"""The public meetings pages, registration and the participant's private page.

Registration works without JavaScript and without an account. The private page (opened by the link's
token) is never cached or indexed; it shows the participant's check-in QR code and lets them withdraw.
"""

from __future__ import annotations

import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from observatory import access
from observatory.cases.views.common import anonymous_private
from observatory.core.forms import add_service_errors
from observatory.core.i18n import language_code
from observatory.core.ratelimit import rate_limit, retry_after
from observatory.meetings import selectors
from observatory.meetings.calendar import meeting_ics
from observatory.meetings.extensions import participant_links
from observatory.meetings.forms import RegistrationForm
from observatory.meetings.models import MeetingKind, Registration, RegistrationStatus
from observatory.meetings.services.registrations import (
    RegistrationData,
    registration_by_token,
    registration_submit,
    registration_withdraw,
)


@require_safe
def index(request):
    kind = request.GET.get("kind", "") if request.GET.get("kind") in MeetingKind.values else ""
    return render(request, "meetings/index.html", {
        "upcoming": list(selectors.meeting_list(user=request.user, kind=kind, when="upcoming")),
        "past": list(selectors.meeting_list(user=request.user, kind=kind, when="past")),
        "kinds": MeetingKind.choices, "kind": kind,
        "may_manage": access.policy_for(Registration).allows_any(request.user, "view"),
    })


def _detail(request, meeting, form, *, status=200, problem=""):
    may_register = access.user_can(request.user, "create", Registration(meeting=meeting))
    return render(request, "meetings/detail.html", {
        "meeting": meeting, "sessions": list(meeting.sessions.all()), "outcomes": list(meeting.outcomes.all()),
        "recommendations": selectors.recommendations_of(meeting), "partners": list(meeting.partners.all()),
        "form": form if may_register else None, "problem": problem,
        "may_manage": access.user_can(request.user, "change", meeting),
        "upcoming": meeting.ends_on >= timezone.localdate(),
    }, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@anonymous_private
def detail(request, slug: str):
    meeting = selectors.meeting_get(user=request.user, slug=slug)
    if request.method != "POST":
        return _detail(request, meeting, RegistrationForm())
    form = RegistrationForm(request.POST)
    if request.POST.get("website"):  # a filled honeypot: a robot; keep nothing
        return redirect("meetings:detail", slug=meeting.slug)
    wait = rate_limit(request, group="meetings_register", limit=10, window=3600)
    if wait is not None:
        return retry_after(_detail(request, meeting, form, status=429, problem=_(
            "Too many registrations from this connection. Please try again in an hour.")), wait)
    if not form.is_valid():
        return _detail(request, meeting, form, status=400)
    try:
        registration, created, token = registration_submit(
            actor=request.user, meeting=meeting, language=language_code(),
            data=RegistrationData(**{k: form.cleaned_data[k] or ("" if k != "consent" else False) for k in (
                "name", "email", "sector", "consent", "organisation", "needs")}))
    except PermissionDenied:
        return _detail(request, meeting, form, status=409, problem=_("Registration for this meeting is closed."))
    except ValidationError as error:
        add_service_errors(form, error)
        return _detail(request, meeting, form, status=400)
    if not created:
        return render(request, "meetings/registered_again.html", {"meeting": meeting})
    return redirect("meetings:registration", token=token)


@require_safe
def calendar(request, slug: str):
    meeting = selectors.meeting_get(user=request.user, slug=slug)
    response = HttpResponse(meeting_ics(meeting, language=language_code()), content_type="text/calendar; "
                                                                                         "charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{meeting.slug}.ics"'
    return response


def _qr_svg(text: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode("utf-8")
    return svg[svg.index("<svg"):]


@require_http_methods(["GET", "HEAD", "POST"])
@anonymous_private
def registration(request, token: str):
    """The participant's own registration: details, check-in QR code, calendar, withdrawal."""
    found = registration_by_token(token)
    if found is None:
        raise Http404
    if request.method == "POST":
        registration_withdraw(token=token)
        return redirect("meetings:registration", token=token)
    checkin = request.build_absolute_uri(reverse("meetings:checkin", kwargs={
        "slug": found.meeting.slug, "code": found.checkin_code}))
    return render(request, "meetings/registration.html", {
        "registration": found, "meeting": found.meeting, "details": selectors.own_registration(found),
        "withdrawn": found.status == RegistrationStatus.WITHDRAWN,
        "qr": _qr_svg(checkin) if found.status == RegistrationStatus.REGISTERED else "",
        "links": participant_links(found, token) if found.status == RegistrationStatus.REGISTERED else [],
    })


@require_http_methods(["GET", "HEAD", "POST"])
@anonymous_private
def verify(request):
    """Check a certificate's code; the holder's name is asked (by POST, never in the address), not shown."""
    from observatory.meetings.services.certificates import certificate_verify

    code = (request.POST.get("code") or request.GET.get("code") or "")[:40]
    name = (request.POST.get("name") or "")[:200] if request.method == "POST" else ""
    certificate, matches = certificate_verify(code=code, name=name) if code else (None, None)
    return render(request, "meetings/verify.html", {
        "code": code, "certificate": certificate, "matches": matches, "asked": bool(name.strip()),
        "meeting": certificate.registration.meeting if certificate else None,
    }, status=404 if code and certificate is None else 200)
