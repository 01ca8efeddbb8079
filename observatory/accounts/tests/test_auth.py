"""Signing in: audit of logins and failures, throttling, and the second factor."""

from __future__ import annotations

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from observatory.access import SYSTEM
from observatory.audit.models import AuditEntry

PASSWORD = "correct horse battery staple"


def login(client, username, password=PASSWORD):
    return client.post("/en/accounts/login/", {"username": username, "password": password})


def test_login_and_failed_login_are_audited(client, personas):
    assert login(client, "analyst", "wrong").status_code == 200
    assert login(client, "analyst").status_code == 302
    actions = list(AuditEntry.objects.filter(action__startswith="auth.").values_list("action", "details"))
    assert ("auth.login", {}) in actions
    assert ("auth.login_failed", {"username": "analyst"}) in actions
    # The wrong password itself is never stored.
    assert "wrong" not in str(list(AuditEntry.objects.values_list("details", "object_repr")))


def test_repeated_failures_lock_the_account(client, personas, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "analyst", "wrong")
    response = login(client, "analyst")  # even the right password is refused now
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()


@pytest.mark.argon2
def test_passwords_are_stored_as_argon2_hashes(orgs):
    from observatory.accounts.services import user_create

    user, _ = user_create(actor=SYSTEM, username="argon", role="analyst", password=PASSWORD)
    user.refresh_from_db()
    assert user.password.startswith("argon2$")
    assert PASSWORD not in user.password


@pytest.mark.parametrize("persona", ["admin", "coordinator_ukr", "case_manager_ukr"])
def test_roles_with_sensitive_access_must_enrol_a_second_factor(client, personas, persona):
    login(client, persona)
    response = client.get("/en/")
    assert response.status_code == 302 and response["Location"] == "/en/accounts/two-factor/"
    page = client.get("/en/accounts/two-factor/").content.decode()
    assert "<svg" in page  # the QR code to scan
    device = TOTPDevice.objects.get(user=personas[persona])
    wrong = client.post("/en/accounts/two-factor/", {"token": "000000"})
    assert "not valid" in wrong.content.decode()
    assert "Wait a minute" in client.post("/en/accounts/two-factor/", {"token": "000000"}).content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # the time a person would wait after the wrong codes
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    assert client.post("/en/accounts/two-factor/", {"token": code}).status_code == 302
    assert client.get("/en/").status_code == 200
    assert AuditEntry.objects.filter(action="auth.2fa_enrolled", actor_username=persona).exists()


@pytest.mark.parametrize("persona", ["documenter_ukr", "analyst"])
def test_other_roles_do_not_need_a_second_factor(client, personas, persona):
    login(client, persona)
    assert client.get("/en/").status_code == 200
