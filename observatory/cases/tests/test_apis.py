"""The JSON API: POST /cases with the issue's payload (idempotent), scoped GETs, audited identity, vocabularies."""

from __future__ import annotations

import pytest

from observatory.access import SYSTEM
from observatory.accounts.services import token_create
from observatory.audit.models import AuditEntry
from observatory.cases.models import Case
from observatory.cases.tests.conftest import CLIENT_CODE, CONTACT, NAME, NARRATIVE

PAYLOAD = {
    "country": "UKR", "occurred_on": "2024-03", "channel": "hotline",
    "victim": {"name": NAME, "contact": CONTACT, "client_code": CLIENT_CODE, "sex": "female",
               "age_group": "age_25_34", "key_populations": ["people_who_inject_drugs", "people_on_ost"]},
    "acts": [{"violation": "police_extortion", "perpetrators": ["police", "investigator"]}],
    "narrative": NARRATIVE,
    "consent": {"document": True, "share_network": True, "advocacy": False, "contact": True},
    "idempotency_key": "0b7c2f9e-api-1",
}


@pytest.fixture
def token(personas, vocabularies):
    def make(persona):
        _, secret = token_create(actor=SYSTEM, user=personas[persona])
        return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    return make


def test_post_a_case_then_the_same_key_returns_the_same_case(client, token):
    headers = token("documenter_ukr")
    first = client.post("/api/v1/cases", PAYLOAD, content_type="application/json", **headers)
    assert first.status_code == 201, first.content
    body = first.json()
    assert set(body) == {"id", "reference", "status", "created"} and body["status"] == "submitted"
    again = client.post("/api/v1/cases", PAYLOAD, content_type="application/json", **headers)
    assert again.status_code == 200 and again.json()["id"] == body["id"] and again.json()["created"] is False
    assert Case.objects.count() == 1
    case = Case.objects.get()
    assert case.occurred_precision == "month" and case.channel.code == "hotline"


def test_the_api_needs_a_token_and_a_role_that_records_cases(client, token):
    assert client.post("/api/v1/cases", PAYLOAD, content_type="application/json").status_code == 401
    response = client.post("/api/v1/cases", PAYLOAD, content_type="application/json", **token("analyst"))
    assert response.status_code == 403


def test_validation_errors_name_the_field_without_echoing_values(client, token):
    payload = dict(PAYLOAD, occurred_on="March 2024", acts=[{"violation": "flying"}],
                   consent={"document": True, "contact": False})
    response = client.post("/api/v1/cases", payload, content_type="application/json", **token("documenter_ukr"))
    assert response.status_code == 422
    fields = {tuple(item["loc"]) for item in response.json()["detail"]}
    assert ("body", "occurred_on") in fields and ("body", "acts", "0", "violation") in fields
    assert ("body", "victim", "contact") in fields
    for value in (NAME, CONTACT, NARRATIVE):
        assert value not in response.content.decode()
    wrong_type = dict(PAYLOAD, victim={"name": {"first": NAME}})
    response = client.post("/api/v1/cases", wrong_type, content_type="application/json", **token("documenter_ukr"))
    assert response.status_code == 422 and NAME not in response.content.decode()


def test_a_case_for_another_country_is_refused(client, token):
    response = client.post("/api/v1/cases", dict(PAYLOAD, country="KGZ"), content_type="application/json",
                           **token("documenter_ukr"))
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "country"]


def test_get_a_case_is_scoped_and_identity_is_opt_in_and_audited(client, token, make_case):
    case = make_case()
    own = client.get(f"/api/v1/cases/{case.uuid}", **token("documenter_ukr"))
    assert own.status_code == 200
    body = own.json()
    assert body["reference"] == case.reference and body["identity"] is None
    assert body["acts"][0]["violation"]["code"] == "police_beating"
    assert NAME not in own.content.decode()
    assert not AuditEntry.objects.filter(action="case.identity_view").exists()
    shown = client.get(f"/api/v1/cases/{case.uuid}?identity=true", **token("documenter_ukr"))
    assert shown.json()["identity"]["victims"][0]["name"] == NAME
    assert AuditEntry.objects.get(action="case.identity_view").details["via"] == "api"
    for persona in ("documenter_kgz", "analyst", "admin", "coordinator_kgz"):
        assert client.get(f"/api/v1/cases/{case.uuid}", **token(persona)).status_code == 404
    assert client.get("/api/v1/cases/not-a-uuid", **token("documenter_ukr")).status_code == 404


def test_coordinators_get_identity_only_with_consent(client, token, make_case):
    from observatory.cases.tests.conftest import case_data

    private = case_data()
    private.consent.share_network = False
    case = make_case(data=private)
    headers = token("coordinator_ukr")
    assert client.get(f"/api/v1/cases/{case.uuid}", **headers).status_code == 200
    refused = client.get(f"/api/v1/cases/{case.uuid}?identity=true", **headers)
    assert refused.status_code == 403 and NAME not in refused.content.decode()


def test_list_cases_filters_by_country_and_status(client, token, make_case):
    submitted, verified = make_case(), make_case(status="verified")
    make_case("documenter_kgz")
    headers = token("coordinator_ukr")
    everything = client.get("/api/v1/cases", **headers).json()
    assert {item["reference"] for item in everything["items"]} == {submitted.reference, verified.reference}
    only = client.get("/api/v1/cases?country=UKR&status=verified", **headers).json()
    assert [item["reference"] for item in only["items"]] == [verified.reference]
    assert client.get("/api/v1/cases?country=KGZ", **headers).json()["count"] == 0
    assert NAME not in client.get("/api/v1/cases", **headers).content.decode()


def test_vocabularies_are_public_with_huridocs_mappings(client, vocabularies):
    violations = client.get("/api/v1/vocabularies/violations").json()
    beating = next(t for t in violations if t["code"] == "police_beating")
    assert beating["name_ru"].startswith("Избиение") and beating["group"] == "police"
    assert beating["huridocs"]["thesaurus"] == "Types of Acts"
    perpetrators = client.get("/api/v1/vocabularies/perpetrators").json()
    assert "police" in {t["code"] for t in perpetrators}
    assert client.get("/api/v1/vocabularies/secrets").status_code == 404


def test_a_case_with_more_acts_than_the_limit_is_refused_whole(client, personas, vocabularies):
    """The API once took 20,000 acts; the case then took minutes to open. The limit is the web form's."""
    from observatory.accounts.services import token_create
    from observatory.cases import limits
    from observatory.cases.models import Case

    _, secret = token_create(actor=personas["documenter_ukr"], user=personas["documenter_ukr"])
    case = {"country": "UKR", "occurred_on": "2024-03", "channel": "outreach", "consent": {"document": True},
            "acts": [{"violation": "police_beating"}] * (limits.ACTS + 1)}
    response = client.post("/api/v1/cases", case, content_type="application/json",
                           headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 422
    assert str(limits.ACTS) in response.content.decode()
    assert not Case.objects.exists()
    case["acts"] = [{"violation": "police_beating"}] * limits.ACTS
    response = client.post("/api/v1/cases", case, content_type="application/json",
                           headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 201, response.content


def test_every_entry_point_gets_the_limits_from_the_service(personas, vocabularies):
    import pytest
    from django.core.exceptions import ValidationError

    from observatory.cases import limits, services
    from observatory.cases.models import Case
    from observatory.cases.tests.conftest import case_data

    data = case_data()
    data.acts = data.acts * (limits.ACTS + 1)
    with pytest.raises(ValidationError) as raised:
        services.case_create(actor=personas["documenter_ukr"], data=data, submit=True)
    assert "acts" in raised.value.message_dict and str(limits.ACTS) in raised.value.message_dict["acts"][0]
    data = case_data()
    data.acts[0].perpetrators = ["police"] * (limits.PERPETRATORS_PER_ACT + 1)
    with pytest.raises(ValidationError) as raised:
        services.case_create(actor=personas["documenter_ukr"], data=data, submit=True)
    assert "acts.0.perpetrators" in raised.value.message_dict
    assert not Case.objects.exists()


def _current_code(device) -> str:
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_second_factor_role_reads_identities_only_with_a_token_issued_after_the_code(client, token, make_case,
                                                                                        personas):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    case = make_case("case_manager_ukr")
    url = f"/api/v1/cases/{case.uuid}?identity=true"
    long_lived = token("case_manager_ukr")
    refused = client.get(url, **long_lived)
    assert refused.status_code == 403 and "POST /api/v1/auth/tokens" in refused.json()["detail"]
    assert NAME not in refused.content.decode()
    assert client.get("/api/v1/auth/whoami", **long_lived).json()["two_factor"] is False

    manager = personas["case_manager_ukr"]
    device = TOTPDevice.objects.create(user=manager, name="phone", confirmed=True)
    body = {"username": manager.username, "password": "correct horse battery staple", "code": "000000"}
    if _current_code(device) == "000000":
        body["code"] = "111111"
    wrong = client.post("/api/v1/auth/tokens", body, content_type="application/json")
    assert wrong.status_code == 401 and wrong.json()["detail"] == "The username, password or authenticator code is wrong."
    assert AuditEntry.objects.filter(action="auth.2fa_failed", details__via="api").exists()
    device.refresh_from_db()
    device.throttling_failure_count, device.throttling_failure_timestamp = 0, None  # the throttle's wait, elapsed
    device.save()
    issued = client.post("/api/v1/auth/tokens", {**body, "code": _current_code(device), "name": "laptop"},
                         content_type="application/json")
    assert issued.status_code == 201 and issued.json()["two_factor"] is True
    short = {"HTTP_AUTHORIZATION": f"Bearer {issued.json()['token']}"}
    shown = client.get(url, **short)
    assert shown.status_code == 200 and shown.json()["identity"]["victims"][0]["name"] == NAME
    assert client.get("/api/v1/auth/whoami", **short).json()["two_factor"] is True
    assert AuditEntry.objects.filter(action="token.create", details__two_factor=True).count() == 1


def test_a_short_lived_token_stops_working_when_it_expires(client, token, make_case, personas):
    from datetime import timedelta

    from django.utils import timezone

    from observatory.accounts.models import ApiToken

    headers = token("documenter_ukr")
    assert client.get("/api/v1/auth/whoami", **headers).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get("/api/v1/auth/whoami", **headers).status_code == 401


def test_no_token_without_an_authenticator_or_with_a_wrong_password(client, personas, db):
    for body, expected in (
        ({"username": "analyst", "password": "wrong", "code": "123456"}, "username, password or authenticator"),
        ({"username": "analyst", "password": "correct horse battery staple", "code": "123456"}, "no authenticator"),
    ):
        response = client.post("/api/v1/auth/tokens", body, content_type="application/json")
        assert response.status_code == 401 and expected in response.json()["detail"]
    assert client.post("/api/v1/auth/tokens", {"username": "analyst", "password": "x", "code": "abc"},
                       content_type="application/json").status_code == 422
