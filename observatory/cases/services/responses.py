"""Responses to a case: legal aid, complaints, referrals, each with a status, an outcome and a follow-up date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from observatory.access import require
from observatory.audit.services import audit_record
from observatory.cases import crypto, limits
from observatory.cases.models import RESPONSE_TYPES, Case, CaseStatus, Response, ResponseOutcome, ResponseStatus
from observatory.cases.policies import CaseAction
from observatory.cases.services import keys
from observatory.cases.services.cases import _transition
from observatory.cases.services.common import Errors, Terms, check_length


@dataclass
class ResponseData:
    type: str = ""
    status: str = ResponseStatus.PLANNED
    outcome: str = ResponseOutcome.PENDING
    started_on: dt.date | None = None
    completed_on: dt.date | None = None
    follow_up_due: dt.date | None = None
    notes: str | None = ""  # None: keep the stored notes (an editor who may not read them)


def _validate(data: ResponseData):
    errors = Errors()
    term = Terms().get(RESPONSE_TYPES, data.type)
    if term is None:
        errors.add("type", _("Choose the kind of response from the list."))
    if data.status not in ResponseStatus.values:
        errors.add("status", _("Choose a status from the list."))
    if data.outcome not in ResponseOutcome.values:
        errors.add("outcome", _("Choose an outcome from the list."))
    if data.started_on and data.completed_on and data.completed_on < data.started_on:
        errors.add("completed_on", _("The response cannot end before it started."))
    if data.status == ResponseStatus.DONE and data.follow_up_due:
        errors.add("follow_up_due", _("A finished response needs no follow-up date; clear it or change the status."))
    check_length(errors, "notes", data.notes or "", "notes")
    errors.raise_if_any()
    return term


def _key_for(case: Case):
    return keys.data_key_for(organisation=case.organisation) if case.organisation_id else \
        keys.data_key_for(country=case.country)


@transaction.atomic
def response_create(*, actor, case: Case, data: ResponseData) -> Response:
    """Record a response to a verified case; the case moves to ``in_response``."""
    require(actor, CaseAction.RESPOND, case)
    if Response.objects.filter(case=case).count() >= limits.RESPONSES:
        raise ValidationError({"type": _("This case already has %(limit)d responses, the most one case can hold.")
                                       % {"limit": limits.RESPONSES}})
    if case.status not in (CaseStatus.VERIFIED, CaseStatus.IN_RESPONSE):
        raise ValidationError({"case": _("Verify the case before recording responses (a closed case must be "
                                         "reopened first).")})
    term = _validate(data)
    response = Response(case=case, type=term, status=data.status, outcome=data.outcome, started_on=data.started_on,
                        completed_on=data.completed_on, follow_up_due=data.follow_up_due,
                        created_by=actor if getattr(actor, "is_authenticated", False) else None)
    crypto.seal(response, "notes", (data.notes or "").strip(), key=_key_for(case))
    response.save()
    audit_record(actor=actor, action="case.response_create", obj=case,
                 details={"response": str(response.uuid), "type": term.code, "status": data.status,
                          "identity_fields_written": ["response.notes"] if data.notes else []})
    if case.status == CaseStatus.VERIFIED:
        _transition(actor=actor, case=case, to=CaseStatus.IN_RESPONSE)
    return response


@transaction.atomic
def response_update(*, actor, response: Response, data: ResponseData) -> Response:
    """Change a response's status, outcome, dates or notes."""
    require(actor, CaseAction.RESPOND, response.case)
    term = _validate(data)
    response.type, response.status, response.outcome = term, data.status, data.outcome
    response.started_on, response.completed_on = data.started_on, data.completed_on
    response.follow_up_due = data.follow_up_due
    if data.notes is not None:
        crypto.seal(response, "notes", data.notes.strip(), key=_key_for(response.case))
    response.save()
    audit_record(actor=actor, action="case.response_change", obj=response.case,
                 details={"response": str(response.uuid), "type": term.code, "status": data.status})
    return response
