"""Pages of policy events: the public timeline and event pages, and the staff pages that edit events.

Thin: the access policy loads and guards, selectors read, services write. Staff
pages are a 404 for everyone but admins, the same as a page that does not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from observatory import access
from observatory.core.forms import add_service_errors
from observatory.countries.selectors import country_get
from observatory.events import selectors, services
from observatory.events.forms import (
    EventForm,
    TimelineFilterForm,
    error_summary,
    source_formset,
)
from observatory.events.models import EventType, PolicyEvent
from observatory.events.policies import access_policy_event


def _can_manage(user) -> bool:
    return access.user_can(user, access.Action.CREATE, PolicyEvent())


def timeline(request):
    """Published events, grouped by year, filtered by country and type (``?country=UKR&type=court_ruling``)."""
    form = TimelineFilterForm(request.GET or None)
    form.is_valid()
    filters = getattr(form, "cleaned_data", {})
    country = country_get(iso3=filters["country"]) if filters.get("country") else None
    types = filters.get("type") or []
    events = list(selectors.event_list(country=country, types=types))
    return render(request, "events/timeline.html", {
        "form": form,
        "country": country,
        "show_country": country is None,
        "types": [EventType(code).label for code in types],
        "years": selectors.events_by_year(events),
        "count": len(events),
        "n_countries": len({event.country_id for event in events}),
        "can_manage": _can_manage(request.user),
    })


def detail(request, slug: str):
    event = access_policy_event(user=request.user, slug=slug)
    others = [e for e in selectors.events_for_country(country=event.country) if e.pk != event.pk]
    return render(request, "events/detail.html", {
        "event": event,
        "others": others,
        "can_change": access.user_can(request.user, access.Action.CHANGE, event),
    })


def _require_staff(user) -> None:
    if not _can_manage(user):
        raise Http404


@login_required
def staff_list(request):
    _require_staff(request.user)
    events = list(selectors.event_list(user=request.user).order_by("-date", "slug"))
    return render(request, "events/staff_list.html", {
        "events": events,
        "drafts": sum(1 for event in events if not event.published),
    })


def _source_errors(formset) -> list[str]:
    """The service's verdict on the sources alone, so a form with other errors reports them too."""
    if not formset.is_valid():
        return []
    try:
        services.sources_clean(formset.sources())
    except ValidationError as error:
        return error.message_dict.get("sources", [])
    return []


def _render_form(request, *, form, formset, event=None, source_errors=(), status=200):
    summary = error_summary(form, formset, list(source_errors)) if form.is_bound else []
    return render(request, "events/staff_form.html", {
        "form": form, "formset": formset, "event": event, "source_errors": source_errors, "summary": summary,
    }, status=status)


@login_required
def staff_create(request):
    _require_staff(request.user)
    form = EventForm(request.POST or None)
    formset = source_formset(request.POST or None)
    if request.method == "POST":
        if form.is_valid() & formset.is_valid():
            try:
                event = services.event_create(actor=request.user, slug=form.cleaned_data.get("slug") or "",
                                              sources=formset.sources(), **form.event_values())
            except ValidationError as error:
                source_errors = add_service_errors(form, error, formset=formset,
                                                   field_for=EventForm.FIELD_FOR_ERROR)
            else:
                messages.success(request, _("The event is added."))
                return redirect("events:detail", slug=event.slug)
        else:
            source_errors = _source_errors(formset)
        return _render_form(request, form=form, formset=formset, source_errors=source_errors, status=400)
    return _render_form(request, form=form, formset=formset)


@login_required
def staff_edit(request, slug: str):
    event = access_policy_event(user=request.user, slug=slug, action=access.Action.CHANGE)
    if request.method == "POST":
        form = EventForm(request.POST, editing=True)
        formset = source_formset(request.POST, event=event)
        if form.is_valid() & formset.is_valid():
            try:
                services.event_update(actor=request.user, event=event, sources=formset.sources(),
                                      **form.event_values())
            except ValidationError as error:
                source_errors = add_service_errors(form, error, formset=formset,
                                                   field_for=EventForm.FIELD_FOR_ERROR)
            else:
                messages.success(request, _("The event is saved."))
                return redirect("events:detail", slug=event.slug)
        else:
            source_errors = _source_errors(formset)
        return _render_form(request, form=form, formset=formset, event=event, source_errors=source_errors,
                            status=400)
    form = EventForm(initial=EventForm.initial_for(event), editing=True)
    return _render_form(request, form=form, formset=source_formset(event=event), event=event)


@login_required
def staff_delete(request, slug: str):
    event = access_policy_event(user=request.user, slug=slug, action=access.Action.DELETE)
    if request.method == "POST":
        services.event_delete(actor=request.user, event=event)
        messages.success(request, _("The event “%(title)s” is deleted.") % {"title": event.title})
        return redirect("events:staff_list")
    return render(request, "events/staff_delete.html", {"event": event})
