"""Recording a case: the mobile-first intake form (new case, draft, edit)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from observatory.access import not_found_on_denied
from observatory.cases.forms import CaseForm, act_formset, new_idempotency_key
from observatory.cases.policies import CASES, CaseAction, access_case
from observatory.cases.selectors import case_identity
from observatory.cases.services import case_create, case_update
from observatory.cases.values import format_occurred
from observatory.cases.views.common import private
from observatory.core.forms import add_service_errors


def _render(request, form, formset, *, case=None, status=200):
    return render(request, "cases/case_form.html", {"form": form, "formset": formset, "case": case}, status=status)


def _submitted(request, form, formset):
    """(CaseData, submit?) when the form's shape is valid, else None."""
    if not (form.is_valid() and formset.is_valid()):
        return None
    return form.to_case_data([f.to_act() for f in formset.forms]), "submit" in request.POST


@private
@not_found_on_denied
def case_new(request):
    """Record a case. Each rendering carries a new idempotency key, so a double submission saves one case."""
    if not CASES.allows_any(request.user, CaseAction.CREATE):
        raise Http404
    if request.method != "POST":
        form = CaseForm(initial={"idempotency_key": new_idempotency_key()})
        return _render(request, form, act_formset())
    form, formset = CaseForm(request.POST), act_formset(request.POST)
    submitted = _submitted(request, form, formset)
    if submitted is not None:
        data, submit = submitted
        try:
            case, created = case_create(actor=request.user, data=data, submit=submit,
                                        idempotency_key=form.cleaned_data["idempotency_key"])
        except ValidationError as error:
            add_service_errors(form, error, formset=formset, field_for=CaseForm.FIELD_FOR_ERROR)
        else:
            if not created:
                messages.info(request, _("This case was already saved; it was not saved twice."))
            elif submit:
                messages.success(request, _("Case %(ref)s submitted for verification.") % {"ref": case.reference})
            else:
                messages.success(request, _("Draft %(ref)s saved.") % {"ref": case.reference})
            return redirect("cases:detail", case_id=case.uuid)
    return _render(request, form, formset)


def _initial(case, identity):
    victim = case.victims.order_by("pk").select_related("sex", "age_group").prefetch_related("key_populations").first()
    person = identity.victim
    initial = {
        "occurred_on": format_occurred(case.occurred_on, case.occurred_precision), "region": case.region,
        "channel": case.channel.code if case.channel else "", "narrative": identity.narrative,
        "consent_document": case.consent_document, "consent_share_network": case.consent_share_network,
        "consent_advocacy": case.consent_advocacy, "consent_contact": case.consent_contact,
    }
    if victim is not None:
        initial |= {"victim_sex": victim.sex.code if victim.sex else "",
                    "victim_age_group": victim.age_group.code if victim.age_group else "",
                    "victim_key_populations": [t.code for t in victim.key_populations.all()]}
    if person is not None:
        initial |= {"victim_name": person.name, "victim_contact": person.contact,
                    "victim_date_of_birth": person.date_of_birth, "victim_address": person.address,
                    "victim_client_code": person.client_code}
    acts = [{"violation": a.violation.code, "perpetrators": [p.code for p in a.perpetrators.all()],
             "place_type": a.place_type.code if a.place_type else "",
             "consequences": [c.code for c in a.consequences.all()]}
            for a in case.acts.select_related("violation", "place_type").prefetch_related("perpetrators",
                                                                                          "consequences")]
    return initial, acts


@private
def case_edit(request, case_id):
    """Continue a draft or correct a case. Showing the stored identity fields in the form is audited."""
    case = access_case(user=request.user, case_id=case_id, action=CaseAction.CHANGE)
    if request.method == "POST":
        form, formset = CaseForm(request.POST), act_formset(request.POST)
        submitted = _submitted(request, form, formset)
        if submitted is not None:
            data, submit = submitted
            try:
                case_update(actor=request.user, case=case, data=data, submit=submit)
            except ValidationError as error:
                add_service_errors(form, error, formset=formset, field_for=CaseForm.FIELD_FOR_ERROR)
            else:
                messages.success(request, _("Case %(ref)s saved.") % {"ref": case.reference})
                return redirect("cases:detail", case_id=case.uuid)
        return _render(request, form, formset, case=case)
    initial, acts = _initial(case, case_identity(user=request.user, case=case, via="edit_form"))
    return _render(request, CaseForm(initial=initial), act_formset(initial=acts), case=case)
