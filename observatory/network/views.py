"""The network's public directory and the page of each listed member."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from observatory import access
from observatory.cases.views.common import anonymous_private, private
from observatory.core.forms import add_service_errors, date_or_none
from observatory.core.ratelimit import rate_limit, retry_after
from observatory.countries.selectors import countries_allowing, country_get, country_list_by_name
from observatory.network import selectors, services
from observatory.network.forms import ApplicationForm, MemberForm
from observatory.network.models import Member, MemberKind, MemberStatus
from observatory.network.policies import MemberAction


def directory(request):
    country = country_get(iso3=request.GET.get("country", "")) if request.GET.get("country") else None
    kind = request.GET.get("kind", "")
    members = selectors.public_directory(country=country)
    if kind in MemberKind.values:
        members = members.filter(kind=kind)
    else:
        kind = ""
    rows = [{"member": m, "labels": selectors.labels(m)} for m in members]
    by_country: dict = {}
    for row in rows:
        by_country.setdefault(row["member"].country, []).append(row)
    countries = country_list_by_name()
    return render(request, "network/directory.html", {
        "groups": sorted(by_country.items(), key=lambda item: item[0].name), "count": len(rows),
        "countries": countries, "country": country, "kind": kind, "kinds": MemberKind.choices,
        "map": _directory_map(countries, kind) if country is None else None,
    })


MAP_BANDS = ["1", "2–4", "5–9", "10+"]


def _band(n: int) -> str:
    return "1" if n == 1 else "2–4" if n < 5 else "5–9" if n < 10 else "10+"


def _directory_map(countries, kind: str):
    """A map of the listed members per country (server-rendered SVG; each country links to its list)."""
    from observatory.charts import maps
    from observatory.charts.render import chart_svg, narrow_url

    counts = selectors.listed_per_country(kind=kind)
    if not counts:
        return None
    bins = {iso3: _band(n) for iso3, n in counts.items()}
    suffix = f"&kind={kind}" if kind else ""
    spec = maps.category_map(
        shapes={c.iso3: c.geometry for c in countries}, categories=bins,
        order=[band for band in MAP_BANDS if band in bins.values()], labels={c.iso3: c.name for c in countries},
        title=_("The network's listed members by country"), year=dt.date.today().year,
        legend_title=_("Members listed"), no_data_label=_("none listed"),
        source=_("Source: the network's member directory (members who chose to be listed)"),
        description=_("Map of the members listed in the directory per country, in bands; %(n)s countries have "
                      "listed members.") % {"n": len(bins)},
        links={iso3: f"?country={iso3}{suffix}" for iso3 in bins})
    return {"svg": chart_svg(spec), "narrow": narrow_url(spec)}


def member(request, member_id):
    found = selectors.public_directory().filter(uuid=member_id).first()
    if found is None:
        raise Http404
    # The public alliances it belongs to (the partners app sits above this one: read through the relation).
    alliances = found.alliances.filter(public=True).select_related("country").order_by("name")
    return render(request, "network/member.html", {"member": found, "labels": selectors.labels(found),
                                                   "alliances": alliances})


def _apply_page(request, form, *, status=200, problem=""):
    return render(request, "network/apply.html", {"form": form, "problem": problem}, status=status)


@anonymous_private
def apply(request):
    """The public membership application, with consent in plain words; one application per e-mail address."""
    countries = country_list_by_name()
    if request.method != "POST":
        return _apply_page(request, ApplicationForm(countries=countries))
    form = ApplicationForm(request.POST, countries=countries)
    if request.POST.get("homepage"):
        return render(request, "network/apply_done.html", {})  # a filled honeypot: a robot; keep nothing
    wait = rate_limit(request, group="network_apply", limit=5, window=3600)
    if wait is not None:
        return retry_after(_apply_page(request, ApplicationForm(countries=countries), status=429,
                                       problem=_("Too many applications from this connection. Please try again "
                                                 "in an hour.")), wait)
    if not form.is_valid():
        return _apply_page(request, form, status=400)
    data = form.cleaned_data
    services.application_submit(actor=request.user, language=request.LANGUAGE_CODE, data=services.ApplicationData(
        kind=data["kind"], name=data["name"].strip(), type=data["type"], country=data["country"],
        email=data["email"], phone=data["phone"].strip(), website=data["website"],
        contact_name=data["contact_name"].strip(), focus=data["focus"], languages=data["languages"],
        public=data["public"], regional=data["regional"]))
    return render(request, "network/apply_done.html", {})


@private
def applications(request):
    """Applications waiting for a decision, in the reviewer's scope."""
    if not access.policy_for(Member).allows_any(request.user, MemberAction.CHANGE):
        raise Http404
    pending = access.scope(request.user, MemberAction.CHANGE, Member).filter(status=MemberStatus.APPLIED) \
        .select_related("country").order_by("applied_on", "pk")
    return render(request, "network/applications.html", {"applications": pending})


@private
def application(request, member_id):
    """One application with its contacts (decrypted for a reviewer who may see them; audited)."""
    found = access.access_object(user=request.user, model=Member, action=MemberAction.CHANGE, uuid=member_id)
    contacts = selectors.member_contacts(user=request.user, member=found)
    if request.method == "POST" and found.status == MemberStatus.APPLIED:
        decision = request.POST.get("decision")
        if decision in ("approve", "decline"):
            try:
                services.application_decide(actor=request.user, member=found, approve=decision == "approve",
                                            language=request.POST.get("language", request.LANGUAGE_CODE))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Approved; the applicant was told by e-mail.") if decision == "approve"
                                 else _("Declined; the applicant was told by e-mail."))
            return redirect("network:applications")
    return render(request, "network/application.html", {"member": found, "contacts": contacts,
                                                        "labels": selectors.labels(found)})


@private
def manage(request):
    """Members in the reader's scope, with filters by country, kind and status (staff and coordinators)."""
    if not access.policy_for(Member).allows_any(request.user, MemberAction.CHANGE):
        raise Http404
    members = access.scope(request.user, MemberAction.CHANGE, Member).select_related("country")
    country = country_get(iso3=request.GET.get("country", "")) if request.GET.get("country") else None
    if country is not None:
        members = members.filter(country=country)
    kind, status = request.GET.get("kind", ""), request.GET.get("status", "")
    if kind in MemberKind.values:
        members = members.filter(kind=kind)
    if status in MemberStatus.values:
        members = members.filter(status=status)
    since, until = date_or_none(request.GET.get("since")), date_or_none(request.GET.get("until"))
    if since:  # joined (or, for an application, applied) from this date
        members = members.filter(Q(joined_on__gte=since) | Q(joined_on__isnull=True, applied_on__gte=since))
    if until:
        members = members.filter(Q(joined_on__lte=until) | Q(joined_on__isnull=True, applied_on__lte=until))
    return render(request, "network/manage.html", {
        "since": since, "until": until,
        "members": members.order_by("country__iso3", "kind", "name", "pk")[:500], "countries": country_list_by_name(),
        "country": country, "kind": kind, "status": status, "kinds": MemberKind.choices,
        "statuses": MemberStatus.choices,
        "may_export": access.policy_for(Member).allows_any(request.user, MemberAction.EXPORT),
    })


@private
def manage_member(request, member_id):
    """One member: details, contacts (audited), and its status (suspend, lapse, reinstate)."""
    found = access.access_object(user=request.user, model=Member, action=MemberAction.CHANGE, uuid=member_id,
                                 queryset=Member.objects.select_related("country"))
    if request.method == "POST":
        try:
            on = dt.date.fromisoformat(request.POST.get("on", ""))
        except ValueError:
            messages.error(request, _("Write the date as 2025-01-31."))
        else:
            try:
                services.member_status_change(actor=request.user, member=found, status=request.POST.get("status", ""),
                                              on=on)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The member's status was changed."))
        return redirect("network:manage_member", member_id=found.uuid)
    show = request.GET.get("show") == "contacts"
    return render(request, "network/manage_member.html", {
        "member": found, "labels": selectors.labels(found), "show_contacts": show,
        "may_edit": found.kind == MemberKind.ORGANISATION or access.user_can(
            request.user, MemberAction.VIEW_CONTACTS, found),
        "contacts": selectors.member_contacts(user=request.user, member=found) if show else None,
        "statuses": [(c, label) for c, label in MemberStatus.choices if c in services.MANAGED_STATUSES],
        "today": dt.date.today().isoformat(),
    })


def _editable_countries(user, member):
    """Countries ``user`` may move ``member`` to (the policy decides for each), its own first."""
    allowed = countries_allowing(user=user, model=Member, action=MemberAction.CHANGE, kind=member.kind,
                                 status=member.status)
    return [member.country, *(c for c in allowed if c.pk != member.country_id)]


@private
def manage_member_edit(request, member_id):
    """Change a member's details and contacts; the contacts are shown (audited) only to whom may see them."""
    found = access.access_object(user=request.user, model=Member, action=MemberAction.CHANGE, uuid=member_id,
                                 queryset=Member.objects.select_related("country"))
    with_contacts = access.user_can(request.user, MemberAction.VIEW_CONTACTS, found)
    if found.kind == MemberKind.INDIVIDUAL and not with_contacts:
        raise Http404  # an individual's name is itself a contact detail
    countries = _editable_countries(request.user, found) if with_contacts else [found.country]
    if request.method == "POST":
        form = MemberForm(request.POST, countries=countries, with_contacts=with_contacts)
        if form.is_valid():
            data = form.cleaned_data
            change = services.MemberChange(
                name=data["name"], type=data["type"], country=data["country"], regional=data["regional"],
                focus=data["focus"], languages=data["languages"], website=data["website"], public=data["public"],
                **{f: data[f] for f in MemberForm.CONTACT_FIELDS if with_contacts})
            try:
                services.member_update(actor=request.user, member=found, change=change)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The member's details were saved."))
                return redirect("network:manage_member", member_id=found.uuid)
        return render(request, "network/member_edit.html", {"member": found, "form": form}, status=400)
    contacts = selectors.member_contacts(user=request.user, member=found) if with_contacts else {}
    initial = {"name": found.name or contacts.get("person_name", ""), "type": found.type,
               "country": found.country.iso3, "regional": found.regional, "focus": found.focus,
               "languages": found.languages, "website": found.website, "public": found.public,
               **{f: contacts.get(f, "") for f in MemberForm.CONTACT_FIELDS}}
    form = MemberForm(initial=initial, countries=countries, with_contacts=with_contacts)
    return render(request, "network/member_edit.html", {"member": found, "form": form})


@private
def manage_export(request):
    """The secretariat's workbook of members with contacts (filters as on the list); audited."""
    if not access.policy_for(Member).allows_any(request.user, MemberAction.EXPORT):
        raise Http404
    country = country_get(iso3=request.GET.get("country", "")) if request.GET.get("country") else None
    status = request.GET.get("status", "")
    export = services.members_export(actor=request.user, country=country,
                                     status=status if status in MemberStatus.values else "")
    response = HttpResponse(export.content,
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response
