from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from observatory.access import SYSTEM
from observatory.accounts.models import ApiToken, Role
from observatory.accounts.services import (
    organisation_create,
    token_authenticate,
    token_create,
    token_revoke,
    user_create,
    user_set_role,
)
from observatory.audit.models import AuditEntry


def test_documenter_needs_an_organisation(countries):
    with pytest.raises(ValidationError) as error:
        user_create(actor=SYSTEM, username="doc", role=Role.DOCUMENTER, password="a long enough pass 1")
    assert "organisation" in error.value.message_dict


def test_coordinator_needs_a_country(countries):
    with pytest.raises(ValidationError) as error:
        user_create(actor=SYSTEM, username="coord", role=Role.COORDINATOR, password="a long enough pass 1")
    assert "countries" in error.value.message_dict


def test_unknown_country_is_named(countries):
    with pytest.raises(ValidationError) as error:
        user_create(actor=SYSTEM, username="coord", role=Role.COORDINATOR, countries=["UKR", "XXX"],
                    password="a long enough pass 1")
    assert "XXX" in str(error.value)


def test_generated_password_is_returned_once_and_works(orgs):
    user, password = user_create(actor=SYSTEM, username="doc", role=Role.DOCUMENTER, organisation="alliance-ukr")
    assert password and len(password) >= 16
    assert user.check_password(password)
    assert password not in str(list(AuditEntry.objects.values_list("details", flat=True)))


def test_non_admin_cannot_create_users(personas):
    with pytest.raises(PermissionDenied):
        user_create(actor=personas["coordinator_ukr"], username="x", role=Role.ANALYST, password="a long enough pass 1")


def test_role_change_is_audited_with_before_and_after(personas):
    user = personas["documenter_ukr"]
    user_set_role(actor=personas["admin"], user=user, role=Role.ANALYST)
    entry = AuditEntry.objects.filter(action="user.role_change").get()
    assert entry.actor_username == "admin"
    assert entry.details["before"]["role"] == "documenter"
    assert entry.details["after"]["role"] == "analyst"
    user.refresh_from_db()
    assert user.organisation is None


def test_tokens_are_stored_hashed_and_revocable(personas):
    user = personas["analyst"]
    token, secret = token_create(actor=user, user=user, name="laptop")
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in (stored.digest, stored.prefix, stored.name)
    assert stored.digest == ApiToken.digest_of(secret)
    assert token_authenticate(secret=secret) == user
    assert token_authenticate(secret=secret + "x") is None
    token_revoke(actor=user, token=stored)
    assert token_authenticate(secret=secret) is None
    assert list(AuditEntry.objects.filter(object_type="accounts.apitoken").values_list("action", flat=True)) == [
        "token.create", "token.revoke"]


def test_a_failed_service_leaves_no_audit_entry(countries):
    before = AuditEntry.objects.count()
    organisation_create(actor=SYSTEM, slug="one", name="One", country="GEO")
    with pytest.raises(Exception):
        organisation_create(actor=SYSTEM, slug="one", name="Duplicate", country="GEO")
    assert AuditEntry.objects.count() == before + 1
