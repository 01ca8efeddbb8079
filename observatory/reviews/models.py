"""The review tracker: reform processes, their items and rounds, and civil society's assessments.

A review process (the UNGASS 2016 outcome document, the EU Drugs Strategy) has
items (recommendations or objectives) and rounds (years). For each round and
country, civil society records one ``CountryAssessment`` per item and one
``CountryRoundReport`` holding the shadow report's introduction and the state
funding for harm reduction. Both keep every version of themselves
(``AssessmentVersion``, ``CountryRoundReportVersion``); the current row is the
latest version, the history rows are never changed.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from observatory.core.i18n import translated
from observatory.core.versioning import SnapshotVersion


class Status(models.TextChoices):
    NOT_STARTED = "not_started", pgettext_lazy("review status", "Not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("review status", "In progress")
    ACHIEVED = "achieved", pgettext_lazy("review status", "Achieved")
    REGRESSED = "regressed", pgettext_lazy("review status", "Regressed")


class ReviewProcess(models.Model):
    code = models.SlugField(max_length=60, unique=True)
    title_en = models.CharField(max_length=300)
    title_ru = models.CharField(max_length=300)
    short_title_en = models.CharField(max_length=120, blank=True)
    short_title_ru = models.CharField(max_length=120, blank=True)
    description_en = models.TextField(blank=True)
    description_ru = models.TextField(blank=True)
    # [{"title": ..., "publisher": ..., "url": ...}]: the official documents the items are taken from.
    sources = models.JSONField(default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("review process")
        verbose_name_plural = _("review processes")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return translated(self, "title", both_ways=True)

    @property
    def short_title(self) -> str:
        return translated(self, "short_title", both_ways=True) or self.title

    @property
    def description(self) -> str:
        return translated(self, "description", both_ways=True)

    def clean(self):
        super().clean()
        validate_links(self.sources, field="sources")


class ReviewItem(models.Model):
    """One recommendation or objective of a process, in the order the process lists it."""

    process = models.ForeignKey(ReviewProcess, on_delete=models.CASCADE, related_name="items")
    code = models.SlugField(max_length=80)
    number = models.CharField(_("number"), max_length=20, help_text=_("As the tracker numbers it, e.g. 1.3."))
    reference = models.CharField(pgettext_lazy("review tracker", "reference"), max_length=200, blank=True,
                                 help_text=_("Where the item is in the official document."))
    group_en = models.CharField(max_length=300, blank=True)
    group_ru = models.CharField(max_length=300, blank=True)
    title_en = models.CharField(max_length=400)
    title_ru = models.CharField(max_length=400)
    description_en = models.TextField(blank=True)
    description_ru = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["process", "position", "number"]
        constraints = [models.UniqueConstraint(fields=["process", "code"], name="review_item_unique_code")]
        verbose_name = _("review item")
        verbose_name_plural = _("review items")

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def title(self) -> str:
        return translated(self, "title", both_ways=True)

    @property
    def group(self) -> str:
        return translated(self, "group", both_ways=True)

    @property
    def description(self) -> str:
        return translated(self, "description", both_ways=True)


class ReviewRound(models.Model):
    """One year of a process. Coordinators record while it is open; the public sees it once published."""

    process = models.ForeignKey(ReviewProcess, on_delete=models.CASCADE, related_name="rounds")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    is_open = models.BooleanField(_("open for entries"), default=True)
    published = models.BooleanField(pgettext_lazy("review round", "published"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["process", "year"]
        constraints = [models.UniqueConstraint(fields=["process", "year"], name="review_round_unique_year")]
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")

    def __str__(self) -> str:
        return f"{self.process.short_title} {self.year}"


class CountryAssessment(models.Model):
    """Civil society's assessment of one item for one country in one round (the current version)."""

    round = models.ForeignKey(ReviewRound, on_delete=models.PROTECT, related_name="assessments")
    item = models.ForeignKey(ReviewItem, on_delete=models.PROTECT, related_name="assessments")
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="review_assessments")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    # [{"url": ..., "title": ...}]
    evidence = models.JSONField(pgettext_lazy("review tracker", "evidence"), default=list, blank=True)
    comment_en = models.TextField(_("comment (English)"), blank=True)
    comment_ru = models.TextField(_("comment (Russian)"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["round", "country", "item"]
        constraints = [
            models.UniqueConstraint(fields=["round", "item", "country"], name="review_assessment_unique"),
        ]
        verbose_name = _("country assessment")
        verbose_name_plural = _("country assessments")

    def __str__(self) -> str:
        return f"{self.round} · {self.country.iso3} · {self.item.number}"

    @property
    def comment(self) -> str:
        return translated(self, "comment", both_ways=True)

    def clean(self):
        super().clean()
        if self.round_id and self.item_id and self.item.process_id != self.round.process_id:
            raise ValidationError({"item": _("The item belongs to another review process.")})
        validate_links(self.evidence, field="evidence")

    def snapshot(self) -> dict:
        return {"status": self.status, "evidence": list(self.evidence), "comment_en": self.comment_en,
                "comment_ru": self.comment_ru}


class AssessmentVersion(SnapshotVersion):
    """One saved state of an assessment; written with every change and never altered."""

    record_field = "assessment"
    assessment = models.ForeignKey(CountryAssessment, on_delete=models.CASCADE, related_name="versions")

    class Meta:
        ordering = ["assessment", "-number"]
        constraints = [models.UniqueConstraint(fields=["assessment", "number"], name="assessment_version_unique")]

    def __str__(self) -> str:
        return f"{self.assessment} v{self.number}"

    @property
    def status_label(self) -> str:
        return Status(self.data.get("status")).label if self.data.get("status") in Status.values else ""


class CountryRoundReport(models.Model):
    """Per round and country: the shadow report's introduction and the state funding for harm reduction."""

    round = models.ForeignKey(ReviewRound, on_delete=models.PROTECT, related_name="country_reports")
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="review_reports")
    introduction_en = models.TextField(_("introduction (English)"), blank=True)
    introduction_ru = models.TextField(_("introduction (Russian)"), blank=True)
    funding_amount = models.DecimalField(_("state funding for harm reduction"), max_digits=16, decimal_places=2,
                                         null=True, blank=True, validators=[MinValueValidator(0)])
    funding_currency = models.CharField(_("currency"), max_length=3, blank=True,
                                        help_text=_("ISO 4217 code, e.g. UAH, EUR, USD."))
    funding_year = models.PositiveSmallIntegerField(_("funding year"), null=True, blank=True,
                                                    validators=[MinValueValidator(1990), MaxValueValidator(2100)])
    funding_source_title = models.CharField(_("source"), max_length=300, blank=True)
    funding_source_url = models.URLField(_("source link"), max_length=500, blank=True)
    funding_note_en = models.TextField(_("note on funding (English)"), blank=True)
    funding_note_ru = models.TextField(_("note on funding (Russian)"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField()

    FIELDS = ("introduction_en", "introduction_ru", "funding_amount", "funding_currency", "funding_year",
              "funding_source_title", "funding_source_url", "funding_note_en", "funding_note_ru")

    class Meta:
        ordering = ["round", "country"]
        constraints = [models.UniqueConstraint(fields=["round", "country"], name="review_country_report_unique")]
        verbose_name = _("country round report")
        verbose_name_plural = _("country round reports")

    def __str__(self) -> str:
        return f"{self.round} · {self.country.iso3}"

    @property
    def introduction(self) -> str:
        return translated(self, "introduction", both_ways=True)

    @property
    def funding_note(self) -> str:
        return translated(self, "funding_note", both_ways=True)

    def clean(self):
        super().clean()
        errors = {}
        if self.funding_currency and not (len(self.funding_currency) == 3 and self.funding_currency.isalpha()
                                          and self.funding_currency.isupper()):
            errors["funding_currency"] = _("Use the three-letter ISO 4217 code in capitals, e.g. UAH.")
        if self.funding_amount is not None:
            # Every number shown names its source.
            if not self.funding_currency:
                errors["funding_currency"] = _("Give the currency of the amount.")
            if not self.funding_source_url:
                errors["funding_source_url"] = _("Give the link to the source of the amount.")
            if not self.funding_year:
                errors["funding_year"] = _("Give the year the amount is for.")
        if errors:
            raise ValidationError(errors)

    def snapshot(self) -> dict:
        data = {name: getattr(self, name) for name in self.FIELDS}
        if data["funding_amount"] is not None:
            data["funding_amount"] = str(data["funding_amount"])
        return data


class CountryRoundReportVersion(SnapshotVersion):
    """One saved state of a country round report; written with every change and never altered."""

    record_field = "report"
    report = models.ForeignKey(CountryRoundReport, on_delete=models.CASCADE, related_name="versions")

    class Meta:
        ordering = ["report", "-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="country_report_version_unique")]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"


def validate_links(links, *, field: str) -> None:
    """``links`` is a list of ``{"url": "https://...", "title": "..."}``; raise naming ``field`` otherwise."""
    from django.core.validators import URLValidator

    if not isinstance(links, list):
        raise ValidationError({field: _("Links must be a list.")})
    check = URLValidator(schemes=["http", "https"])
    for position, link in enumerate(links, start=1):
        if not isinstance(link, dict) or not str(link.get("url", "")).strip():
            raise ValidationError({field: _("Link %(n)s has no address.") % {"n": position}})
        try:
            check(link["url"])
        except ValidationError:
            raise ValidationError({field: _("Link %(n)s is not a valid web address.") % {"n": position}}) from None
        if not str(link.get("title", "")).strip():
            raise ValidationError({field: _("Link %(n)s needs a title.") % {"n": position}})
