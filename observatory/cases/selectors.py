"""Reads of case records. Every read starts from the access policy's queryset.

Lists and pages load related rows in batches, so their query count does not
grow with the number of rows. Identity fields are decrypted only by
:func:`case_identity` and :func:`attachment_content`, which write an audit
entry (who, which case, which fields, when; never the values) in the same
transaction as the read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from observatory.access import scope
from observatory.audit.services import audit_record
from observatory.cases import crypto
from observatory.cases.models import (
    OPEN_RESPONSE_STATUSES,
    Act,
    Attachment,
    Case,
    CaseStatus,
    Response,
    Victim,
)
from observatory.cases.policies import CASES, CaseAction
from observatory.cases.services.common import VICTIM_IDENTITY_FIELDS, ActData, CaseData, Consent
from observatory.cases.values import format_occurred

LIST_FIELDS = ("uuid", "reference", "status", "occurred_on", "occurred_precision", "region", "created_at",
               "self_reported", "consent_share_network", "organisation__name", "organisation__slug", "country__iso3",
               "channel__name_en",
               "channel__name_ru", "organisation_id", "country_id", "channel_id")


def case_list(
    *,
    user,
    country: str | None = None,
    status: str | None = None,
    year: int | None = None,
    self_reported: bool | None = None,
) -> QuerySet[Case]:
    """The cases ``user`` may see, newest first, filtered; each with its acts' violation types prefetched.

    No identity field is loaded (ciphertext columns are not even selected).
    """
    cases = CASES.scope(user, CaseAction.VIEW)
    if country:
        cases = cases.filter(country__iso3=country.upper())
    if status:
        cases = cases.filter(status=status)
    if year:
        cases = cases.filter(occurred_year=year)
    if self_reported is not None:
        cases = cases.filter(self_reported=self_reported)
    acts = Act.objects.select_related("violation").only("case_id", "order", "violation__code",
                                                        "violation__name_en", "violation__name_ru")
    return (
        cases.select_related("organisation", "country", "channel")
        .only(*LIST_FIELDS)
        .prefetch_related(Prefetch("acts", queryset=acts))
        .order_by("-created_at", "-id")
    )


def case_detail(*, user, case: Case) -> Case:
    """``case`` with its victims, acts, responses and attachments loaded (no ciphertext decrypted)."""
    victims = Victim.objects.select_related("sex", "age_group").prefetch_related("key_populations")
    acts = Act.objects.select_related("violation", "place_type", "victim").prefetch_related("perpetrators",
                                                                                            "consequences")
    responses = Response.objects.select_related("type").defer("notes_enc")
    attachments = Attachment.objects.defer("content_enc", "filename_enc")
    return (
        CASES.scope(user, CaseAction.VIEW)
        .select_related("organisation", "country", "channel", "documenter")
        .prefetch_related(Prefetch("victims", queryset=victims), Prefetch("acts", queryset=acts),
                          Prefetch("responses", queryset=responses), Prefetch("attachments", queryset=attachments))
        .get(pk=case.pk)
    )


@dataclass
class VictimIdentity:
    uuid: str
    name: str = ""
    contact: str = ""
    date_of_birth: str = ""
    address: str = ""
    client_code: str = ""


@dataclass
class CaseIdentity:
    narrative: str = ""
    victims: list[VictimIdentity] = field(default_factory=list)
    response_notes: dict[str, str] = field(default_factory=dict)

    @property
    def victim(self) -> VictimIdentity | None:
        return self.victims[0] if self.victims else None


def _decrypt_identity(case: Case, victims: list[Victim], responses: list[Response] = ()) -> CaseIdentity:
    keys = crypto.keys_for(case.narrative_enc, *(getattr(v, f"{f}_enc") for v in victims for f in
                                                 VICTIM_IDENTITY_FIELDS), *(r.notes_enc for r in responses))
    identity = CaseIdentity(narrative=crypto.unseal(case, "narrative", keys=keys))
    for victim in victims:
        identity.victims.append(VictimIdentity(uuid=str(victim.uuid), **{
            f: crypto.unseal(victim, f, keys=keys) for f in VICTIM_IDENTITY_FIELDS}))
    for response in responses:
        identity.response_notes[str(response.uuid)] = crypto.unseal(response, "notes", keys=keys)
    return identity


def identity_fields_shown(identity: CaseIdentity) -> list[str]:
    shown = ["narrative"] if identity.narrative else []
    for victim in identity.victims:
        shown += [f"victim.{f}" for f in VICTIM_IDENTITY_FIELDS if getattr(victim, f)]
    if any(identity.response_notes.values()):
        shown.append("response.notes")
    return sorted(set(shown))


@transaction.atomic
def case_identity(*, user, case: Case, via: str) -> CaseIdentity:
    """Decrypt a case's identity fields, narrative and response notes for display, and audit the display.

    Raises ``Http404`` when ``user`` may not see this case's identities (a
    coordinator without the person's consent to share, an analyst, an admin).
    ``via`` says where they are shown (``web``, ``edit_form``, ``api``).
    """
    if not CASES.scope(user, CaseAction.VIEW_IDENTITY).filter(pk=case.pk).exists():
        raise Http404
    victims = list(Victim.objects.filter(case=case).order_by("pk"))
    responses = list(Response.objects.filter(case=case).order_by("created_at", "pk"))
    identity = _decrypt_identity(case, victims, responses)
    audit_record(actor=user, action="case.identity_view", obj=case,
                 details={"fields": identity_fields_shown(identity), "via": via})
    return identity


def case_identities_for_export(*, user, cases: list[Case]) -> dict[int, CaseIdentity]:
    """Decrypt identities of ``cases`` for an export; only cases ``user`` may see identities of. Audited per case.

    SYSTEM (an operator) gets nothing: the policy keeps ``view_identity`` for named
    accounts, so identities leave the system only under an account that may see them.
    """
    allowed = set(CASES.scope(user, CaseAction.VIEW_IDENTITY).filter(pk__in=[c.pk for c in cases])
                  .values_list("pk", flat=True))
    victims: dict[int, list[Victim]] = {}
    for victim in Victim.objects.filter(case_id__in=allowed).order_by("pk"):
        victims.setdefault(victim.case_id, []).append(victim)
    result = {}
    for case in cases:
        if case.pk not in allowed:
            continue
        identity = _decrypt_identity(case, victims.get(case.pk, []))
        result[case.pk] = identity
        audit_record(actor=user, action="case.identity_export", obj=case,
                     details={"fields": identity_fields_shown(identity), "via": "export"})
    return result


@transaction.atomic
def attachment_content(*, user, attachment: Attachment) -> bytes:
    """Decrypt an attachment for download and audit it (a file may show a face or a name)."""
    if not CASES.scope(user, CaseAction.VIEW_IDENTITY).filter(pk=attachment.case_id).exists():
        raise Http404
    content = crypto.unseal_bytes(attachment, "content")
    audit_record(actor=user, action="case.attachment_view", obj=attachment.case,
                 details={"fields": ["attachment.content"], "attachment": str(attachment.uuid)})
    return content


@transaction.atomic
def response_notes(*, user, response: Response) -> str:
    """Decrypt a response's notes for its edit form, audited; '' for someone who may not see identities."""
    if not CASES.scope(user, CaseAction.VIEW_IDENTITY).filter(pk=response.case_id).exists():
        return ""
    notes = crypto.unseal(response, "notes")
    if notes:
        audit_record(actor=user, action="case.identity_view", obj=response.case,
                     details={"fields": ["response.notes"], "via": "response_form"})
    return notes


@transaction.atomic
def case_find_by_client_code(*, user, code: str) -> list[Case]:
    """Cases in ``user``'s scope whose victim has this client code (exact match through the blind index).

    The search is audited (the number of cases found, never the code).
    """
    candidates = crypto.blind_index_candidates(code)
    if not candidates:
        return []
    ids = Victim.objects.filter(client_code_index__in=candidates).values("case_id")
    found = list(case_list(user=user).filter(pk__in=ids)[:50])
    audit_record(actor=user, action="case.client_code_search", object_type="cases.case",
                 details={"found": len(found)})
    return found


def follow_ups_overdue(*, user, today: dt.date | None = None) -> QuerySet[Response]:
    """Open responses whose follow-up date has passed, on cases ``user`` may respond to, oldest first."""
    today = today or dt.date.today()
    return (
        scope(user, CaseAction.RESPOND, Response)
        .filter(follow_up_due__lt=today, status__in=OPEN_RESPONSE_STATUSES)
        .exclude(case__status__in=[CaseStatus.CLOSED, CaseStatus.REJECTED])
        .select_related("case", "type", "case__organisation")
        .defer("notes_enc", "case__narrative_enc")
        .order_by("follow_up_due", "pk")
    )


def moderation_queue(*, user) -> QuerySet[Case]:
    """Submitted cases ``user`` may verify or reject, self-reports first, oldest first."""
    return (
        CASES.scope(user, CaseAction.MODERATE)
        .filter(status=CaseStatus.SUBMITTED)
        .select_related("organisation", "country", "channel")
        .only(*LIST_FIELDS, "submitted_at")
        .prefetch_related(Prefetch("acts", queryset=Act.objects.select_related("violation")))
        .order_by("-self_reported", "submitted_at", "pk")
    )


def case_data_for_check(case: Case) -> CaseData:
    """The non-identifying part of a stored case as ``CaseData`` (to check completeness before submitting)."""
    acts = [ActData(violation=a.violation.code, perpetrators=[p.code for p in a.perpetrators.all()],
                    place_type=a.place_type.code if a.place_type else "")
            for a in case.acts.select_related("violation", "place_type").prefetch_related("perpetrators")]
    return CaseData(
        occurred_on=format_occurred(case.occurred_on, case.occurred_precision),
        region=case.region, channel=case.channel.code if case.channel else "",
        consent=Consent(document=case.consent_document, share_network=case.consent_share_network,
                        advocacy=case.consent_advocacy, contact=case.consent_contact),
        acts=acts,
    )
