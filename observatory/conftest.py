"""Shared fixtures: the shipped countries and named personas for each role."""

from __future__ import annotations

import pytest


@pytest.fixture
def countries(db):
    from observatory.access import SYSTEM
    from observatory.countries.services import countries_load

    countries_load(actor=SYSTEM)
    from observatory.countries.models import Country

    return {c.iso3: c for c in Country.objects.all()}


@pytest.fixture
def orgs(countries):
    from observatory.access import SYSTEM
    from observatory.accounts.services import organisation_create

    return {
        "ukr": organisation_create(actor=SYSTEM, slug="alliance-ukr", name="Harm reduction NGO (UKR)", country="UKR"),
        "ukr2": organisation_create(actor=SYSTEM, slug="paralegals-ukr", name="Paralegal network (UKR)", country="UKR"),
        "kgz": organisation_create(actor=SYSTEM, slug="harm-reduction-kgz", name="Harm reduction NGO (KGZ)",
                                   country="KGZ"),
    }


def make_user(username, role, *, org=None, countries=(), password="correct horse battery staple"):
    from observatory.access import SYSTEM
    from observatory.accounts.services import user_create

    user, _ = user_create(actor=SYSTEM, username=username, role=role, password=password,
                          organisation=org.slug if org else None, countries=countries)
    return user


@pytest.fixture
def personas(orgs):
    """One user per role and scope, named as in the access-policy tests."""
    from observatory.accounts.models import Role

    return {
        "admin": make_user("admin", Role.ADMIN),
        "coordinator_ukr": make_user("coordinator_ukr", Role.COORDINATOR, countries=["UKR"]),
        "coordinator_kgz": make_user("coordinator_kgz", Role.COORDINATOR, countries=["KGZ"]),
        "case_manager_ukr": make_user("case_manager_ukr", Role.CASE_MANAGER, org=orgs["ukr"]),
        "documenter_ukr": make_user("documenter_ukr", Role.DOCUMENTER, org=orgs["ukr"]),
        "documenter_ukr2": make_user("documenter_ukr2", Role.DOCUMENTER, org=orgs["ukr2"]),
        "documenter_kgz": make_user("documenter_kgz", Role.DOCUMENTER, org=orgs["kgz"]),
        "analyst": make_user("analyst", Role.ANALYST),
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(request):
    """Argon2 is deliberately slow; tests that are not about hashing use a fast hasher.

    Pure tests (statistics, parsers) also run without Django (``-p no:django``).
    """
    if "argon2" not in request.keywords and request.config.pluginmanager.hasplugin("django"):
        request.getfixturevalue("settings").PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


from observatory.testing.browser import browser, page, phone  # noqa: E402,F401  (fixtures)


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Each test starts with an empty cache: rolled-back tests can reuse ids, so data versions can repeat."""
    if request.config.pluginmanager.hasplugin("django"):
        from django.core.cache import cache

        cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language(request):
    """Each test starts in English: a test that rendered a Russian page must not change the next one's language."""
    if request.config.pluginmanager.hasplugin("django"):
        from django.utils import translation

        translation.activate("en")
        yield
        translation.deactivate()
    else:
        yield
