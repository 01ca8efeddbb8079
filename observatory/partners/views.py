"""Staff pages for partners (with their contact history) and alliances, filtered, in the reader's scope."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from observatory import access
from observatory.cases.views.common import private
from observatory.core.forms import add_service_errors
from observatory.countries.selectors import countries_allowing, country_get, country_list_by_name
from observatory.network.models import Member, MemberKind, MemberStatus
from observatory.partners import selectors, services
from observatory.partners.forms import AllianceForm, ContactForm, PartnerForm
from observatory.partners.models import RELATIONSHIPS, Alliance, AllianceStatus, Partner, PartnerKind
from observatory.partners.policies import PartnerAction

# --------------------------------------------------------------------------------------------- partners

@private
def partner_list(request):
    if not access.policy_for(Partner).allows_any(request.user, PartnerAction.VIEW):
        raise Http404
    country = country_get(iso3=request.GET.get("country", "")) if request.GET.get("country") else None
    kind = request.GET.get("kind", "") if request.GET.get("kind") in PartnerKind.values else ""
    relationship = request.GET.get("relationship", "") if request.GET.get("relationship") in RELATIONSHIPS else ""
    partners = selectors.partner_list(actor=request.user, country=country, kind=kind, relationship=relationship)
    return render(request, "partners/partner_list.html", {
        "partners": [{"partner": p, "relationships": selectors.relationship_labels(p)} for p in partners[:500]],
        "countries": country_list_by_name(), "country": country, "kind": kind, "kinds": PartnerKind.choices,
        "relationship": relationship, "relationships": list(RELATIONSHIPS.items()),
        "may_add": bool(countries_allowing(user=request.user, model=Partner, action=PartnerAction.CREATE)),
    })


def _partner_data(data, with_contacts: bool) -> services.PartnerData:
    return services.PartnerData(
        name=data["name"], kind=data["kind"], country=data["country"], relationships=data["relationships"],
        regional=data["regional"], website=data["website"], notes=data["notes"], active=data["active"],
        **{f: data[f] for f in PartnerForm.CONTACT_FIELDS if with_contacts})


@private
def partner_new(request):
    countries = countries_allowing(user=request.user, model=Partner, action=PartnerAction.CREATE)
    if not countries:
        raise Http404
    form = PartnerForm(request.POST or None, countries=countries, initial={"active": True})
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.partner_create(actor=request.user, data=_partner_data(form.cleaned_data, True))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The partner was added."))
            return redirect("partners:partner", partner_id=partner.uuid)
    return render(request, "partners/partner_form.html", {"form": form, "partner": None},
                  status=400 if form.errors else 200)


@private
def partner_detail(request, partner_id):
    found = access.access_object(user=request.user, model=Partner, action=PartnerAction.VIEW, uuid=partner_id,
                                 queryset=Partner.objects.select_related("country"))
    may_change = access.user_can(request.user, PartnerAction.CHANGE, found)
    form = ContactForm(request.POST or None) if may_change else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.partner_contact_add(actor=request.user, partner=found, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The contact was added to the history."))
                return redirect("partners:partner", partner_id=found.uuid)
    show = request.GET.get("show") == "contacts"
    return render(request, "partners/partner_detail.html", {
        "partner": found, "relationships": selectors.relationship_labels(found), "may_change": may_change,
        "may_see_contacts": access.user_can(request.user, PartnerAction.VIEW_CONTACTS, found),
        "contacts": selectors.partner_contacts(user=request.user, partner=found) if show else None,
        "history": selectors.partner_history(actor=request.user, partner=found), "form": form,
        "actions": selectors.actions_linked(actor=request.user, manager=found.advocacy_actions)[:50],
    }, status=400 if form is not None and form.errors else 200)


@private
def partner_edit(request, partner_id):
    found = access.access_object(user=request.user, model=Partner, action=PartnerAction.CHANGE, uuid=partner_id,
                                 queryset=Partner.objects.select_related("country"))
    with_contacts = access.user_can(request.user, PartnerAction.VIEW_CONTACTS, found)
    countries = [found.country]
    if with_contacts:
        countries = countries_allowing(user=request.user, model=Partner, action=PartnerAction.CHANGE)
    if found.country not in countries:
        countries = [found.country, *countries]
    if request.method == "POST":
        form = PartnerForm(request.POST, countries=countries, with_contacts=with_contacts)
        if form.is_valid():
            try:
                services.partner_update(actor=request.user, partner=found,
                                        data=_partner_data(form.cleaned_data, with_contacts))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The partner was saved."))
                return redirect("partners:partner", partner_id=found.uuid)
        return render(request, "partners/partner_form.html", {"form": form, "partner": found}, status=400)
    contacts = selectors.partner_contacts(user=request.user, partner=found) if with_contacts else {}
    initial = {"name": found.name, "kind": found.kind, "relationships": found.relationships,
               "country": found.country.iso3, "regional": found.regional, "website": found.website,
               "notes": found.notes, "active": found.active, **(contacts or {})}
    form = PartnerForm(initial=initial, countries=countries, with_contacts=with_contacts)
    return render(request, "partners/partner_form.html", {"form": form, "partner": found})


# -------------------------------------------------------------------------------------------- alliances

@private
def alliance_list(request):
    if not access.policy_for(Alliance).allows_any(request.user, "view"):
        raise Http404
    country = country_get(iso3=request.GET.get("country", "")) if request.GET.get("country") else None
    status = request.GET.get("status", "") if request.GET.get("status") in AllianceStatus.values else ""
    alliances = selectors.alliance_list(actor=request.user, country=country, status=status)
    return render(request, "partners/alliance_list.html", {
        "alliances": alliances.prefetch_related("members")[:300], "countries": country_list_by_name(),
        "country": country, "status": status, "statuses": AllianceStatus.choices,
        "may_add": _alliance_form_kwargs(request.user)["countries"] or _may_regional(request.user),
    })


def _may_regional(user) -> bool:
    return access.policy_for(Alliance).user_can(user, "create", Alliance(country=None))


def _alliance_form_kwargs(user, alliance: Alliance | None = None) -> dict:
    countries = countries_allowing(user=user, model=Alliance, action="create")
    if alliance is not None and alliance.country is not None and alliance.country not in countries:
        countries = [alliance.country, *countries]
    regional = _may_regional(user)
    members = access.scope(user, "view", Member).filter(kind=MemberKind.ORGANISATION,
                                                        status=MemberStatus.APPROVED)
    if not regional:  # a national alliance's members work in its country or across the region
        members = members.filter(Q(country__in=countries) | Q(regional=True))
    if alliance is not None:  # current members stay choosable even if the reader sees only some of them
        members = members | Member.objects.filter(pk__in=alliance.members.values("pk"))
    members = members.select_related("country").order_by("country__iso3", "name").distinct()
    return {"countries": countries, "regional": regional, "members": list(members)}


def _alliance_data(data) -> services.AllianceData:
    return services.AllianceData(name=data["name"], purpose=data["purpose"], country=data["country"],
                                 started_on=data["started_on"], status=data["status"], members=data["members"],
                                 public=data["public"])


@private
def alliance_new(request):
    kwargs = _alliance_form_kwargs(request.user)
    if not kwargs["countries"] and not kwargs["regional"]:
        raise Http404
    form = AllianceForm(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            alliance = services.alliance_create(actor=request.user, data=_alliance_data(form.cleaned_data))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The alliance was added."))
            return redirect("partners:alliance", alliance_id=alliance.uuid)
    return render(request, "partners/alliance_form.html", {"form": form, "alliance": None},
                  status=400 if form.errors else 200)


@private
def alliance_detail(request, alliance_id):
    found = access.access_object(user=request.user, model=Alliance, action="view", uuid=alliance_id,
                                 queryset=Alliance.objects.select_related("country"))
    every = found.members.all()
    # Members the reader may see as members (the public directory, and its own scope); the rest are counted.
    members = access.scope(request.user, "view", Member).filter(pk__in=every.values("pk")) \
        .select_related("country").order_by("country__iso3", "name")
    members = list(members)
    return render(request, "partners/alliance_detail.html", {
        "alliance": found, "members": members, "unlisted": every.count() - len(members),
        "may_change": access.user_can(request.user, "change", found),
        "actions": selectors.actions_linked(actor=request.user, manager=found.advocacy_actions)[:100],
    })


@private
def alliance_edit(request, alliance_id):
    found = access.access_object(user=request.user, model=Alliance, action="change", uuid=alliance_id,
                                 queryset=Alliance.objects.select_related("country"))
    kwargs = _alliance_form_kwargs(request.user, found)
    if request.method == "POST":
        form = AllianceForm(request.POST, **kwargs)
        if form.is_valid():
            try:
                services.alliance_update(actor=request.user, alliance=found, data=_alliance_data(form.cleaned_data))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The alliance was saved."))
                return redirect("partners:alliance", alliance_id=found.uuid)
        return render(request, "partners/alliance_form.html", {"form": form, "alliance": found}, status=400)
    form = AllianceForm(initial={
        "name": found.name, "country": found.country.iso3 if found.country else "", "purpose": found.purpose,
        "started_on": found.started_on, "status": found.status, "public": found.public,
        "members": [str(m.uuid) for m in found.members.all()]}, **kwargs)
    return render(request, "partners/alliance_form.html", {"form": form, "alliance": found})
