"""What staff write into a country brief: an introduction and the recommendations, per country and language.

``BriefText`` is the current text; every save that changes it also writes a
``BriefTextVersion`` with its author and time, and those rows are never
changed. Empty recommendations mean "use the ones drawn from the model-law gaps".
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
