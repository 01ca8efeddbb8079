"""The organisers' pages: keeping meetings, their programme and recommendations, participants and check-in.

Everything here is a 404 for whom the access policy does not let keep the meeting; the participant list
is decrypted for the organisers and every opening of it is audited.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from observatory import access
from observatory.cases.views.common import private
from observatory.core.forms import add_service_errors
from observatory.countries.selectors import countries_allowing
from observatory.meetings import selectors
from observatory.meetings.extensions import organiser_links
from observatory.meetings.forms import (
    FollowUpForm,
    MeetingForm,
    RecommendationForm,
    SessionForm,
)
from observatory.meetings.models import Meeting, MeetingRecommendation, Registration
from observatory.meetings.services import meetings as services
from observatory.meetings.services.registrations import registration_check_in


def _kept(request, slug: str) -> Meeting:
    meeting = Meeting.objects.select_related("country").filter(slug=slug).first()
    if meeting is None or not access.user_can(request.user, "change", meeting):
        raise Http404
    return meeting


def _partners(user):
    from observatory.partners.selectors import partner_list

    return list(partner_list(actor=user))


@private
def manage(request):
    if not access.policy_for(Meeting).allows_any(request.user, "change"):
        raise Http404
    meetings = [m for m in access.scope(request.user, "change", Meeting).select_related("country")]
    return render(request, "meetings/manage.html", {"meetings": meetings})


def _meeting_form(request, meeting=None):
    countries = countries_allowing(user=request.user, model=Meeting, action="create")
    if meeting is not None and meeting.country not in countries:
        countries = [meeting.country, *countries]
    initial = {}
    if meeting is not None:
        initial = {name: getattr(meeting, name) for name in services.MEETING_FIELDS if name != "country"}
        initial.update(country=meeting.country.iso3, partners=[str(p.uuid) for p in meeting.partners.all()])
    return MeetingForm(request.POST if request.POST.get("form") == "meeting" else None, initial=initial,
                       countries=countries, partners=_partners(request.user))


@private
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_new(request):
    if not countries_allowing(user=request.user, model=Meeting, action="create"):
        raise Http404
    form = _meeting_form(request)
    if form.is_bound and form.is_valid():
        try:
            meeting = services.meeting_save(actor=request.user, data=services.MeetingData(**form.cleaned_data))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect("meetings:edit", slug=meeting.slug)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": None},
                  status=400 if form.is_bound else 200)


@private
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_edit(request, slug: str):
    """The meeting's details, and forms to add a programme session and a recommendation."""
    from observatory.reviews.models import ReviewItem

    meeting = _kept(request, slug)
    form = _meeting_form(request, meeting)
    session_form = SessionForm(request.POST if request.POST.get("form") == "session" else None)
    items = list(ReviewItem.objects.filter(active=True).select_related("process").order_by("process", "position"))
    recommendation_form = RecommendationForm(request.POST if request.POST.get("form") == "recommendation" else None,
                                             items=items)
    bound = next((f for f in (form, session_form, recommendation_form) if f.is_bound), None)
    if bound is not None and bound.is_valid():
        data = bound.cleaned_data
        try:
            if bound is form:
                meeting = services.meeting_save(actor=request.user, meeting=meeting,
                                                data=services.MeetingData(**data))
            elif bound is session_form:
                services.session_add(actor=request.user, meeting=meeting, **data)
            else:
                services.recommendation_add(actor=request.user, meeting=meeting, **data)
        except ValidationError as error:
            add_service_errors(bound, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("meetings:edit", slug=meeting.slug)
    return render(request, "meetings/meeting_form.html", {
        "form": form, "meeting": meeting, "session_form": session_form,
        "recommendation_form": recommendation_form, "sessions": list(meeting.sessions.all()),
        "recommendations": selectors.recommendations_of(meeting), "links": organiser_links(meeting),
    }, status=400 if bound is not None else 200)


@private
def participants(request, slug: str):
    """The participants with their details (decrypted, audited), sectors and attendance."""
    meeting = _kept(request, slug)
    if not access.user_can(request.user, "view", Registration(meeting=meeting)):
        raise Http404
    return render(request, "meetings/participants.html", {
        "meeting": meeting, "rows": selectors.participants(user=request.user, meeting=meeting),
        "counts": selectors.sector_counts(meeting)})


@private
@require_http_methods(["GET", "HEAD", "POST"])
def checkin(request, slug: str, code: str):
    """Where a participant's QR code leads: an organiser confirms their presence (a POST, never a GET)."""
    meeting = _kept(request, slug)
    registration = Registration.objects.filter(meeting=meeting, checkin_code=code).first()
    if registration is None:
        raise Http404
    problem = ""
    if request.method == "POST":
        try:
            registration, changed = registration_check_in(actor=request.user, meeting=meeting, code=code)
        except ValidationError as error:
            problem = error.messages[0]
        else:
            messages.success(request, _("Checked in.") if changed else _("Already checked in."))
            return redirect("meetings:checkin", slug=slug, code=code)
    return render(request, "meetings/checkin.html", {"meeting": meeting, "registration": registration,
                                                     "problem": problem}, status=409 if problem else 200)


@private
@require_http_methods(["GET", "HEAD", "POST"])
def follow_up(request, uuid):
    recommendation = MeetingRecommendation.objects.select_related("meeting").filter(uuid=uuid).first()
    if recommendation is None:
        raise Http404
    _kept(request, recommendation.meeting.slug)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_record(actor=request.user, recommendation=recommendation, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The follow-up is recorded."))
            return redirect("meetings:follow_up", uuid=recommendation.uuid)
    return render(request, "meetings/follow_up.html", {
        "recommendation": recommendation, "meeting": recommendation.meeting, "form": form,
        "history": list(selectors.follow_ups_of(recommendation)),
        "items": list(recommendation.review_items.select_related("process")),
    }, status=400 if request.method == "POST" else 200)


@private
@require_http_methods(["GET", "HEAD"])
def certificate(request, slug: str, code: str):
    """A present participant's certificate of attendance as a PDF, in the page's language."""
    from django.http import HttpResponse

    from observatory.core.i18n import language_code
    from observatory.meetings.certificate import certificate_pdf
    from observatory.meetings.services.certificates import certificate_issue

    meeting = _kept(request, slug)
    registration = Registration.objects.filter(meeting=meeting, checkin_code=code).first()
    if registration is None:
        raise Http404
    try:
        issued = certificate_issue(actor=request.user, registration=registration)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("meetings:participants", slug=slug)
    language = language_code()
    response = HttpResponse(certificate_pdf(issued, language=language), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{meeting.slug}-{issued.code}-{language}.pdf"'
    return response
