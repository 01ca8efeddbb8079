"""Bad input to the API is a 4xx with a JSON body that never repeats the value sent (found by a probe)."""

from __future__ import annotations

import json

import pytest

from observatory.accounts.services import token_create


@pytest.fixture
def documenter_token(personas, vocabularies):
    return token_create(actor=personas["documenter_ukr"], user=personas["documenter_ukr"])[1]


@pytest.fixture
def vocabularies(countries):
    from observatory.access import SYSTEM
    from observatory.cases.services import vocabularies_load

    vocabularies_load(actor=SYSTEM)


def post_case(client, token, body: bytes, content_type="application/json"):
    return client.generic("POST", "/api/v1/cases", body, content_type=content_type,
                          headers={"Authorization": f"Bearer {token}"})


def test_a_body_over_the_limit_is_413(client, documenter_token, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = json.dumps({"country": "UKR", "narrative": "x" * 20_000}).encode()
    response = post_case(client, documenter_token, body)
    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is too large."}


def test_a_lone_surrogate_in_any_text_field_is_422(client, documenter_token):
    from observatory.cases.models import Case

    for field in ('"region": "Kyiv\\ud800"', '"victim": {"name": "\\udfff"}', '"narrative": "\\ud800"'):
        body = ('{"country": "UKR", "consent": {"document": true}, ' + field + "}").encode()
        response = post_case(client, documenter_token, body)
        assert response.status_code == 422, (field, response.content)
        assert response.json()["detail"][0]["type"] == "unicode_invalid"
    assert not Case.objects.exists()


def test_json_sent_as_plain_text_is_415(client, documenter_token):
    body = json.dumps({"country": "UKR", "consent": {"document": True}}).encode()
    response = post_case(client, documenter_token, body, content_type="text/plain")
    assert response.status_code == 415 and "application/json" in response.json()["detail"]


def test_broken_json_is_422(client, documenter_token):
    response = post_case(client, documenter_token, b'{"country": ')
    assert response.status_code == 422 and response.json()["detail"][0]["type"] == "json_invalid"


@pytest.mark.parametrize("url", [
    "/api/v1/events?from=0", "/api/v1/events?to=99999", "/api/v1/observations?indicator=population&from=-5",
    "/api/v1/observations?country=UKR&to=1000000",
])
def test_out_of_range_years_are_422(client, countries, url):
    response = client.get(url)
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"][0] == "query"


def test_a_huge_page_number_is_422_not_500(client, personas, countries):
    token = token_create(actor=personas["coordinator_ukr"], user=personas["coordinator_ukr"])[1]
    response = client.get("/api/v1/cases?page=9223372036854775807", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 422
    assert client.get("/api/v1/cases?page=99999", headers={"Authorization": f"Bearer {token}"}).status_code in (200, 404)


def test_a_422_never_echoes_the_value_sent(client, documenter_token):
    secret = "Secretname Unknown-Value"
    body = json.dumps({"country": "UKR", "victim": {"name": 12345, "sex": ["x"]}, "acts": secret}).encode()
    response = post_case(client, documenter_token, body)
    assert response.status_code == 422
    text = response.content.decode()
    assert secret not in text and "12345" not in text and '"input"' not in text and '"ctx"' not in text
    assert all(set(item) == {"loc", "msg", "type"} for item in response.json()["detail"])
    unknown = client.get("/api/v1/events?country=Secretname")
    assert unknown.status_code == 400 and "Secretname" not in unknown.content.decode()


def test_all_observations_at_once_are_refused_with_a_hint(client, countries):
    response = client.get("/api/v1/observations")
    assert response.status_code == 422
    assert "/api/v1/indicators" in response.json()["detail"][0]["msg"]


def test_the_schema_says_what_a_422_is(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/observations"]["get"]
    ref = operation["responses"]["422"]["content"]["application/json"]["schema"]["$ref"]
    detail = schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]["properties"]["detail"]
    assert detail["type"] == "array"
