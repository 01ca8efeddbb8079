"""Who may change the law database: admins; everyone reads (the public pages need no account)."""

from __future__ import annotations

import pytest

from observatory import access
from observatory.laws.models import LegalProvision


@pytest.mark.parametrize("persona, can_change", [("admin", True), ("coordinator_ukr", False), ("analyst", False),
                                                  ("documenter_ukr", False), ("case_manager_ukr", False)])
def test_only_admins_change_provisions(laws, personas, persona, can_change):
    user = personas[persona]
    version = LegalProvision.objects.filter(country__iso3="UKR").first()
    assert access.user_can(user, "view", version)
    assert access.user_can(user, "change", version) is can_change
    assert access.user_can(user, "create", LegalProvision(country=version.country, provision=version.provision,
                                                          value="yes")) is can_change
    assert access.scope(user, "delete", LegalProvision).exists() is can_change


def test_the_admin_pages_follow_the_policy(client, laws, personas):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(personas["analyst"])
    assert client.get("/en/admin/laws/legalprovision/").status_code in (302, 403)
    admin = personas["admin"]
    client.force_login(admin)
    device = TOTPDevice.objects.create(user=admin, confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    assert client.get("/en/admin/laws/legalprovision/").status_code == 200
