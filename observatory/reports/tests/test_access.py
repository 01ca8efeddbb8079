"""Role × action matrix for the briefs' staff texts: admins write and read the history; nobody else sees them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from observatory import access
from observatory.reports.models import BriefText, BriefTextVersion
from observatory.reports.services import brief_text_save

ROLES = ["admin", "coordinator_ukr", "case_manager_ukr", "documenter_ukr", "analyst"]
ACTIONS = ["view", "create", "change", "delete"]


@pytest.fixture
def text(countries, personas):
    return brief_text_save(actor=personas["admin"], country=countries["UKR"], language="en", introduction="Intro.",
                           recommendations="")[0]


@pytest.mark.parametrize("persona", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_brief_text_matrix(text, personas, persona, action):
    allowed = persona == "admin"
    user = personas[persona]
    assert access.user_can(user, action, text) is allowed
    assert access.scope(user, action, BriefText).filter(pk=text.pk).exists() is allowed
    assert access.user_can(user, "create", BriefText(country=text.country, language="ru")) is (persona == "admin")


@pytest.mark.parametrize("persona", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_versions_are_read_by_admins_and_written_by_nobody(text, personas, persona, action):
    version = text.versions.get()
    allowed = persona == "admin" and action == "view"
    assert access.user_can(personas[persona], action, version) is allowed
    assert access.scope(personas[persona], action, BriefTextVersion).exists() is allowed


def test_anonymous_and_inactive_users_get_nothing(text, personas):
    admin = personas["admin"]
    admin.is_active = False
    for user in (AnonymousUser(), admin):
        assert not access.scope(user, "view", BriefText).exists()
        assert not access.user_can(user, "view", text)
