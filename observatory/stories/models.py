"""Stories, news items and pages: long-form public texts made of blocks, with their revisions and images.

A story exists once per language; the English and Russian versions share a ``slug`` and know each other
through it. The working copy (title, summary, body) is what editors change; the public page shows the
*live revision*, a frozen copy made when a reviewer published it, so saving a change never alters what
readers see until the change is reviewed and published again. A live revision with ``live_from`` in the
future is a scheduled publication: the story appears at that moment, without any job having to run.

The body is Markdown with one block per line (``::: chart <explorer permalink>`` …, see
``observatory.stories.blocks``); charts, cards and timelines are drawn from the current data each time
the page is shown, so a story's figures change when the data do.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class StoryKind(models.TextChoices):
    STORY = "story", pgettext_lazy("kind of text", "Story")
    NEWS = "news", pgettext_lazy("kind of text", "News")
    PAGE = "page", pgettext_lazy("kind of text", "Page")


class StoryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


class Story(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("address"), max_length=80,
                            help_text=_("The last part of the address; the same in both languages."))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    is_original = models.BooleanField(_("original text"), default=True,
                                      help_text=_("Unticked for a translation of the other language's version."))
    kind = models.CharField(_("kind"), max_length=10, choices=StoryKind.choices, default=StoryKind.STORY)
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="stories", verbose_name=_("country"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    body = models.TextField(_("text"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=StoryStatus.choices, default=StoryStatus.DRAFT)
    live_revision = models.ForeignKey("StoryRevision", on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+")
    live_from = models.DateTimeField(_("published from"), null=True, blank=True)
    first_published_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-live_from", "-updated_at"]
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        constraints = [models.UniqueConstraint(fields=["language", "slug"], name="story_language_slug")]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    @property
    def is_live(self) -> bool:
        return self.live_revision_id is not None and self.live_from is not None and self.live_from <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.live_revision_id is not None and self.live_from is not None and self.live_from > timezone.now()


class StoryRevision(models.Model):
    """A frozen copy of a story's working text, one per save or step of the workflow. Never changed."""

    class Action(models.TextChoices):
        SAVED = "saved", _("Saved")
        SUBMITTED = "submitted", _("Sent for review")
        REJECTED = "rejected", _("Returned to the author")
        PUBLISHED = "published", _("Published")
        SCHEDULED = "scheduled", _("Scheduled")
        UNPUBLISHED = "unpublished", _("Withdrawn from the site")

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    action = models.CharField(max_length=12, choices=Action.choices, default=Action.SAVED)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=400, blank=True)
    body = models.TextField(blank=True)
    comment = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["story", "-number"]
        constraints = [models.UniqueConstraint(fields=["story", "number"], name="story_revision_number")]

    def __str__(self) -> str:
        return f"{self.story.slug} r{self.number}"


class StoryImage(models.Model):
    """An image for stories, kept without its metadata (camera, place, time are removed on upload).

    It is public once a published story shows it (``published``); before that only editors see it.
    """

    file = models.FileField(upload_to="stories/images/", max_length=200)
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64, unique=True)
    alt_text = models.CharField(_("description for people who cannot see it (English)"), max_length=300)
    alt_text_ru = models.CharField(_("description for people who cannot see it (Russian)"), max_length=300)
    credit = models.CharField(_("credit"), max_length=200)
    licence = models.CharField(_("licence"), max_length=100)
    source_url = models.URLField(_("where it comes from"), blank=True)
    published = models.BooleanField(default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("story image")
        verbose_name_plural = _("story images")

    def __str__(self) -> str:
        return f"{_('Image')} {self.pk}: {self.alt_text[:60]}"
