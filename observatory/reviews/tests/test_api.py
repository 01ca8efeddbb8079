"""The review tracker's JSON API: public reads of published rounds, token reads by scope, coordinator writes."""

from __future__ import annotations

import pytest

from observatory.access import SYSTEM
from observatory.accounts.services import token_create
from observatory.reviews.models import AssessmentVersion
from observatory.reviews.services import assessment_save


@pytest.fixture
def recorded(countries, rounds, items):
    for iso3 in ("UKR", "KGZ"):
        for round_key in ("published", "unpublished"):
            assessment_save(actor=SYSTEM, review_round=rounds[round_key], item=items["item-1"],
                            country=countries[iso3], status="in_progress",
                            evidence=[{"url": "https://example.org/r", "title": "Report"}])


def bearer(user):
    _, secret = token_create(actor=SYSTEM, user=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_the_public_list_shows_published_rounds_only(client, recorded):
    data = client.get("/api/v1/reviews").json()
    process = next(p for p in data if p["code"] == "test-process")
    assert [r["year"] for r in process["rounds"]] == [2022, 2023]
    assert [i["code"] for i in process["items"]] == ["item-1", "item-2", "item-3"]
    assert process["sources"][0]["url"] == "https://example.org/doc"


def test_a_coordinator_token_also_lists_unpublished_rounds(client, personas, recorded):
    data = client.get("/api/v1/reviews", **bearer(personas["coordinator_ukr"])).json()
    assert [r["year"] for r in data[0]["rounds"]] == [2022, 2023, 2024]


def test_a_published_round_by_country(client, recorded):
    response = client.get("/api/v1/reviews/test-process/rounds/2022?country=UKR")
    assert response.status_code == 200
    body = response.json()
    assert body["published"] and [(a["country"], a["item"], a["status"]) for a in body["assessments"]] == [
        ("UKR", "item-1", "in_progress")]
    assert body["assessments"][0]["evidence"] == [{"url": "https://example.org/r", "title": "Report"}]
    everyone = client.get("/api/v1/reviews/test-process/rounds/2022").json()
    assert {a["country"] for a in everyone["assessments"]} == {"UKR", "KGZ"}
    assert client.get("/api/v1/reviews/test-process/rounds/2022?country=XXX").status_code == 404


@pytest.mark.parametrize("persona", [None, "analyst", "documenter_ukr"])
def test_an_unpublished_round_is_a_404(client, personas, recorded, persona):
    headers = bearer(personas[persona]) if persona else {}
    assert client.get("/api/v1/reviews/test-process/rounds/2024", **headers).status_code == 404
    assert client.get("/api/v1/reviews/test-process/rounds/1999", **headers).status_code == 404


def test_a_coordinator_token_reads_the_draft_of_its_own_country(client, personas, recorded):
    body = client.get("/api/v1/reviews/test-process/rounds/2024", **bearer(personas["coordinator_ukr"])).json()
    assert {a["country"] for a in body["assessments"]} == {"UKR"}


def test_a_coordinator_records_through_the_api(client, personas, recorded):
    url = "/api/v1/reviews/test-process/rounds/2024/countries/UKR/items/item-1"
    payload = {"status": "achieved", "evidence": [{"url": "https://example.org/law", "title": "Law"}],
               "comment_en": "Adopted."}
    response = client.put(url, payload, content_type="application/json", **bearer(personas["coordinator_ukr"]))
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "achieved" and response.json()["version"] == 2
    assert AssessmentVersion.objects.filter(assessment__country__iso3="UKR", assessment__round__year=2024).count() == 2

    bad = client.put(url, {"status": "done"}, content_type="application/json", **bearer(personas["coordinator_ukr"]))
    assert bad.status_code == 422 and ["body", "status"] in [e["loc"] for e in bad.json()["detail"]]
    bad_link = client.put(url, {"status": "achieved", "evidence": [{"url": "nope", "title": "x"}]},
                          content_type="application/json", **bearer(personas["coordinator_ukr"]))
    assert bad_link.status_code == 422 and any(e["loc"][:2] == ["body", "evidence"] for e in bad_link.json()["detail"])


@pytest.mark.parametrize("persona, url", [
    ("coordinator_kgz", "/api/v1/reviews/test-process/rounds/2024/countries/UKR/items/item-1"),
    ("coordinator_ukr", "/api/v1/reviews/test-process/rounds/2022/countries/UKR/items/item-1"),
    ("analyst", "/api/v1/reviews/test-process/rounds/2024/countries/UKR/items/item-1"),
    ("admin", "/api/v1/reviews/test-process/rounds/2024/countries/UKR/items/item-1"),
])
def test_writes_out_of_scope_are_404(client, personas, recorded, persona, url):
    response = client.put(url, {"status": "achieved"}, content_type="application/json", **bearer(personas[persona]))
    assert response.status_code == 404


def test_writes_need_a_token(client, recorded):
    url = "/api/v1/reviews/test-process/rounds/2024/countries/UKR/items/item-1"
    assert client.put(url, {"status": "achieved"}, content_type="application/json").status_code == 401
