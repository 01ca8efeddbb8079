"""Loading the shipped stories (``data/stories/<slug>.<language>.md``): YAML front matter, then the text.

All or nothing and idempotent, like every shipped-data loader: a file whose text is already the live
text changes nothing. A shipped story that an editor has since changed on the site is left as they made
it (reported as "kept"), so running setup again never undoes someone's work.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from observatory.countries.models import Country
from observatory.stories import markup, services
from observatory.stories.models import Story, StoryKind


class StoryDataError(ValueError):
    pass


def read_story_file(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n") or "\n---\n" not in text[4:]:
        raise StoryDataError(f"{path.name}: the file must start with front matter between two lines of ---")
    head, body = text[4:].split("\n---\n", 1)
    try:
        front = yaml.safe_load(head) or {}
    except yaml.YAMLError as error:
        raise StoryDataError(f"{path.name}: the front matter is not valid YAML ({error})") from None
    missing = [k for k in ("slug", "language", "title") if not front.get(k)]
    if missing:
        raise StoryDataError(f"{path.name}: missing {', '.join(missing)} in the front matter")
    if front["language"] not in dict(settings.LANGUAGES):
        raise StoryDataError(f"{path.name}: language {front['language']!r} is not one of the site's")
    if front.get("kind", "story") not in StoryKind.values:
        raise StoryDataError(f"{path.name}: kind {front['kind']!r} is not one of {', '.join(StoryKind.values)}")
    return front, body.strip() + "\n"


@transaction.atomic
def stories_load(*, actor, directory: Path | None = None) -> dict[str, int]:
    directory = Path(directory or settings.DATA_DIR / "stories")
    counts = {"stories created": 0, "stories updated": 0, "kept (edited on the site)": 0, "unchanged": 0}
    # <slug>.<language>.md: other Markdown files of the folder (SOURCES.md, a README) are not stories.
    for path in sorted(p for p in directory.glob("*.md") if p.name.count(".") >= 2):
        front, body = read_story_file(path)
        problems = markup.errors(body)
        if problems:
            raise StoryDataError(f"{path.name}: {' '.join(problems)}")
        country = None
        if front.get("country"):
            country = Country.objects.filter(iso3=str(front["country"]).upper()).first()
            if country is None:
                raise StoryDataError(f"{path.name}: country {front['country']!r} is not one of the platform's")
        fields = {"title": str(front["title"]).strip(), "summary": str(front.get("summary", "")).strip(),
                  "body": body}
        story = Story.objects.filter(language=front["language"], slug=front["slug"]).first()
        if story is None:
            story = services.story_create(
                actor=actor, language=front["language"], slug=front["slug"], kind=front.get("kind", "story"),
                country=country, is_original=bool(front.get("original", front["language"] == "en")), **fields)
            services.story_publish(actor=actor, story=story)
            counts["stories created"] += 1
            continue
        live = story.live_revision
        if live is not None and all(getattr(live, k) == v for k, v in fields.items()):
            counts["unchanged"] += 1
            continue
        if story.revisions.exclude(created_by=None).exists():
            counts["kept (edited on the site)"] += 1
            continue
        story, _changed = services.story_update(actor=actor, story=story, based_on=None, **fields)
        services.story_publish(actor=actor, story=story)
        counts["stories updated"] += 1
    return counts
