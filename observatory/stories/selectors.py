"""Reads of stories: what the public sees (live revisions only) and what editors work on."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from observatory import access
from observatory.stories.models import Story, StoryImage, StoryKind, StoryRevision


def live_stories(*, language: str, kind: str | None = None, country=None) -> QuerySet[Story]:
    """Published stories in ``language``, newest first (scheduled ones only once their time has come)."""
    stories = access.public_scope(Story).filter(language=language).select_related("live_revision", "country")
    if kind:
        stories = stories.filter(kind=kind)
    if country is not None:
        stories = stories.filter(country=country)
    return stories.order_by("-live_from", "slug")


def live_story(*, language: str, slug: str) -> Story | None:
    return live_stories(language=language).filter(slug=slug).first()


@dataclass
class Translation:
    language: str
    name: str
    story: Story | None  # None: not translated, or not published in that language
    outdated: bool  # the original was published again after this translation


def translations(story: Story) -> list[Translation]:
    """The story in the other languages: live, older than the original, or missing."""
    others = {s.language: s for s in access.public_scope(Story).filter(slug=story.slug).exclude(pk=story.pk)}
    result = []
    for code, name in settings.LANGUAGES:
        if code == story.language:
            continue
        other = others.get(code)
        outdated = bool(story.is_original and other is not None and not other.is_original
                        and other.live_from and story.live_from and other.live_from < story.live_from)
        result.append(Translation(code, name, other, outdated))
    return result


def this_translation_outdated(story: Story) -> Story | None:
    """The original, when ``story`` is a translation published before the original's latest publication."""
    if story.is_original:
        return None
    original = access.public_scope(Story).filter(slug=story.slug, is_original=True).exclude(pk=story.pk).first()
    if original and story.live_from and original.live_from and story.live_from < original.live_from:
        return original
    return None


def stories_to_manage(*, user, status: str | None = None, language: str | None = None) -> QuerySet[Story]:
    stories = access.scope(user, access.Action.CHANGE, Story).select_related("country", "live_revision")
    if status:
        stories = stories.filter(status=status)
    if language:
        stories = stories.filter(language=language)
    return stories.order_by("-updated_at")


def story_revisions(*, user, story: Story) -> QuerySet[StoryRevision]:
    return access.scope(user, access.Action.VIEW, StoryRevision).filter(story=story).select_related("created_by")


def images_to_manage(*, user) -> QuerySet[StoryImage]:
    return access.scope(user, access.Action.VIEW, StoryImage)


def kinds_listed() -> list[tuple[str, str]]:
    return [(StoryKind.STORY, StoryKind.STORY.label), (StoryKind.NEWS, StoryKind.NEWS.label)]
