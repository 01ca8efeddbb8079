"""Recording cases and moving them through their statuses, through the services every entry point uses."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from observatory.audit.models import AuditEntry
from observatory.cases import services
from observatory.cases.models import Case, CaseStatus, Response, Victim
from observatory.cases.selectors import (
    case_identity,
    follow_ups_overdue,
    moderation_queue,
)
from observatory.cases.services import ActData, Consent, ResponseData
from observatory.cases.tests.conftest import (
    CLIENT_CODE,
    CONTACT,
    NAME,
    NARRATIVE,
    case_data,
)


def _audit_text() -> str:
    return json.dumps(list(AuditEntry.objects.values("action", "object_repr", "details")), ensure_ascii=False)


def test_a_documenter_records_a_case_with_acts_victim_and_consents(make_case):
    case = make_case()
    assert case.status == CaseStatus.SUBMITTED and case.submitted_at is not None
    assert case.country.iso3 == "UKR" and case.organisation.slug == "alliance-ukr"
    assert case.occurred_on == dt.date(2024, 3, 15) and case.occurred_year == 2024
    act = case.acts.get()
    assert act.violation.code == "police_beating"
    assert [p.code for p in act.perpetrators.all()] == ["police"]
    victim = Victim.objects.get(case=case)
    assert victim.sex.code == "female" and victim.age_group.code == "age_35_44"  # from the date of birth
    assert case.reference.startswith("UKR-") and NAME not in case.reference


@pytest.mark.parametrize("text,expected", [("2023", ("2023-01-01", "year")), ("2023-07", ("2023-07-01", "month")),
                                           ("2023-07-09", ("2023-07-09", "day"))])
def test_the_date_keeps_its_precision(make_case, text, expected):
    case = make_case(occurred_on=text)
    assert (case.occurred_on.isoformat(), case.occurred_precision) == expected


def test_a_draft_needs_only_consent_and_submitting_needs_the_essentials(personas, vocabularies):
    user = personas["documenter_ukr"]
    empty = case_data(occurred_on="", channel="", acts=[], narrative="")
    draft, created = services.case_create(actor=user, data=empty, submit=False)
    assert created and draft.status == CaseStatus.DRAFT
    with pytest.raises(ValidationError) as error:
        services.case_submit(actor=user, case=draft)
    assert set(error.value.message_dict) == {"occurred_on", "channel", "acts.0.violation"}
    services.case_update(actor=user, case=draft, data=case_data(), submit=True)
    draft.refresh_from_db()
    assert draft.status == CaseStatus.SUBMITTED


def test_nothing_is_recorded_without_consent_to_document(personas, vocabularies):
    data = case_data()
    data.consent.document = False
    with pytest.raises(ValidationError) as error:
        services.case_create(actor=personas["documenter_ukr"], data=data, submit=False)
    assert "consent.document" in error.value.message_dict
    assert not Case.objects.exists()


def test_validation_names_the_field_and_what_to_fix(personas, vocabularies):
    data = case_data(occurred_on="15.03.2024", channel="pigeon")
    data.acts = [ActData(violation="police_beating"), ActData(violation="", perpetrators=["police"])]
    data.consent.contact = False
    with pytest.raises(ValidationError) as error:
        services.case_create(actor=personas["documenter_ukr"], data=data, submit=True)
    messages = error.value.message_dict
    assert "2024-03-15" in messages["occurred_on"][0]
    assert "pigeon" in messages["channel"][0]
    assert "acts.1.violation" in messages
    assert "agreed to be contacted" in messages["victim.contact"][0]
    assert CONTACT not in json.dumps(messages, ensure_ascii=False)  # messages never repeat identity values


def test_a_future_date_is_refused(personas, vocabularies):
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError, match="future"):
        services.case_create(actor=personas["documenter_ukr"], data=case_data(occurred_on=tomorrow), submit=True)


def test_the_same_idempotency_key_makes_one_case(personas, vocabularies):
    user = personas["documenter_ukr"]
    first, created = services.case_create(actor=user, data=case_data(), submit=True, idempotency_key="k-123")
    again, created_again = services.case_create(actor=user, data=case_data(), submit=True, idempotency_key="k-123")
    assert created and not created_again and first.pk == again.pk
    assert Case.objects.count() == 1
    # Another organisation's key is its own: it records a new case, and learns nothing about the first.
    data = case_data()
    data.region = "Bishkek"
    other, created_other = services.case_create(actor=personas["documenter_kgz"], data=data, submit=True,
                                                idempotency_key="k-123")
    assert created_other and other.pk != first.pk and other.organisation.country.iso3 == "KGZ"
    assert Case.objects.count() == 2
    # And a retry from that organisation gives back its own case.
    retried, created_retry = services.case_create(actor=personas["documenter_kgz"], data=data, submit=True,
                                                  idempotency_key="k-123")
    assert retried.pk == other.pk and not created_retry


def test_roles_that_may_not_record_cases_are_refused(personas, orgs, vocabularies):
    """The access rule refuses them even when they name an organisation (the form gives them none)."""
    for persona in ("coordinator_ukr", "analyst", "admin", "documenter_kgz", "case_manager_ukr"):
        target = orgs["ukr2"] if persona == "case_manager_ukr" else orgs["ukr"]
        with pytest.raises(PermissionDenied):
            services.case_create(actor=personas[persona], data=case_data(), submit=True, organisation=target)
    assert not Case.objects.exists()


def test_an_account_without_an_organisation_is_told_why(personas, vocabularies):
    with pytest.raises(ValidationError, match="organisation"):
        services.case_create(actor=personas["analyst"], data=case_data(), submit=True)
    assert not Case.objects.exists()


def test_status_workflow_and_who_moves_it(make_case, personas):
    case = make_case()
    with pytest.raises(PermissionDenied):
        services.case_verify(actor=personas["documenter_ukr"], case=case)
    with pytest.raises(PermissionDenied):
        services.case_verify(actor=personas["coordinator_kgz"], case=case)
    services.case_verify(actor=personas["case_manager_ukr"], case=case)
    assert case.status == CaseStatus.VERIFIED
    services.response_create(actor=personas["case_manager_ukr"], case=case,
                             data=ResponseData(type="complaint_to_prosecutor", follow_up_due=dt.date(2024, 5, 1)))
    assert case.status == CaseStatus.IN_RESPONSE
    services.case_close(actor=personas["coordinator_ukr"], case=case)
    assert case.status == CaseStatus.CLOSED and case.closed_at
    with pytest.raises(ValidationError):
        services.case_verify(actor=personas["case_manager_ukr"], case=case)
    services.case_reopen(actor=personas["case_manager_ukr"], case=case)
    assert case.status == CaseStatus.IN_RESPONSE
    statuses = [e.details["to"] for e in AuditEntry.objects.filter(action="case.status", object_id=str(case.pk))]
    assert statuses == ["submitted", "verified", "in_response", "closed", "in_response"]


def test_rejection_takes_a_fixed_reason(make_case, personas):
    case = make_case()
    with pytest.raises(ValidationError):
        services.case_reject(actor=personas["coordinator_ukr"], case=case, reason=f"liar {NAME}")
    services.case_reject(actor=personas["coordinator_ukr"], case=case, reason="duplicate")
    assert case.status == CaseStatus.REJECTED


def test_audit_entries_name_fields_never_values(make_case, personas):
    case = make_case()
    case_identity(user=personas["case_manager_ukr"], case=case, via="web")
    entry = AuditEntry.objects.filter(action="case.identity_view").get()
    assert entry.actor_username == "case_manager_ukr" and entry.object_id == str(case.pk)
    assert entry.details["fields"] == ["narrative", "victim.address", "victim.client_code", "victim.contact",
                                       "victim.date_of_birth", "victim.name"]
    created = AuditEntry.objects.get(action="case.create")
    assert "victim.name" in created.details["identity_fields_written"]
    text = _audit_text()
    for secret in (NAME, CONTACT, NARRATIVE, CLIENT_CODE):
        assert secret not in text


def test_coordinators_see_identities_only_with_consent_to_share(make_case, personas):
    from django.http import Http404

    shared = make_case()
    private = case_data()
    private.consent.share_network = False
    hidden = make_case(data=private)
    assert case_identity(user=personas["coordinator_ukr"], case=shared, via="web").victim.name == NAME
    with pytest.raises(Http404):
        case_identity(user=personas["coordinator_ukr"], case=hidden, via="web")
    for persona in ("analyst", "admin"):
        with pytest.raises(Http404):
            case_identity(user=personas[persona], case=shared, via="web")
    assert AuditEntry.objects.filter(action="case.identity_view").count() == 1


def test_overdue_follow_ups_are_listed_for_case_managers(make_case, personas):
    case = make_case(status="verified")
    manager = personas["case_manager_ukr"]
    due = services.response_create(actor=manager, case=case, data=ResponseData(
        type="legal_consultation", follow_up_due=dt.date(2024, 1, 10)))
    services.response_create(actor=manager, case=case, data=ResponseData(
        type="referral_to_health_service", follow_up_due=dt.date(2099, 1, 1)))
    services.response_create(actor=manager, case=case, data=ResponseData(
        type="legal_representation", status="done"))
    today = dt.date(2024, 6, 1)
    assert list(follow_ups_overdue(user=manager, today=today)) == [due]
    assert list(follow_ups_overdue(user=personas["coordinator_ukr"], today=today)) == [due]
    assert list(follow_ups_overdue(user=personas["documenter_ukr"], today=today)) == []
    assert list(follow_ups_overdue(user=personas["coordinator_kgz"], today=today)) == []
    services.response_update(actor=manager, response=due, data=ResponseData(type="legal_consultation", status="done"))
    assert list(follow_ups_overdue(user=manager, today=today)) == []


def test_responses_need_a_verified_case(make_case, personas):
    with pytest.raises(ValidationError):
        services.response_create(actor=personas["case_manager_ukr"], case=make_case(),
                                 data=ResponseData(type="legal_consultation"))
    with pytest.raises(PermissionDenied):
        services.response_create(actor=personas["documenter_ukr"], case=make_case(status="verified"),
                                 data=ResponseData(type="legal_consultation"))


def test_an_editor_who_may_not_read_notes_keeps_them(make_case, personas):
    private = case_data()
    private.consent.share_network = False
    case = make_case(data=private, status="verified")
    response = services.response_create(actor=personas["case_manager_ukr"], case=case,
                                        data=ResponseData(type="legal_consultation", notes="адвокат Иванов"))
    services.response_update(actor=personas["coordinator_ukr"], response=response,
                             data=ResponseData(type="legal_consultation", status="in_progress", notes=None))
    identity = case_identity(user=personas["case_manager_ukr"], case=case, via="web")
    assert identity.response_notes[str(response.uuid)] == "адвокат Иванов"


def test_self_report_goes_to_the_country_coordinators(vocabularies, personas):
    case, code = services.self_report_create(
        country="UKR", narrative=NARRATIVE, consent=Consent(document=True, share_network=True),
        violation="police_extortion", occurred_on="2024-02")
    assert case.status == CaseStatus.SUBMITTED and case.self_reported and case.organisation is None
    assert case.follow_up_digest and code.replace("-", "") not in case.follow_up_digest
    assert list(moderation_queue(user=personas["coordinator_ukr"])) == [case]
    assert list(moderation_queue(user=personas["coordinator_kgz"])) == []
    assert list(moderation_queue(user=personas["case_manager_ukr"])) == []
    assert services.self_report_status(code=code) == "received"
    assert services.self_report_status(code=code.lower().replace("-", " ")) == "received"
    assert services.self_report_status(code="AAAA-BBBB-CCCC-DDDD") is None
    services.case_verify(actor=personas["coordinator_ukr"], case=case, organisation=personas["case_manager_ukr"]
                         .organisation)
    assert services.self_report_status(code=code) == "accepted"
    assert case_identity(user=personas["case_manager_ukr"], case=case, via="web").narrative == NARRATIVE


def test_self_report_requires_both_agreements_and_a_contact_only_with_consent(vocabularies):
    with pytest.raises(ValidationError) as error:
        services.self_report_create(country="UKR", narrative="x", consent=Consent(document=True),
                                    contact="@me")
    assert {"consent.share_network", "contact"} <= set(error.value.message_dict)
    assert not Case.objects.exists()


def test_a_coordinator_hands_a_self_report_only_to_an_organisation_of_its_country(vocabularies, personas, orgs):
    case, _ = services.self_report_create(country="UKR", narrative="x",
                                          consent=Consent(document=True, share_network=True))
    with pytest.raises(ValidationError):
        services.case_verify(actor=personas["coordinator_ukr"], case=case, organisation=orgs["kgz"])


def test_response_rows_are_scoped(make_case, personas):
    make_case(status="in_response")
    from observatory import access

    assert access.scope(personas["documenter_ukr"], "view", Response).count() == 1
    assert access.scope(personas["documenter_kgz"], "view", Response).count() == 0
