"""Possible duplicates: the coordinator's queue, a pair side by side, the decision, a new search."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from observatory import access
from observatory.access import user_country_ids
from observatory.cases.views.common import private
from observatory.countries.models import Country
from observatory.dedup import selectors, services
from observatory.dedup.models import CandidatePair, PairStatus
from observatory.dedup.wording import AGREEMENT_LABELS, FIELD_LABELS, METHOD_LABELS


def _reviewer(user) -> bool:
    return access.policy_for(CandidatePair).allows_any(user, "view")


@private
def queue(request):
    if not _reviewer(request.user):
        raise Http404
    status = request.GET.get("status", PairStatus.OPEN)
    if status not in PairStatus.values:
        status = PairStatus.OPEN
    countries = Country.objects.filter(pk__in=user_country_ids(request.user)).order_by("iso3")
    return render(request, "dedup/queue.html", {
        "pairs": selectors.pair_queue(user=request.user, status=status)[:200], "status": status,
        "statuses": PairStatus.choices, "countries": countries,
    })


@private
def pair_detail(request, pair_id):
    pair = access.access_object(user=request.user, model=CandidatePair, uuid=pair_id,
                                queryset=CandidatePair.objects.select_related("case_a", "case_b", "country"))
    show = request.GET.get("show") == "identities"
    sides = selectors.pair_sides(user=request.user, pair=pair, identities=show)
    rows = [{"field": FIELD_LABELS[field], "code": pair.agreements.get(field, "missing"),
             "text": AGREEMENT_LABELS[pair.agreements.get(field, "missing")]} for field in selectors.FIELD_ORDER]
    return render(request, "dedup/pair.html", {
        "pair": pair, "sides": sides, "rows": rows, "show_identities": show,
        "may_decide": pair.status == PairStatus.OPEN and access.user_can(request.user, "change", pair),
        "days_apart": pair.agreements.get("days_apart"), "method": METHOD_LABELS.get(pair.method, pair.method),
    })


@private
@require_POST
@access.not_found_on_denied
def pair_decide(request, pair_id):
    pair = access.access_object(user=request.user, model=CandidatePair, action="change", uuid=pair_id)
    decision = request.POST.get("decision")
    if decision not in ("same", "different"):
        messages.error(request, _("Choose “Same violation” or “Different violations”."))
        return redirect("dedup:pair", pair_id=pair.uuid)
    try:
        services.pair_decide(actor=request.user, pair=pair, same=decision == "same")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("dedup:pair", pair_id=pair.uuid)
    messages.success(request, _("Recorded: the two cases now count as one violation.") if decision == "same"
                     else _("Recorded: the two cases stay separate."))
    return redirect("dedup:queue")


@private
@require_POST
@access.not_found_on_denied
def find(request):
    iso3 = request.POST.get("country", "")
    country = Country.objects.filter(iso3=iso3, pk__in=user_country_ids(request.user)).first()
    if country is None:
        raise Http404
    result = services.duplicates_find(actor=request.user, country=country)
    messages.success(request, ngettext(
        "%(country)s: %(cases)s cases compared; %(new)s new possible duplicate to review.",
        "%(country)s: %(cases)s cases compared; %(new)s new possible duplicates to review.",
        result.pairs_new) % {"country": country.name, "cases": result.cases, "new": result.pairs_new})
    return redirect("dedup:queue")
