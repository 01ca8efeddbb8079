"""The advocacy log's staff pages: the list in one's scope, and recording an action."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from observatory import access
from observatory.advocacy import selectors, services
from observatory.advocacy.forms import ActionForm
from observatory.advocacy.models import ActionKind, AdvocacyAction, Outcome
from observatory.cases.views.common import private
from observatory.countries.models import Country
from observatory.countries.selectors import country_get


def _recorder_countries(user):
    """The countries ``user`` may record actions in, as the policy's create rule decides for each."""
    policy = access.policy_for(AdvocacyAction)
    return [c for c in Country.objects.filter(active=True).order_by("iso3")
            if policy.user_can(user, "create", AdvocacyAction(country=c))]


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
    return render(request, "advocacy/list.html", {
        "actions": actions[:300], "countries": Country.objects.filter(active=True).order_by("iso3"),
        "country": country, "kind": kind, "outcome": outcome, "kinds": ActionKind.choices,
        "outcomes": Outcome.choices,
    })


@private
def action_new(request):
    countries = _recorder_countries(request.user)
    if not countries:
        raise Http404
    form = ActionForm(request.POST or None, countries=countries)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_create(actor=request.user, data=services.ActionData(
                country=data["country"], date=data["date"], kind=data["kind"], target=data["target"],
                ask=data["ask"], outcome=data["outcome"], alliance=data["alliance"], evidence=data["evidence"],
                follow_up_on=data["follow_up_on"]))
        except ValidationError as error:
            for key, problems in error.message_dict.items():
                form.add_error(key.split(".")[0] if key.split(".")[0] in form.fields else None, problems)
        else:
            messages.success(request, _("The action was recorded."))
            return redirect("advocacy:list")
    return render(request, "advocacy/new.html", {"form": form}, status=400 if form.errors else 200)
