"""Writing stories: drafts, review, publication (now or at a set time), withdrawal, images and the loader.

Each change is one transaction with its revision and its audit entry. A save whose text equals the latest
revision's changes nothing (a double submission makes no second revision); a save based on an older
revision than the latest is refused, so one editor never overwrites another's work unseen.
"""

from __future__ import annotations

import datetime
import hashlib
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from observatory import access
from observatory.audit.services import audit_record
from observatory.stories import markup
from observatory.stories.models import Story, StoryImage, StoryRevision, StoryStatus
from observatory.stories.policies import PUBLISH, SUBMIT, UNPUBLISH

TEXT_FIELDS = ("title", "summary", "body")
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_FORMATS = {"JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png"), "WEBP": ("image/webp", "webp")}


def _actor_user(actor):
    return actor if getattr(actor, "pk", None) else None


def story_errors(*, title: str, body: str, slug: str = "", language: str = "", story: Story | None = None) -> dict:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Give the story a title.")
    problems = markup.errors(body)
    if problems:
        errors["body"] = " ".join(problems)
    if slug and language:
        taken = Story.objects.filter(language=language, slug=slug).exclude(pk=getattr(story, "pk", None))
        if taken.exists():
            errors["slug"] = _("Another story in this language has this address; choose another.")
    return errors


def _revision(story: Story, *, actor, action: str, comment: str = "") -> StoryRevision:
    number = (story.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    return StoryRevision.objects.create(story=story, number=number, action=action, title=story.title,
                                        summary=story.summary, body=story.body, comment=comment,
                                        created_by=_actor_user(actor))


def latest_revision(story: Story) -> StoryRevision | None:
    return story.revisions.order_by("-number").first()


@transaction.atomic
def story_create(*, actor, language: str, slug: str, title: str, summary: str = "", body: str = "",
                 kind: str = "story", country=None, is_original: bool = True) -> Story:
    story = Story(language=language, slug=slug, title=title.strip(), summary=summary.strip(), body=body,
                  kind=kind, country=country, is_original=is_original, created_by=_actor_user(actor))
    access.require(actor, access.Action.CREATE, story)
    errors = story_errors(title=title, body=body, slug=slug, language=language)
    if errors:
        raise ValidationError(errors)
    story.full_clean(exclude=["live_revision"])
    story.save()
    _revision(story, actor=actor, action=StoryRevision.Action.SAVED)
    audit_record(actor=actor, action="story.create", obj=story, details={"language": language, "kind": kind})
    return story


@transaction.atomic
def story_update(*, actor, story: Story, based_on: int | None, **changes) -> tuple[Story, bool]:
    """Save the working copy; ``(story, changed)``. Nothing is written when nothing changed."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    access.require(actor, access.Action.CHANGE, story)
    latest = latest_revision(story)
    before = {name: getattr(story, name) for name in changes}
    for name, value in changes.items():
        setattr(story, name, value.strip() if name in ("title", "summary") else value)
    if all(getattr(story, name) == before[name] for name in changes):
        return story, False  # the same form sent twice, or nothing edited
    if based_on is not None and latest is not None and latest.number != based_on:
        raise ValidationError({"__all__": _(
            "Someone saved this story after you opened it (version %(n)s). Your text is still in the form: "
            "copy it, open the story again and add your changes.") % {"n": latest.number}})
    errors = story_errors(title=story.title, body=story.body, slug=story.slug, language=story.language, story=story)
    if errors:
        raise ValidationError(errors)
    if story.status == StoryStatus.PUBLISHED:
        story.status = StoryStatus.DRAFT  # the live revision stays until the change is published
    story.save()
    _revision(story, actor=actor, action=StoryRevision.Action.SAVED)
    changed = sorted(name for name in changes if getattr(story, name) != before[name])
    audit_record(actor=actor, action="story.update", obj=story, details={"fields": changed})
    return story, True


@transaction.atomic
def story_submit(*, actor, story: Story, comment: str = "") -> Story:
    story = Story.objects.select_for_update().get(pk=story.pk)
    access.require(actor, SUBMIT, story)
    if story.status == StoryStatus.IN_REVIEW:
        return story  # sent twice: once is enough
    if markup.errors(story.body):
        raise ValidationError({"body": _("Correct the text's blocks before sending it for review.")})
    story.status = StoryStatus.IN_REVIEW
    story.submitted_by = _actor_user(actor)
    story.submitted_at = timezone.now()
    story.review_comment = ""
    story.save()
    _revision(story, actor=actor, action=StoryRevision.Action.SUBMITTED, comment=comment)
    audit_record(actor=actor, action="story.submit", obj=story)
    return story


@transaction.atomic
def story_reject(*, actor, story: Story, comment: str) -> Story:
    story = Story.objects.select_for_update().get(pk=story.pk)
    access.require(actor, PUBLISH, story)
    if not comment.strip():
        raise ValidationError({"comment": _("Tell the author what to change.")})
    story.status = StoryStatus.DRAFT
    story.review_comment = comment.strip()
    story.save()
    _revision(story, actor=actor, action=StoryRevision.Action.REJECTED, comment=comment.strip())
    audit_record(actor=actor, action="story.reject", obj=story)
    return story


@transaction.atomic
def story_publish(*, actor, story: Story, at: datetime.datetime | None = None) -> Story:
    """Make the working copy the live text, now or from ``at``; images it shows become public."""
    story = Story.objects.select_for_update().get(pk=story.pk)
    access.require(actor, PUBLISH, story)
    now = timezone.now()
    if at is not None and at < now - datetime.timedelta(minutes=5):
        raise ValidationError({"at": _("The publication time is in the past; leave it empty to publish now.")})
    if markup.errors(story.body):
        raise ValidationError({"body": _("Correct the text's blocks before publishing it.")})
    scheduled = at is not None and at > now
    revision = _revision(story, actor=actor, action=StoryRevision.Action.SCHEDULED if scheduled
                         else StoryRevision.Action.PUBLISHED)
    story.live_revision = revision
    story.live_from = at if scheduled else now
    story.first_published_at = story.first_published_at or story.live_from
    story.status = StoryStatus.PUBLISHED
    story.save()
    StoryImage.objects.filter(pk__in=markup.image_ids(story.body)).update(published=True)
    audit_record(actor=actor, action="story.schedule" if scheduled else "story.publish", obj=story,
                 details={"revision": revision.number})
    return story


@transaction.atomic
def story_unpublish(*, actor, story: Story) -> Story:
    story = Story.objects.select_for_update().get(pk=story.pk)
    access.require(actor, UNPUBLISH, story)
    if story.live_revision_id is None:
        return story
    story.live_revision = None
    story.live_from = None
    story.status = StoryStatus.DRAFT
    story.save()
    _revision(story, actor=actor, action=StoryRevision.Action.UNPUBLISHED)
    audit_record(actor=actor, action="story.unpublish", obj=story)
    return story


def _clean_image(data: bytes) -> tuple[bytes, str, int, int]:
    """The image drawn again without its metadata (EXIF: camera, place, time; XMP; comments)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(data) > MAX_IMAGE_BYTES:
        raise ValidationError({"file": _("The image is larger than 5 MB; make it smaller and upload it again.")})
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            if kind not in IMAGE_FORMATS:
                raise ValidationError({"file": _("Upload a JPEG, PNG or WebP image.")})
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ValidationError({"file": _("The image has too many pixels; make it smaller.")})
            image.load()
            upright = ImageOps.exif_transpose(image)  # turn it as the camera meant, before the tag goes
            if kind == "JPEG" and upright.mode not in ("RGB", "L"):
                upright = upright.convert("RGB")
            clean = Image.new(upright.mode, upright.size)
            clean.paste(upright)
            if upright.mode == "P" and upright.getpalette():
                clean.putpalette(upright.getpalette())
            out = io.BytesIO()
            options = {"JPEG": {"quality": 88}, "WEBP": {"quality": 88}, "PNG": {"optimize": True}}[kind]
            clean.save(out, format=kind, **options)
            return out.getvalue(), kind, clean.width, clean.height
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError({"file": _("This file is not an image that can be read. Upload a JPEG, PNG or "
                                         "WebP image.")}) from None


@transaction.atomic
def image_upload(*, actor, data: bytes, alt_text: str, alt_text_ru: str, credit: str, licence: str,
                 source_url: str = "") -> tuple[StoryImage, bool]:
    """Keep an image without its metadata; ``(image, created)``. The same picture twice is kept once."""
    errors = {name: _("This field is required.") for name, value in
              (("alt_text", alt_text), ("alt_text_ru", alt_text_ru), ("credit", credit), ("licence", licence))
              if not value.strip()}
    if errors:
        raise ValidationError(errors)
    clean, kind, width, height = _clean_image(data)
    digest = hashlib.sha256(clean).hexdigest()
    existing = StoryImage.objects.filter(sha256=digest).first()
    if existing is not None:
        return existing, False
    content_type, extension = IMAGE_FORMATS[kind]
    image = StoryImage(content_type=content_type, width=width, height=height, sha256=digest,
                       alt_text=alt_text.strip(), alt_text_ru=alt_text_ru.strip(), credit=credit.strip(),
                       licence=licence.strip(), source_url=source_url.strip(), uploaded_by=_actor_user(actor))
    access.require(actor, access.Action.CREATE, image)
    image.file.save(f"{digest[:16]}.{extension}", ContentFile(clean), save=False)
    image.save()
    audit_record(actor=actor, action="story.image_upload", obj=image)
    return image, True


__all__ = ["PermissionDenied", "image_upload", "latest_revision", "story_create", "story_errors",
           "story_publish", "story_reject", "story_submit", "story_unpublish", "story_update"]
