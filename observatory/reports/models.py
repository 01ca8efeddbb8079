"""What people write into the documents: the briefs' staff texts and the drafts of UN submissions.

``BriefText`` is the current introduction and recommendations of a country brief, per language;
every save that changes it also writes a ``BriefTextVersion`` with its author and time, and those
rows are never changed. Empty recommendations mean "use the ones drawn from the model-law gaps".
``SubmissionDraft`` is a member's draft of a submission to a UN mechanism, versioned the same way.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from observatory.core.versioning import SnapshotVersion
from observatory.rights.models import Mechanism

# The mechanisms a submission is drafted for: the UPR and the treaty bodies (special procedures take none).
SUBMISSION_MECHANISMS = [(value, label) for value, label in Mechanism.choices if value != Mechanism.SP]


class Language(models.TextChoices):
    EN = "en", _("English")
    RU = "ru", _("Russian")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of ``text``: separated by an empty line; single line breaks inside a paragraph become spaces."""
    paragraphs = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        joined = " ".join(line.strip() for line in block.split("\n") if line.strip())
        if joined:
            paragraphs.append(joined)
    return paragraphs


class BriefText(models.Model):
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="brief_texts",
                                verbose_name=_("country"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    introduction = models.TextField(_("introduction"), blank=True, max_length=4000)
    recommendations = models.TextField(_("recommendations"), blank=True, max_length=6000)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["country__iso3", "language"]
        constraints = [models.UniqueConstraint(fields=["country", "language"], name="reports_brieftext_unique")]
        verbose_name = _("brief text")
        verbose_name_plural = _("brief texts")

    def __str__(self) -> str:
        return f"{self.country.iso3} {self.language} v{self.version}"

    @property
    def recommendation_list(self) -> list[str]:
        return split_paragraphs(self.recommendations)

    @property
    def introduction_paragraphs(self) -> list[str]:
        return split_paragraphs(self.introduction)


class BriefTextVersion(models.Model):
    """One saved state of a brief text; written with every change and never altered."""

    text = models.ForeignKey(BriefText, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    introduction = models.TextField(blank=True)
    recommendations = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    # Kept as written, so the history still names the author after the account is deleted.
    author_username = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["text", "-number"]
        constraints = [models.UniqueConstraint(fields=["text", "number"], name="reports_brieftextversion_unique")]
        verbose_name = _("brief text version")
        verbose_name_plural = _("brief text versions")

    def __str__(self) -> str:
        return f"{self.text} #{self.number}"


class SubmissionDraft(models.Model):
    """A member's draft of a civil-society submission to a UN mechanism, edited before it is exported.

    The data sections (previous recommendations, violation statistics, law gaps, indicators,
    litigation) are drawn from the live data at every export; the draft keeps only what people
    write: who submits, the introduction, their own findings and the recommendations they make.
    Empty recommendations mean "the suggested ones". Every saved change is kept as a version.
    """

    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="submission_drafts",
                                verbose_name=_("country"))
    mechanism = models.CharField(_("mechanism"), max_length=5, choices=SUBMISSION_MECHANISMS)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="submission_drafts", verbose_name=_("organisation"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    submitters = models.TextField(_("submitted by"), blank=True, max_length=2000)
    introduction = models.TextField(_("introduction"), blank=True, max_length=6000)
    findings = models.TextField(_("findings"), blank=True, max_length=60000)
    recommendations = models.TextField(_("recommendations"), blank=True, max_length=10000)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(null=True, blank=True)

    TEXT_FIELDS = ("title", "submitters", "introduction", "findings", "recommendations")

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["created_by", "country", "mechanism", "language"],
                                               name="reports_submissiondraft_one_per_author")]
        verbose_name = _("submission draft")
        verbose_name_plural = _("submission drafts")

    def __str__(self) -> str:
        return f"{self.country.iso3} {self.mechanism} {self.language} v{self.version}"

    def snapshot(self) -> dict:
        return {name: getattr(self, name) for name in self.TEXT_FIELDS}


class SubmissionDraftVersion(SnapshotVersion):
    """One saved state of a submission draft; written with every change and never altered."""

    record_field = "draft"
    draft = models.ForeignKey(SubmissionDraft, on_delete=models.CASCADE, related_name="versions")

    class Meta:
        ordering = ["draft", "-number"]
        constraints = [models.UniqueConstraint(fields=["draft", "number"],
                                               name="reports_submissiondraftversion_unique")]
        verbose_name = _("submission draft version")
        verbose_name_plural = _("submission draft versions")

    def __str__(self) -> str:
        return f"{self.draft} #{self.number}"
