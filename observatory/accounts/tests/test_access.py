"""Role × scope × action matrix for the records that exist now: organisations, users, API tokens.

Each row states what a person in that role must be able to do; the policy is
asked both ways (``user_can`` and ``scope``) and the two must agree.
"""

from __future__ import annotations

import pytest
from django.http import Http404

from observatory import access
from observatory.access import SYSTEM
from observatory.accounts.models import ApiToken, Organisation, User
from observatory.accounts.policies import access_organisation
from observatory.accounts.services import token_create

V, C, CH, D = "view", "create", "change", "delete"

# persona -> {organisation slug: allowed actions}
ORGANISATION_MATRIX = {
    "admin": {"alliance-ukr": {V, CH, D}, "paralegals-ukr": {V, CH, D}, "harm-reduction-kgz": {V, CH, D}},
    "coordinator_ukr": {"alliance-ukr": {V}, "paralegals-ukr": {V}, "harm-reduction-kgz": set()},
    "coordinator_kgz": {"alliance-ukr": set(), "paralegals-ukr": set(), "harm-reduction-kgz": {V}},
    "case_manager_ukr": {"alliance-ukr": {V}, "paralegals-ukr": set(), "harm-reduction-kgz": set()},
    "documenter_ukr": {"alliance-ukr": {V}, "paralegals-ukr": set(), "harm-reduction-kgz": set()},
    "analyst": {"alliance-ukr": set(), "paralegals-ukr": set(), "harm-reduction-kgz": set()},
}

# persona -> {target username: allowed actions}
USER_MATRIX = {
    "admin": {"documenter_ukr": {V, CH, D}, "documenter_kgz": {V, CH, D}, "analyst": {V, CH, D}},
    "coordinator_ukr": {"documenter_ukr": {V}, "documenter_ukr2": {V}, "documenter_kgz": set(), "analyst": set(),
                        "coordinator_ukr": {V}},
    "case_manager_ukr": {"documenter_ukr": {V}, "documenter_ukr2": set(), "documenter_kgz": set(),
                         "case_manager_ukr": {V}},
    "documenter_ukr": {"documenter_ukr": {V}, "case_manager_ukr": set(), "documenter_ukr2": set()},
    "analyst": {"analyst": {V}, "documenter_ukr": set(), "coordinator_ukr": set()},
}

CREATE_ORGANISATION = {"admin": True, "coordinator_ukr": False, "case_manager_ukr": False, "documenter_ukr": False,
                       "analyst": False}


@pytest.mark.parametrize("persona", sorted(ORGANISATION_MATRIX))
@pytest.mark.parametrize("action", [V, CH, D])
def test_organisation_matrix(personas, orgs, persona, action):
    user = personas[persona]
    for slug, allowed in ORGANISATION_MATRIX[persona].items():
        org = Organisation.objects.get(slug=slug)
        expected = action in allowed
        assert access.user_can(user, action, org) is expected, (persona, action, slug)
        in_scope = access.scope(user, action, Organisation).filter(pk=org.pk).exists()
        assert in_scope is expected, (persona, action, slug)


@pytest.mark.parametrize("persona", sorted(CREATE_ORGANISATION))
def test_only_admins_create_organisations(personas, countries, persona):
    new = Organisation(slug="new-org", name="New", country=countries["GEO"])
    assert access.user_can(personas[persona], C, new) is CREATE_ORGANISATION[persona]


@pytest.mark.parametrize("persona", sorted(USER_MATRIX))
@pytest.mark.parametrize("action", [V, CH, D])
def test_user_matrix(personas, persona, action):
    user = personas[persona]
    for target_name, allowed in USER_MATRIX[persona].items():
        target = personas[target_name]
        expected = action in allowed
        assert access.user_can(user, action, target) is expected, (persona, action, target_name)
        assert access.scope(user, action, User).filter(pk=target.pk).exists() is expected


@pytest.mark.parametrize("persona", ["coordinator_ukr", "case_manager_ukr", "documenter_ukr", "analyst"])
def test_tokens_are_managed_by_their_owner_and_admins(personas, persona):
    user = personas[persona]
    own, _ = token_create(actor=user, user=user)
    other, _ = token_create(actor=SYSTEM, user=personas["documenter_kgz"])
    for action in (V, D):
        assert access.user_can(user, action, own)
        assert not access.user_can(user, action, other)
        assert access.user_can(personas["admin"], action, other)
    assert access.user_can(user, C, ApiToken(user=user))
    assert not access.user_can(user, C, ApiToken(user=personas["documenter_kgz"]))


def test_inactive_and_anonymous_users_get_nothing(personas):
    from django.contrib.auth.models import AnonymousUser

    admin = personas["admin"]
    admin.is_active = False
    assert not access.scope(admin, V, Organisation).exists()
    assert not access.scope(AnonymousUser(), V, User).exists()
    assert not access.user_can(AnonymousUser(), V, personas["analyst"])


def test_out_of_scope_and_missing_look_the_same(personas, orgs):
    documenter = personas["documenter_ukr"]
    with pytest.raises(Http404):
        access_organisation(user=documenter, slug="harm-reduction-kgz")
    with pytest.raises(Http404):
        access_organisation(user=documenter, slug="no-such-organisation")
    assert access_organisation(user=documenter, slug="alliance-ukr") == orgs["ukr"]


def test_has_perm_asks_the_policy(personas, orgs):
    coordinator = personas["coordinator_ukr"]
    assert coordinator.has_perm("accounts.view_organisation", orgs["ukr"])
    assert not coordinator.has_perm("accounts.view_organisation", orgs["kgz"])
    assert not coordinator.has_perm("accounts.change_organisation", orgs["ukr"])
    assert personas["admin"].has_perm("accounts.change_organisation", orgs["kgz"])
