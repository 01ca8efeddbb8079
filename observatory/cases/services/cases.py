"""Recording cases and moving them through their statuses.

``draft → submitted → verified → in_response → closed``, or ``rejected`` from
submitted or verified; a closed case can be reopened. Every service runs in one
transaction with its audit entry; identity values never reach the audit trail,
only the names of the fields that were written.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from observatory.access import check_actor, require
from observatory.audit.services import audit_record
from observatory.cases import crypto, limits
from observatory.cases.linkkeys import link_keys
from observatory.cases.models import (
    AGE_GROUPS,
    CONSEQUENCES,
    INTAKE_CHANNELS,
    KEY_POPULATIONS,
    PERPETRATORS,
    PLACE_TYPES,
    SEXES,
    VIOLATIONS,
    Act,
    Case,
    CaseStatus,
    RejectionReason,
    Victim,
)
from observatory.cases.policies import CaseAction
from observatory.cases.services import keys
from observatory.cases.services.common import (
    CaseData,
    Errors,
    Terms,
    VictimData,
    check_count,
    check_length,
)
from observatory.cases.values import new_reference, parse_occurred

TRANSITIONS = {
    CaseStatus.DRAFT: {CaseStatus.SUBMITTED},
    CaseStatus.SUBMITTED: {CaseStatus.VERIFIED, CaseStatus.REJECTED},
    CaseStatus.VERIFIED: {CaseStatus.IN_RESPONSE, CaseStatus.CLOSED, CaseStatus.REJECTED},
    CaseStatus.IN_RESPONSE: {CaseStatus.CLOSED},
    CaseStatus.CLOSED: {CaseStatus.IN_RESPONSE},
    CaseStatus.REJECTED: set(),
}


class Resolved:
    """A ``CaseData`` checked against the vocabularies: terms instead of codes, parsed dates."""

    def __init__(self, data: CaseData):
        self.data = data
        self.occurred_on: dt.date | None = None
        self.precision = "day"
        self.channel = None
        self.sex = None
        self.age_group = None
        self.key_populations = []
        self.acts: list[tuple] = []  # (violation, perpetrators, place_type, consequences)


def _age_group_for(terms: Terms, birth: dt.date, on: dt.date):
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    for term in terms.by_vocabulary.get(AGE_GROUPS, {}).values():
        if term.max_age is None and term.min_age is None:
            continue
        if (term.min_age is None or age >= term.min_age) and (term.max_age is None or age <= term.max_age):
            return term
    return None


def _term(errors: Errors, terms: Terms, vocabulary: str, field_name: str, code: str, *, required: bool = False):
    if not code:
        if required:
            errors.add(field_name, _("Choose a value."))
        return None
    term = terms.get(vocabulary, code)
    if term is None:
        errors.add(field_name, _("Unknown value “%(code)s”; choose one from the list.") % {"code": code[:60]})
    return term


def _terms(errors, terms, vocabulary, field_name, codes):
    found = []
    for code in codes:
        term = _term(errors, terms, vocabulary, field_name, code)
        if term is not None and term not in found:
            found.append(term)
    return found


def case_validate(*, data: CaseData, submit: bool, terms: Terms | None = None,
                  today: dt.date | None = None) -> Resolved:
    """Check a case's data; raise ``ValidationError`` keyed by field (``victim.contact``, ``acts.0.violation``).

    A draft needs only the consent to document. A submitted case also needs the
    date, the intake channel and at least one act with its violation type.
    """
    terms = terms or Terms()
    errors = Errors()
    resolved = Resolved(data)
    victim: VictimData = data.victim
    if not data.consent.document:
        errors.add("consent.document", _("Without the person's consent to document the case, nothing can be "
                                         "recorded."))
    if data.occurred_on:
        try:
            resolved.occurred_on, resolved.precision = parse_occurred(data.occurred_on, today=today)
        except ValueError as error:
            errors.add("occurred_on", _("Write a date as 2024-03-15, a month as 2024-03 or a year as 2024 (%(why)s).")
                       % {"why": _(str(error))})
    elif submit:
        errors.add("occurred_on", _("Give the date, or at least the month or year, when it happened."))
    resolved.channel = _term(errors, terms, INTAKE_CHANNELS, "channel", data.channel, required=submit)
    check_length(errors, "region", data.region, "region")
    check_length(errors, "narrative", data.narrative, "narrative")
    for name in ("name", "contact", "address", "client_code"):
        check_length(errors, f"victim.{name}", getattr(victim, name), name)
    if victim.contact and not data.consent.contact:
        errors.add("victim.contact", _("Keep contact details only when the person agreed to be contacted; tick that "
                                       "consent or leave the contact empty."))
    birth = None
    if victim.date_of_birth:
        try:
            birth = dt.date.fromisoformat(victim.date_of_birth.strip())
            if birth > (today or dt.date.today()) or birth.year < 1900:
                raise ValueError
        except ValueError:
            errors.add("victim.date_of_birth", _("Write the date of birth as 1990-07-31."))
            birth = None
    resolved.sex = _term(errors, terms, SEXES, "victim.sex", victim.sex)
    resolved.age_group = _term(errors, terms, AGE_GROUPS, "victim.age_group", victim.age_group)
    if resolved.age_group is None and birth is not None:
        resolved.age_group = _age_group_for(terms, birth, resolved.occurred_on or (today or dt.date.today()))
    if check_count(errors, "victim.key_populations", victim.key_populations, limits.KEY_POPULATIONS):
        resolved.key_populations = _terms(errors, terms, KEY_POPULATIONS, "victim.key_populations",
                                          victim.key_populations)
    if not check_count(errors, "acts", data.acts, limits.ACTS):
        errors.raise_if_any()  # checked before anything else about the acts: nothing more to read
    for index, act in enumerate(data.acts):
        if act.empty:
            continue
        prefix = f"acts.{index}"
        if not (check_count(errors, f"{prefix}.perpetrators", act.perpetrators, limits.PERPETRATORS_PER_ACT)
                and check_count(errors, f"{prefix}.consequences", act.consequences, limits.CONSEQUENCES_PER_ACT)):
            continue
        violation = _term(errors, terms, VIOLATIONS, f"{prefix}.violation", act.violation, required=True)
        perpetrators = _terms(errors, terms, PERPETRATORS, f"{prefix}.perpetrators", act.perpetrators)
        place = _term(errors, terms, PLACE_TYPES, f"{prefix}.place_type", act.place_type)
        consequences = _terms(errors, terms, CONSEQUENCES, f"{prefix}.consequences", act.consequences)
        if violation is not None:
            resolved.acts.append((violation, perpetrators, place, consequences))
    if submit and not any(not a.empty for a in data.acts):
        errors.add("acts.0.violation", _("Record at least one violation: what was done."))
    errors.raise_if_any()
    return resolved


def _unique_reference(country_iso3: str) -> str:
    year = timezone.now().year
    while True:
        reference = new_reference(country_iso3=country_iso3, year=year)
        if not Case.objects.filter(reference=reference).exists():
            return reference


def _apply(case: Case, resolved: Resolved) -> None:
    data = resolved.data
    case.region = data.region.strip()
    case.occurred_on = resolved.occurred_on
    case.occurred_precision = resolved.precision
    case.occurred_year = resolved.occurred_on.year if resolved.occurred_on else None
    case.channel = resolved.channel
    case.consent_document = data.consent.document
    case.consent_share_network = data.consent.share_network
    case.consent_advocacy = data.consent.advocacy
    case.consent_contact = data.consent.contact


def _write_parts(case: Case, resolved: Resolved, key, *, victim: Victim | None = None) -> None:
    """Write the victim (identity fields encrypted, blind index) and replace the acts."""
    data = resolved.data.victim
    victim = victim or Victim(case=case)
    for name in ("name", "contact", "date_of_birth", "address", "client_code"):
        crypto.seal(victim, name, getattr(data, name).strip(), key=key)
    victim.client_code_index = crypto.blind_index(data.client_code)
    victim.client_code_index_key = crypto.current_master_key().fingerprint if data.client_code else ""
    for field_name, value in link_keys(name=data.name, date_of_birth=data.date_of_birth).items():
        setattr(victim, field_name, value)
    victim.sex, victim.age_group = resolved.sex, resolved.age_group
    victim.save()
    victim.key_populations.set(resolved.key_populations)
    case.acts.all().delete()
    for order, (violation, perpetrators, place, consequences) in enumerate(resolved.acts):
        act = Act.objects.create(case=case, victim=victim, violation=violation, place_type=place, order=order)
        act.perpetrators.set(perpetrators)
        act.consequences.set(consequences)


def _summary(resolved: Resolved) -> dict:
    data = resolved.data
    return {
        "violations": [a[0].code for a in resolved.acts],
        "identity_fields_written": data.victim.identity_fields() + (["narrative"] if data.narrative else []),
        "consent": {k: getattr(data.consent, k) for k in ("document", "share_network", "advocacy", "contact")},
    }


def _replay(*, organisation, key_text: str | None) -> Case | None:
    """The organisation's case recorded with this key, if any (keys are scoped per organisation)."""
    if not key_text:
        return None
    return Case.objects.filter(organisation=organisation, idempotency_key=key_text).first()


@transaction.atomic
def case_create(
    *,
    actor,
    data: CaseData,
    submit: bool = False,
    idempotency_key: str | None = None,
    organisation=None,
    terms: Terms | None = None,
) -> tuple[Case, bool]:
    """Record a case for the actor's organisation (or ``organisation``, for operators and imports).

    Returns ``(case, created)``. With an ``idempotency_key`` already used by the
    same organisation, nothing is written and the existing case is returned
    (``created`` is False), so a retried or double submission makes one case.
    The case is saved as a draft, or submitted when ``submit`` is true.
    """
    check_actor(actor, "case_create")
    organisation = organisation or getattr(actor, "organisation", None)
    if organisation is None:
        raise ValidationError({"organisation": _("Cases are recorded by an organisation; this account has none.")})
    key_text = (idempotency_key or "").strip()[:64] or None
    existing = _replay(organisation=organisation, key_text=key_text)
    if existing is not None:
        return existing, False
    case = Case(organisation=organisation, country=organisation.country, status=CaseStatus.DRAFT,
                documenter=actor if getattr(actor, "is_authenticated", False) else None,
                idempotency_key=key_text)
    require(actor, CaseAction.CREATE, case)
    resolved = case_validate(data=data, submit=submit, terms=terms)
    _apply(case, resolved)
    case.reference = _unique_reference(organisation.country.iso3)
    key = keys.data_key_for(organisation=organisation)
    crypto.seal(case, "narrative", data.narrative.strip(), key=key)
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        # A concurrent request with the same key committed first: hand back its case.
        existing = _replay(organisation=organisation, key_text=key_text)
        if existing is None:
            raise
        return existing, False
    _write_parts(case, resolved, key)
    details = _summary(resolved)
    details["status_requested"] = "submitted" if submit else "draft"
    audit_record(actor=actor, action="case.create", obj=case, details=details)
    if submit:
        _transition(actor=actor, case=case, to=CaseStatus.SUBMITTED)
    return case, True


@transaction.atomic
def case_update(*, actor, case: Case, data: CaseData, submit: bool = False, terms: Terms | None = None) -> Case:
    """Replace a case's content (its draft form, saved again). Submitting checks that it is complete."""
    require(actor, CaseAction.CHANGE, case)
    resolved = case_validate(data=data, submit=submit or case.status != CaseStatus.DRAFT, terms=terms)
    _apply(case, resolved)
    key = keys.data_key_for(organisation=case.organisation) if case.organisation_id else \
        keys.data_key_for(country=case.country)
    crypto.seal(case, "narrative", data.narrative.strip(), key=key)
    case.save()
    _write_parts(case, resolved, key, victim=case.victims.order_by("pk").first())
    details = _summary(resolved)
    audit_record(actor=actor, action="case.change", obj=case, details=details)
    if submit and case.status == CaseStatus.DRAFT:
        _transition(actor=actor, case=case, to=CaseStatus.SUBMITTED)
    return case


def _transition(*, actor, case: Case, to: str, details: dict | None = None) -> Case:
    if to not in TRANSITIONS[CaseStatus(case.status)]:
        raise ValidationError({"status": _("A %(from)s case cannot become %(to)s.") % {
            "from": CaseStatus(case.status).label, "to": CaseStatus(to).label}})
    before = case.status
    now = timezone.now()
    case.status = to
    stamp = {CaseStatus.SUBMITTED: "submitted_at", CaseStatus.VERIFIED: "verified_at",
             CaseStatus.CLOSED: "closed_at"}.get(to)
    fields = ["status", "updated_at"]
    if stamp:
        setattr(case, stamp, now)
        fields.append(stamp)
    case.save(update_fields=fields)
    audit_record(actor=actor, action="case.status", obj=case,
                 details={"from": before, "to": to, **(details or {})})
    return case


@transaction.atomic
def case_submit(*, actor, case: Case) -> Case:
    """Send a draft for verification; it must be complete (date, channel, a violation)."""
    require(actor, CaseAction.CHANGE, case)
    from observatory.cases.selectors import case_data_for_check

    case_validate(data=case_data_for_check(case), submit=True)
    return _transition(actor=actor, case=case, to=CaseStatus.SUBMITTED)


@transaction.atomic
def case_verify(*, actor, case: Case, organisation=None) -> Case:
    """Confirm a submitted case (the moderation of a self-report); a coordinator may assign it to an organisation."""
    require(actor, CaseAction.MODERATE, case)
    details = {}
    if organisation is not None and organisation.pk != case.organisation_id:
        if organisation.country_id != case.country_id:
            raise ValidationError({"organisation": _("Choose an organisation that works in the case's country.")})
        case.organisation = organisation
        case.save(update_fields=["organisation", "updated_at"])
        details["assigned_to"] = organisation.slug
    return _transition(actor=actor, case=case, to=CaseStatus.VERIFIED, details=details)


@transaction.atomic
def case_reject(*, actor, case: Case, reason: str) -> Case:
    """Reject a submitted or verified case, with one of the fixed reasons (free text could name people)."""
    require(actor, CaseAction.MODERATE, case)
    if reason not in RejectionReason.values:
        raise ValidationError({"reason": _("Choose a reason from the list.")})
    case.rejection_reason = reason
    case.save(update_fields=["rejection_reason", "updated_at"])
    return _transition(actor=actor, case=case, to=CaseStatus.REJECTED, details={"reason": reason})


@transaction.atomic
def case_close(*, actor, case: Case) -> Case:
    require(actor, CaseAction.RESPOND, case)
    return _transition(actor=actor, case=case, to=CaseStatus.CLOSED)


@transaction.atomic
def case_reopen(*, actor, case: Case) -> Case:
    require(actor, CaseAction.RESPOND, case)
    return _transition(actor=actor, case=case, to=CaseStatus.IN_RESPONSE)
