"""Publishing a finding for the country brief: who may, what is audited, what the brief receives."""

from __future__ import annotations

from django.utils import translation

from observatory.audit.models import AuditEntry
from observatory.impact.models import PublishedFinding
from observatory.impact.selectors import published_finding
from observatory.impact.tests.conftest import COUNT

URL = f"/en/impact/UKR/ukr-2010-synthetic/{COUNT}/"


def test_only_admins_and_the_countrys_coordinator_may_publish(client, personas, counts_loaded):
    for persona in ("documenter_ukr", "analyst", "coordinator_kgz"):
        client.force_login(personas[persona])
        _verify(client, personas[persona])
        assert client.post(URL + "publish/").status_code == 404
        assert "Publish this finding" not in client.get(URL).content.decode()
    assert not PublishedFinding.objects.exists()
    coordinator = personas["coordinator_ukr"]
    client.force_login(coordinator)
    _verify(client, coordinator)
    assert "Publish this finding" in client.get(URL).content.decode()
    assert client.post(URL + "publish/").status_code == 302
    finding = PublishedFinding.objects.get()
    assert (finding.country.iso3, finding.indicator_code, finding.published_by) == ("UKR", COUNT, "coordinator_ukr")
    assert AuditEntry.objects.filter(action="impact.publish", actor_username="coordinator_ukr").exists()


def test_the_brief_receives_the_current_finding_in_its_language(client, personas, counts_loaded):
    from observatory.countries.models import Country

    ukraine = Country.objects.get(iso3="UKR")
    assert published_finding(country=ukraine) is None
    admin = personas["admin"]
    client.force_login(admin)
    _verify(client, admin)
    client.post(URL + "publish/")
    page_finding = client.get(URL.replace(".json", "") + "analysis.json").json()["finding"]
    with translation.override("en"):
        english = published_finding(country=ukraine)
    with translation.override("ru"):
        russian = published_finding(country=ukraine)
    assert english["summary"] == page_finding["en"] and russian["summary"] == page_finding["ru"]
    assert english["sources"] and all(s["title"] for s in english["sources"])
    # A second publication replaces the first: one finding per country.
    client.post(URL + "publish/?slope=1")
    assert PublishedFinding.objects.filter(withdrawn_at__isnull=True).count() == 1


def _verify(client, user):
    """Mark the session as having passed the second factor (the roles that need one)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not user.needs_two_factor:
        return
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
