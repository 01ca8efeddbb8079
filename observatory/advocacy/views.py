"""The advocacy log's staff pages: the list in one's scope, and recording an action."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from observatory import access
from observatory.advocacy import selectors, services
from observatory.advocacy.evidence import evidence_url
from observatory.advocacy.forms import ActionForm, OutcomeForm
from observatory.advocacy.models import EVIDENCE_KINDS, ActionKind, AdvocacyAction, Outcome
from observatory.cases.views.common import private
from observatory.core.forms import add_service_errors, date_or_none
from observatory.countries.models import Country
from observatory.countries.selectors import countries_allowing, country_get
from observatory.events.selectors import events_for_country
from observatory.laws.models import LegalProvision
from observatory.network.models import Member, MemberKind, MemberStatus
from observatory.partners.models import Alliance, AllianceStatus, Partner


@private
def action_list(request):
    if not access.policy_for(AdvocacyAction).allows_any(request.user, "view"):
        raise Http404
    country = country_get(iso3=request.GET.get("country", "")) if request.GET.get("country") else None
    actions = selectors.action_list(actor=request.user, country=country).order_by("-date", "-pk")
    kind, outcome = request.GET.get("kind", ""), request.GET.get("outcome", "")
    if kind in ActionKind.values:
        actions = actions.filter(kind=kind)
    if outcome in Outcome.values:
        actions = actions.filter(outcome=outcome)
    since, until = date_or_none(request.GET.get("since")), date_or_none(request.GET.get("until"))
    if since:
        actions = actions.filter(date__gte=since)
    if until:
        actions = actions.filter(date__lte=until)
    return render(request, "advocacy/list.html", {
        "actions": actions[:300], "countries": Country.objects.filter(active=True).order_by("iso3"),
        "country": country, "kind": kind, "outcome": outcome, "kinds": ActionKind.choices,
        "outcomes": Outcome.choices, "since": since, "until": until,
    })





def _linkable(user, countries) -> dict:
    """Partners, member organisations and alliances an action in ``countries`` may name, as ``user`` sees them."""
    ids = [c.pk for c in countries]
    in_reach = Q(country_id__in=ids) | Q(regional=True)
    return {
        "partners": access.scope(user, "view", Partner).filter(in_reach, active=True)
        .select_related("country").order_by("country__iso3", "name"),
        "members": access.scope(user, "view", Member).filter(in_reach, kind=MemberKind.ORGANISATION,
                                                            status=MemberStatus.APPROVED)
        .select_related("country").order_by("country__iso3", "name"),
        "alliances": access.scope(user, "view", Alliance).filter(Q(country_id__in=ids) | Q(country__isnull=True))
        .exclude(status=AllianceStatus.CLOSED).select_related("country").order_by("name"),
    }


@private
def action_new(request):
    countries = countries_allowing(user=request.user, model=AdvocacyAction, action="create")
    if not countries:
        raise Http404
    form = ActionForm(request.POST or None, countries=countries, **_linkable(request.user, countries))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_create(actor=request.user, data=services.ActionData(
                country=data["country"], date=data["date"], kind=data["kind"], target=data["target"],
                ask=data["ask"], outcome=data["outcome"], alliance=data["alliance"], evidence=data["evidence"],
                follow_up_on=data["follow_up_on"], target_partner=data["target_partner"],
                members=data["members"]))
        except ValidationError as error:
            for key, problems in error.message_dict.items():
                form.add_error(key.split(".")[0] if key.split(".")[0] in form.fields else None, problems)
        else:
            messages.success(request, _("The action was recorded."))
            return redirect("advocacy:list")
    return render(request, "advocacy/new.html", {"form": form}, status=400 if form.errors else 200)


@private
def action_detail(request, action_id):
    """One action, and what came of it: its outcome, the reform that followed, the next follow-up, publication."""
    found = access.access_object(user=request.user, model=AdvocacyAction, action="view", uuid=action_id,
                                 queryset=selectors.action_list(actor=request.user))
    may_change = access.user_can(request.user, "change", found)
    form = None
    if may_change:
        events = events_for_country(country=found.country).filter(date__gte=found.date).order_by("date")
        laws = LegalProvision.objects.filter(country=found.country).select_related("provision") \
            .order_by("provision__position", "valid_from")
        initial = {"outcome": found.outcome, "follow_up_on": found.follow_up_on, "publish": found.publish,
                   "followed_by": found.followed_by.slug if found.followed_by else "",
                   "followed_by_law": str(found.followed_by_law_id or "")}
        form = OutcomeForm(request.POST or None, initial=initial, events=events, laws=laws)
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.action_outcome_change(actor=request.user, action=found,
                                               data=services.OutcomeData(**form.cleaned_data))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The outcome was saved."))
                return redirect("advocacy:action", action_id=found.uuid)
    return render(request, "advocacy/action.html", {
        "action": found, "form": form, "members": found.members.select_related("country"),
        "evidence": [{"kind": EVIDENCE_KINDS.get(e["kind"], e["kind"]), "ref": e["ref"],
                      "url": evidence_url(e["kind"], e["ref"])} for e in found.evidence],
    }, status=400 if form is not None and form.errors else 200)
