"""Fixtures of the violations registry: the shipped vocabularies, a case factory, signing in with a second factor."""

from __future__ import annotations

import pytest

from observatory.cases.services import ActData, CaseData, Consent, VictimData

NAME = "Олена Петренко-Тестова"
CONTACT = "+380 67 123 45 67"
NARRATIVE = "Патрульные избили Олену у аптеки на улице Садовой и забрали телефон."
CLIENT_CODE = "ОЛ-1985-М"


@pytest.fixture(autouse=True)
def _fresh_cache_and_keys():
    """Rate limits live in the cache and unwrapped data keys in memory: start every test clean."""
    from django.core.cache import cache

    from observatory.cases import crypto

    cache.clear()
    crypto.clear_cache()
    yield
    crypto.clear_cache()


_COUNTRY_SNAPSHOT: dict = {}


@pytest.fixture
def countries(db):
    """The shipped countries, as the project fixture gives them; read and projected once per test run.

    Loading them (and decoding their boundaries) takes about a second; this suite
    creates them in almost every test, so later tests insert a copy of the first load.
    """
    from observatory.countries.models import Country, Subregion

    if not _COUNTRY_SNAPSHOT:
        from observatory.access import SYSTEM
        from observatory.countries.services import countries_load

        countries_load(actor=SYSTEM)
        _COUNTRY_SNAPSHOT["subregions"] = list(Subregion.objects.values())
        _COUNTRY_SNAPSHOT["countries"] = list(Country.objects.values())
    elif not Country.objects.exists():
        Subregion.objects.bulk_create(Subregion(**row) for row in _COUNTRY_SNAPSHOT["subregions"])
        Country.objects.bulk_create(Country(**row) for row in _COUNTRY_SNAPSHOT["countries"])
    return {c.iso3: c for c in Country.objects.all()}


@pytest.fixture
def vocabularies(db):
    from observatory.access import SYSTEM
    from observatory.cases.services import vocabularies_load

    return vocabularies_load(actor=SYSTEM)


def case_data(**overrides) -> CaseData:
    """A complete case with identity fields set (the values tests look for in raw rows and logs)."""
    victim = VictimData(name=NAME, contact=CONTACT, date_of_birth="1985-04-12", address="ул. Садовая, 5, кв. 12",
                        client_code=CLIENT_CODE, sex="female", age_group="", key_populations=["people_on_ost"])
    data = CaseData(
        occurred_on="2024-03-15", region="Kyiv", channel="outreach", narrative=NARRATIVE,
        consent=Consent(document=True, share_network=True, advocacy=False, contact=True), victim=victim,
        acts=[ActData(violation="police_beating", perpetrators=["police"], place_type="street",
                      consequences=["physical_injury"])],
    )
    for key, value in overrides.items():
        setattr(data, key, value)
    return data


@pytest.fixture
def make_case(personas, vocabularies):
    """Create a case as a persona; ``status`` walks it through the services to that status."""
    from observatory.cases import services

    def make(persona="documenter_ukr", *, status="submitted", data=None, **overrides):
        actor = personas[persona]
        case, _ = services.case_create(actor=actor, data=data or case_data(**overrides), submit=status != "draft")
        manager = None
        if status in ("verified", "in_response", "closed", "rejected"):
            manager = personas["coordinator_ukr"] if case.country.iso3 == "UKR" else personas["coordinator_kgz"]
            if status == "rejected":
                return services.case_reject(actor=manager, case=case, reason="duplicate")
            services.case_verify(actor=manager, case=case)
        if status in ("in_response", "closed"):
            services.response_create(actor=manager, case=case, data=services.ResponseData(type="legal_consultation"))
        if status == "closed":
            services.case_close(actor=manager, case=case)
        case.refresh_from_db()
        return case

    return make


def verified_session(client, user):
    """Sign ``user`` in with a confirmed authenticator, as the second-factor middleware requires."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    if user.needs_two_factor:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client

