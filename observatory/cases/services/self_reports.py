"""Anonymous self-reports: a person reports a violation without an account.

The report is encrypted under its country's self-report data key, enters the
moderation queue of that country's coordinators as a submitted case, and gives
the reporter a random follow-up code. Only a SHA-256 digest of the code is
stored: it is 80 random bits, so there is nothing to brute-force offline.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from observatory.audit.services import audit_record
from observatory.cases import crypto
from observatory.cases.models import INTAKE_CHANNELS, VIOLATIONS, Act, Case, CaseStatus, Victim
from observatory.cases.services import keys
from observatory.cases.services.cases import _unique_reference
from observatory.cases.services.common import Consent, Errors, Terms, check_length
from observatory.cases.values import new_follow_up_code, normalise_follow_up_code, parse_occurred
from observatory.countries.models import Country

SELF_REPORT_CHANNEL = "self_report_online"


def _setting(name: str, default):
    return getattr(settings, name, default)


def follow_up_digest(code: str) -> str:
    return hashlib.sha256(normalise_follow_up_code(code).encode()).hexdigest()


def self_report_limit(*, bucket: str = "report") -> tuple[int, int]:
    """(attempts, seconds) allowed per client: ``CASES_SELF_REPORT_LIMIT`` reports (default 5) or
    ``CASES_STATUS_CHECK_LIMIT`` status checks (default 30) per ``CASES_SELF_REPORT_WINDOW`` seconds (an hour)."""
    limit = _setting("CASES_SELF_REPORT_LIMIT", 5) if bucket == "report" else _setting("CASES_STATUS_CHECK_LIMIT", 30)
    return limit, _setting("CASES_SELF_REPORT_WINDOW", 3600)


@transaction.atomic
def self_report_create(
    *,
    country: str,
    narrative: str,
    consent: Consent,
    occurred_on: str = "",
    region: str = "",
    violation: str = "",
    contact: str = "",
) -> tuple[Case, str]:
    """Record an anonymous report as a submitted case of ``country`` for its coordinators to moderate.

    Returns the case and the follow-up code, which is shown once and never stored.
    The reporter must agree to documentation and to sharing with the network's
    coordinators, who are the only people who can read the report.
    """
    errors = Errors()
    terms = Terms()
    country_obj = Country.objects.filter(iso3=(country or "").upper(), active=True).first()
    if country_obj is None:
        errors.add("country", _("Choose the country where it happened."))
    if not narrative.strip():
        errors.add("narrative", _("Tell in a few words what happened."))
    check_length(errors, "narrative", narrative, "narrative")
    check_length(errors, "region", region, "region")
    check_length(errors, "contact", contact, "contact")
    if not consent.document:
        errors.add("consent.document", _("Without your agreement we cannot keep the report."))
    if not consent.share_network:
        errors.add("consent.share_network", _("The network's coordinator for your country must be able to read the "
                                              "report; without this agreement it cannot be handled."))
    if contact and not consent.contact:
        errors.add("contact", _("Leave a contact only if you agree to be contacted, and tick that box."))
    occurred = precision = None
    if occurred_on:
        try:
            occurred, precision = parse_occurred(occurred_on)
        except ValueError as error:
            errors.add("occurred_on", _("Write a date as 2024-03-15, a month as 2024-03 or a year as 2024 (%(why)s).")
                       % {"why": _(str(error))})
    violation_term = terms.get(VIOLATIONS, violation) if violation else None
    if violation and violation_term is None:
        errors.add("violation", _("Choose a value from the list."))
    errors.raise_if_any()

    code = new_follow_up_code()
    case = Case(
        country=country_obj, organisation=None, status=CaseStatus.SUBMITTED, self_reported=True,
        channel=terms.get(INTAKE_CHANNELS, SELF_REPORT_CHANNEL), region=region.strip(),
        occurred_on=occurred, occurred_precision=precision or "day", occurred_year=occurred.year if occurred else None,
        consent_document=True, consent_share_network=True, consent_advocacy=consent.advocacy,
        consent_contact=consent.contact, submitted_at=timezone.now(), follow_up_digest=follow_up_digest(code),
        reference=_unique_reference(country_obj.iso3),
    )
    key = keys.data_key_for(country=country_obj)
    crypto.seal(case, "narrative", narrative.strip(), key=key)
    case.save()
    victim = Victim(case=case)
    crypto.seal(victim, "contact", contact.strip(), key=key)
    victim.save()
    if violation_term is not None:
        Act.objects.create(case=case, victim=victim, violation=violation_term)
    audit_record(actor=AnonymousUser(), action="case.self_report", obj=case,
                 details={"country": country_obj.iso3, "identity_fields_written": ["narrative"] +
                          (["victim.contact"] if contact else [])})
    return case, code


PUBLIC_STATUS = {
    CaseStatus.SUBMITTED: "received",
    CaseStatus.VERIFIED: "accepted",
    CaseStatus.IN_RESPONSE: "in_response",
    CaseStatus.CLOSED: "closed",
    CaseStatus.REJECTED: "not_accepted",
}


def self_report_status(*, code: str) -> str | None:
    """The plain status of a self-report for its follow-up code, or ``None`` for an unknown code."""
    normal = normalise_follow_up_code(code)
    if len(normal) != 19:
        return None
    status = Case.objects.filter(follow_up_digest=follow_up_digest(normal), self_reported=True).values_list(
        "status", flat=True).first()
    return PUBLIC_STATUS.get(status) if status else None
