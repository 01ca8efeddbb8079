"""Sign-in and API tokens are rate-limited per client address on the shared cache."""

from __future__ import annotations

import re

import pytest

from observatory.accounts.services import token_create

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _clean_counts():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_sign_in_attempts_are_limited_per_address(client, personas, settings):
    settings.SIGN_IN_RATE = (3, 900)
    for attempt in range(3):
        response = client.post("/en/accounts/login/", {"username": f"guess{attempt}", "password": "wrong"},
                               REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 200  # the form again, with its error
    refused = client.post("/en/accounts/login/", {"username": "analyst", "password": PASSWORD},
                          REMOTE_ADDR="203.0.113.7")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert re.search(r"Too many sign-in attempts from this network\. Try again in \d+ minutes?\.",
                     refused.content.decode())
    assert "_auth_user_id" not in client.session  # even the right password waits
    other = client.post("/en/accounts/login/", {"username": "analyst", "password": PASSWORD},
                        REMOTE_ADDR="198.51.100.2")
    assert other.status_code == 302


def test_the_sign_in_limit_reads_in_russian(client, settings, db):
    settings.SIGN_IN_RATE = (1, 900)
    client.post("/ru/accounts/login/", {"username": "a", "password": "b"})
    page = client.post("/ru/accounts/login/", {"username": "a", "password": "b"}).content.decode()
    assert "Слишком много попыток входа из этой сети" in page


def test_wrong_tokens_are_limited_per_address_and_then_no_token_works(client, personas, settings):
    settings.API_TOKEN_FAILURE_RATE = (3, 600)
    token = token_create(actor=personas["analyst"], user=personas["analyst"])[1]
    for _ in range(3):
        wrong = client.get("/api/v1/auth/whoami", headers={"Authorization": "Bearer dpo_guess"},
                           REMOTE_ADDR="203.0.113.9")
        assert wrong.status_code == 401
    blocked = client.get("/api/v1/auth/whoami", headers={"Authorization": f"Bearer {token}"},
                         REMOTE_ADDR="203.0.113.9")
    assert blocked.status_code == 429 and int(blocked["Retry-After"]) > 0
    assert blocked.json()["detail"].startswith("Too many requests")
    assert client.get("/api/v1/auth/whoami", headers={"Authorization": f"Bearer {token}"},
                      REMOTE_ADDR="198.51.100.3").status_code == 200


def test_each_token_has_its_own_budget(client, personas, settings):
    settings.API_TOKEN_RATE = (2, 600)
    mine = token_create(actor=personas["analyst"], user=personas["analyst"])[1]
    theirs = token_create(actor=personas["documenter_ukr"], user=personas["documenter_ukr"])[1]
    for _ in range(2):
        assert client.get("/api/v1/auth/whoami", headers={"Authorization": f"Bearer {mine}"}).status_code == 200
    assert client.get("/api/v1/auth/whoami", headers={"Authorization": f"Bearer {mine}"}).status_code == 429
    assert client.get("/api/v1/auth/whoami", headers={"Authorization": f"Bearer {theirs}"}).status_code == 200


def test_a_locked_account_gets_json_in_the_api_and_its_name_is_not_echoed(client, personas, settings):
    body = {"username": "analyst", "password": "wrong", "code": "123456"}
    answers = [client.post("/api/v1/auth/tokens", body, content_type="application/json")
               for _ in range(settings.AXES_FAILURE_LIMIT + 1)]
    locked = answers[-1]
    assert locked.status_code == 429 and locked["Content-Type"] == "application/json"
    assert "locked for an hour" in locked.json()["detail"] and "analyst" not in locked.content.decode()
    assert int(locked["Retry-After"]) == 3600
