"""What the site search finds among stories: published ones in the search's language, by title and text."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import get_language


def entries():
    from observatory.stories.blocks import DIRECTIVE
    from observatory.stories.selectors import live_stories

    for story in live_stories(language=get_language()):
        revision = story.live_revision
        text = "\n".join(line for line in revision.body.splitlines() if not DIRECTIVE.match(line.strip()))
        yield ("story", story.slug, revision.title, f"{revision.summary}\n{text}",
               reverse("stories:detail", args=[story.slug]))
