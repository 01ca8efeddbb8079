"""The registry's access matrix: role × own/other organisation × own/other country × action.

Each persona is asked about five cases both ways (``user_can`` and ``scope``),
and the two answers must agree. Out of scope is a 404 from ``access_case``, the
same as a case that does not exist.
"""

from __future__ import annotations

import uuid

import pytest
from django.http import Http404

from observatory import access
from observatory.cases.models import Act, Case, Response, Victim
from observatory.cases.policies import CaseAction, access_case
from observatory.cases.tests.conftest import case_data

V, CH, VI, M, R, D = "view", "change", "view_identity", "moderate", "respond", "delete"
ACTIONS = [V, CH, VI, M, R, D]
ORG_ALL = {V, CH, VI, M, R}

# Cases: own org (UKR, two with and without consent to share), same country other org, other country, a draft.
MATRIX = {
    "documenter_ukr": {"ukr": {V, CH, VI}, "ukr_private": {V, CH, VI}, "ukr2": set(), "kgz": set(),
                       "ukr_draft": {V, CH, VI}, "ukr_verified": {V, VI}},
    "documenter_ukr2": {"ukr": set(), "ukr_private": set(), "ukr2": {V, CH, VI}, "kgz": set(), "ukr_draft": set(),
                        "ukr_verified": set()},
    "documenter_kgz": {"ukr": set(), "ukr_private": set(), "ukr2": set(), "kgz": {V, CH, VI}, "ukr_draft": set(),
                       "ukr_verified": set()},
    "case_manager_ukr": {"ukr": ORG_ALL, "ukr_private": ORG_ALL, "ukr2": set(), "kgz": set(), "ukr_draft": ORG_ALL,
                         "ukr_verified": ORG_ALL},
    "coordinator_ukr": {"ukr": {V, VI, M, R}, "ukr_private": {V, M, R}, "ukr2": {V, VI, M, R}, "kgz": set(),
                        "ukr_draft": set(), "ukr_verified": {V, VI, M, R}},
    "coordinator_kgz": {"ukr": set(), "ukr_private": set(), "ukr2": set(), "kgz": {V, VI, M, R}, "ukr_draft": set(),
                        "ukr_verified": set()},
    "analyst": {key: set() for key in ("ukr", "ukr_private", "ukr2", "kgz", "ukr_draft", "ukr_verified")},
    "admin": {key: set() for key in ("ukr", "ukr_private", "ukr2", "kgz", "ukr_draft", "ukr_verified")},
}


@pytest.fixture
def cases(make_case):
    private = case_data()
    private.consent.share_network = False
    private.consent.contact = True
    return {
        "ukr": make_case("documenter_ukr"),
        "ukr_private": make_case("documenter_ukr", data=private),
        "ukr2": make_case("documenter_ukr2"),
        "kgz": make_case("documenter_kgz"),
        "ukr_draft": make_case("documenter_ukr", status="draft"),
        "ukr_verified": make_case("documenter_ukr", status="verified"),
    }


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_case_matrix(personas, cases, persona):
    """Every action on every case for one persona (the cases are built once per persona)."""
    user = personas[persona]
    for action in ACTIONS:
        for key, allowed in MATRIX[persona].items():
            case = cases[key]
            expected = action in allowed
            assert access.user_can(user, action, case) is expected, (persona, action, key)
            assert access.scope(user, action, Case).filter(pk=case.pk).exists() is expected, (persona, action, key)
            if action != D:
                loaded = _load(user, case, action)
                assert (loaded is not None) is expected, (persona, action, key)


def _load(user, case, action):
    try:
        return access_case(user=user, case_id=case.uuid, action=action)
    except Http404:
        return None


@pytest.mark.parametrize("persona,expected", [
    ("documenter_ukr", {"ukr": True, "kgz": False}), ("case_manager_ukr", {"ukr": True, "kgz": False}),
    ("documenter_kgz", {"ukr": False, "kgz": True}), ("coordinator_ukr", {"ukr": False, "kgz": False}),
    ("analyst", {"ukr": False, "kgz": False}), ("admin", {"ukr": False, "kgz": False}),
])
def test_who_may_create_cases_for_which_organisation(personas, orgs, persona, expected):
    for key, allowed in expected.items():
        new = Case(organisation=orgs[key], country=orgs[key].country)
        assert access.user_can(personas[persona], CaseAction.CREATE, new) is allowed, (persona, key)


def test_parts_of_a_case_follow_its_scope(personas, cases):
    """Victims, acts and responses are seen exactly where their case is."""
    verified = cases["ukr_verified"]
    for persona, allowed in MATRIX.items():
        user = personas[persona]
        for model in (Victim, Act, Response):
            visible = set(access.scope(user, V, model).values_list("case_id", flat=True))
            expected = {cases[k].pk for k, actions in allowed.items() if V in actions}
            assert visible <= expected, (persona, model.__name__)
            if V in allowed["ukr_verified"] and model is not Response:
                assert verified.pk in visible


def test_missing_malformed_and_forbidden_cases_are_the_same_404(personas, cases):
    user = personas["documenter_ukr"]
    for case_id in (uuid.uuid4(), "not-a-uuid", "", cases["kgz"].uuid, cases["ukr2"].uuid):
        with pytest.raises(Http404):
            access_case(user=user, case_id=case_id)


def test_inactive_and_anonymous_users_see_nothing(personas, cases):
    from django.contrib.auth.models import AnonymousUser

    user = personas["case_manager_ukr"]
    user.is_active = False
    assert not access.scope(user, V, Case).exists()
    assert not access.scope(AnonymousUser(), V, Case).exists()


def test_the_admin_site_asks_the_same_policy(personas, cases):
    admin, documenter = personas["admin"], personas["documenter_ukr"]
    assert not admin.has_perm("cases.view_case", cases["ukr"])
    assert documenter.has_perm("cases.view_case", cases["ukr"])
    assert not documenter.has_perm("cases.view_case", cases["kgz"])
