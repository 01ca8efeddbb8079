from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from observatory.accounts.models import Organisation, User


def run(*args, stdin=None, monkeypatch=None):
    out = io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    call_command(*args, stdout=out)
    return out.getvalue()


def test_org_and_user_creation_from_the_command_line(countries, monkeypatch):
    assert "Created organisation" in run("org", "create", "hr-geo", "--name", "HR Georgia", "--country", "geo")
    assert Organisation.objects.get(slug="hr-geo").country.iso3 == "GEO"
    out = run("user", "create", "nino", "--role", "documenter", "--org", "hr-geo", "--password-stdin",
              stdin="a very long passphrase 7\n", monkeypatch=monkeypatch)
    assert "Password" not in out
    assert User.objects.get(username="nino").check_password("a very long passphrase 7")
    out = run("user", "create", "coord", "--role", "coordinator", "--country", "GEO", "--country", "ARM")
    password = out.split("(shown once, pass it on safely): ")[1].strip()
    coordinator = User.objects.get(username="coord")
    assert coordinator.check_password(password)
    assert sorted(coordinator.countries.values_list("iso3", flat=True)) == ["ARM", "GEO"]
    listing = run("user", "list")
    assert "coord\tcoordinator\tARM,GEO" in listing


def test_bad_input_is_a_readable_error(countries):
    with pytest.raises(CommandError, match="organisation"):
        run("user", "create", "doc", "--role", "documenter")
    with pytest.raises(CommandError, match="Unknown country code: ZZZ"):
        run("org", "create", "x", "--name", "X", "--country", "ZZZ")


def test_token_create_prints_a_token_that_authenticates_the_api(client, personas):
    token = run("token", "create", "analyst").strip()
    assert token.startswith("dpo_")
    response = client.get("/api/v1/auth/whoami", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json()["username"] == "analyst"
    assert client.get("/api/v1/auth/whoami", headers={"Authorization": "Bearer dpo_wrong"}).status_code == 401
    prefix = run("token", "list", "analyst").split("\t")[0]
    run("token", "revoke", prefix)
    assert client.get("/api/v1/auth/whoami", headers={"Authorization": f"Bearer {token}"}).status_code == 401
