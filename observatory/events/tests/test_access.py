"""Role × record × action matrix for policy events: admins write; everyone, signed in or not, reads published ones.

The policy is asked both ways (``user_can`` and ``scope``) and the two must agree.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from observatory import access
from observatory.events.models import PolicyEvent
from observatory.events.policies import access_policy_event

V, C, CH, D = "view", "create", "change", "delete"
EVERYONE_ELSE = ["coordinator_ukr", "coordinator_kgz", "case_manager_ukr", "documenter_ukr", "analyst", "anonymous",
                 "inactive_admin"]

# persona -> {event: allowed actions}
MATRIX = {
    "admin": {"published": {V, CH, D}, "draft": {V, CH, D}},
    **{persona: {"published": {V}, "draft": set()} for persona in EVERYONE_ELSE},
}
CREATE = {"admin": True, **{persona: False for persona in EVERYONE_ELSE}}


@pytest.fixture
def people(personas):
    admin = personas["admin"]
    inactive = type(admin).objects.get(pk=admin.pk)
    inactive.is_active = False
    return {**personas, "anonymous": AnonymousUser(), "inactive_admin": inactive}


@pytest.fixture
def events(make_event):
    return {"published": make_event("ukr-2015-published", published=True),
            "draft": make_event("kgz-2016-draft", country="KGZ", published=False)}


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_event_matrix(people, events, persona):
    user = people[persona]
    for action in (V, CH, D):
        for name, allowed in MATRIX[persona].items():
            event = events[name]
            expected = action in allowed
            assert access.user_can(user, action, event) is expected, (persona, action, name)
            in_scope = access.scope(user, action, PolicyEvent).filter(pk=event.pk).exists()
            assert in_scope is expected, (persona, action, name)


@pytest.mark.parametrize("persona", sorted(CREATE))
def test_only_admins_create_events(people, countries, persona):
    new = PolicyEvent(slug="geo-2020-new", country=countries["GEO"], published=True)
    assert access.user_can(people[persona], C, new) is CREATE[persona]


def test_the_public_reads_published_events_and_none_is_not_an_actor(events):
    """Charts and the API read as a visitor: they get the published events, never a draft."""
    assert list(access.scope(access.VISITOR, V, PolicyEvent)) == [events["published"]]
    assert list(access.public_scope(PolicyEvent)) == [events["published"]]
    with pytest.raises(access.NoActorError):
        access.scope(None, V, PolicyEvent)


@pytest.mark.parametrize("persona", EVERYONE_ELSE)
def test_a_draft_is_a_404_like_a_missing_event(people, events, persona):
    user = people[persona]
    for slug in ("kgz-2016-draft", "no-such-event"):
        with pytest.raises(Http404):
            access_policy_event(user=user, slug=slug)
    assert access_policy_event(user=user, slug="ukr-2015-published") == events["published"]
    with pytest.raises(Http404):
        access_policy_event(user=user, slug="ukr-2015-published", action=CH)


def test_admins_load_drafts_for_editing(people, events):
    assert access_policy_event(user=people["admin"], slug="kgz-2016-draft", action=CH) == events["draft"]


def test_admin_permissions_follow_the_policy(people, events):
    """The Django admin asks the same policy through ``has_perm``."""
    admin, analyst = people["admin"], people["analyst"]
    assert admin.has_perm("events.change_policyevent", events["draft"])
    assert not analyst.has_perm("events.view_policyevent", events["draft"])
    assert analyst.has_perm("events.view_policyevent", events["published"])
    assert not analyst.has_perm("events.change_policyevent", events["published"])
