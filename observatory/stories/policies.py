"""Who writes, reviews and publishes stories.

| role | writes and sends for review | publishes (after review) | sees drafts |
|---|---|---|---|
| admin (the secretariat) | every story | every story | all |
| editor | every story | stories in review that someone else sent; withdraws any | all |
| coordinator | stories about its countries | none | its countries' |
| others, visitors | none | none | none; published stories only |

No one publishes a text they sent for review themselves, except the secretariat: a second pair of eyes
reads every story before the public does. Images follow the stories: editors and the secretariat keep
them; coordinators upload their own; the public sees those that a published story shows.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from observatory.access import Action, Policy, register, user_country_ids
from observatory.accounts.models import Role
from observatory.stories.models import Story, StoryImage, StoryRevision, StoryStatus

SUBMIT = "submit"
PUBLISH = "publish"
UNPUBLISH = "unpublish"


def live_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}live_revision__isnull": False, f"{prefix}live_from__lte": timezone.now()})


class StoryPolicy(Policy):
    model = Story
    actions = (*tuple(Action), SUBMIT, PUBLISH, UNPUBLISH)

    def public_rule(self, action):
        return live_q() if action == Action.VIEW else None

    def rule(self, user, action):
        if user.role == Role.ADMIN:
            return Q()
        if user.role == Role.EDITOR:
            if action == PUBLISH:
                return Q(status=StoryStatus.IN_REVIEW) & ~Q(submitted_by_id=user.pk)
            return None if action == Action.DELETE else Q()
        if user.role == Role.COORDINATOR:
            mine = Q(country_id__in=user_country_ids(user))
            if action == Action.VIEW:
                return live_q() | mine
            return mine if action in (Action.CREATE, Action.CHANGE, SUBMIT) else None
        return live_q() if action == Action.VIEW else None


class StoryRevisionPolicy(Policy):
    """Revisions are read with their story by those who may change it; only the services write them."""

    model = StoryRevision

    def rule(self, user, action):
        if action != Action.VIEW:
            return None
        rule = STORIES.rule(user, Action.CHANGE)
        if rule is None or rule == Q():
            return rule
        return Q(story_id__in=Story.objects.filter(rule).values("pk"))


class StoryImagePolicy(Policy):
    model = StoryImage

    def public_rule(self, action):
        return Q(published=True) if action == Action.VIEW else None

    def rule(self, user, action):
        if user.role in (Role.ADMIN, Role.EDITOR):
            return Q()
        if user.role == Role.COORDINATOR:
            if action == Action.VIEW:
                return Q(published=True) | Q(uploaded_by_id=user.pk)
            return Q() if action == Action.CREATE else (Q(uploaded_by_id=user.pk) if action == Action.CHANGE else None)
        return Q(published=True) if action == Action.VIEW else None


STORIES = StoryPolicy()
REVISIONS = StoryRevisionPolicy()
IMAGES = StoryImagePolicy()


def register_all() -> None:
    register(STORIES)
    register(REVISIONS)
    register(IMAGES)
