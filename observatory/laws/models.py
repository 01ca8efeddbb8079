"""Legal provisions per country, as dated versions, and the model non-repressive law they are judged against.

A reform is a new version of a (country, provision) pair, never an overwrite: the
earlier version keeps its ``valid_to``. Dates are as precise as the source: a
partial date (``2010`` or ``2013-07``) is stored as its first day together with
its precision, and shown as the source gave it.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from observatory.core.i18n import translated
from observatory.laws.rules import format_partial_date


class Judgement(models.TextChoices):
    MEETS = "meets", _("meets the model law")
    PARTLY = "partly", _("partly meets")
    DOES_NOT_MEET = "does_not_meet", _("does not meet")
    UNKNOWN = "unknown", _("unknown")


class DatePrecision(models.TextChoices):
    YEAR = "year", _("year")
    MONTH = "month", _("month")
    DAY = "day", _("day")


class ModelLaw(models.Model):
    """The edition of the model law loaded from ``data/laws/model_law.yaml`` (one row)."""

    version = models.CharField(max_length=20, unique=True)
    title_en = models.CharField(max_length=300)
    title_ru = models.CharField(max_length=300)
    description_en = models.TextField(blank=True)
    description_ru = models.TextField(blank=True)
    judgement_scale = models.JSONField(default=dict, help_text=_("Score of each judgement (meets = 1, ...)."))

    class Meta:
        verbose_name = _("model law")
        verbose_name_plural = _("model law")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return translated(self, "title")

    @property
    def description(self) -> str:
        return translated(self, "description")


class ModelLawProvision(models.Model):
    """One provision of the model law: its target, why, and how each possible value is judged."""

    code = models.SlugField(max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    label_en = models.CharField(max_length=300)
    label_ru = models.CharField(max_length=300)
    value_type = models.CharField(max_length=30)
    allowed_values = models.JSONField(default=list)
    value_notes_en = models.JSONField(default=dict, blank=True)
    value_notes_ru = models.JSONField(default=dict, blank=True)
    target = models.CharField(max_length=60)
    target_en = models.TextField()
    target_ru = models.TextField()
    why_en = models.TextField()
    why_ru = models.TextField()
    judgement = models.JSONField(default=dict, blank=True, help_text=_("Judgement of each allowed value."))
    judgement_rule = models.JSONField(default=dict, blank=True, help_text=_("Thresholds for numeric values."))
    basis = models.JSONField(default=list, blank=True, help_text=_("Published guidance: title, URL, quote."))

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("model-law provision")
        verbose_name_plural = _("model-law provisions")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return translated(self, "label")

    @property
    def target_text(self) -> str:
        return translated(self, "target")

    @property
    def why(self) -> str:
        return translated(self, "why")

    def allows(self, value: str) -> bool:
        """True when ``value`` is one of the allowed values (free text and percentages where the type says so)."""
        if self.value_type == "text_or_none":
            return bool(str(value).strip())
        if value in self.allowed_values:
            return True
        if self.value_type == "enum_or_percent":
            try:
                return 0 <= float(value) <= 100
            except (TypeError, ValueError):
                return False
        return False


class LegalProvision(models.Model):
    """One version of one provision in one country's law, with its sources."""

    class Origin(models.TextChoices):
        SHIPPED = "shipped", _("shipped data")
        STAFF = "staff", _("edited by staff")

    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="legal_provisions")
    provision = models.ForeignKey(ModelLawProvision, on_delete=models.PROTECT, related_name="versions")
    value = models.CharField(_("value"), max_length=300)
    max_penalty_months = models.FloatField(
        null=True, blank=True,
        help_text=_("Longest deprivation of liberty for the basic possession offence, in months (30 days = 1)."))
    detail_en = models.TextField(blank=True)
    detail_ru = models.TextField(blank=True)
    valid_from = models.DateField(null=True, blank=True,
                                  help_text=_("Inclusive; empty when the source gives no start."))
    valid_from_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    valid_to = models.DateField(null=True, blank=True, help_text=_("Exclusive; empty while in force as of the source."))
    valid_to_precision = models.CharField(max_length=5, choices=DatePrecision.choices, blank=True)
    citation = models.CharField(_("legal citation"), max_length=500, blank=True)
    as_of = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_("Year the source describes."))
    origin = models.CharField(max_length=8, choices=Origin.choices, default=Origin.STAFF)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country__iso3", "provision__position", F("valid_from").asc(nulls_first=True)]
        verbose_name = _("legal provision")
        verbose_name_plural = _("legal provisions")
        constraints = [
            models.UniqueConstraint(fields=["country", "provision", "valid_from"], name="legal_provision_version"),
            models.UniqueConstraint(fields=["country", "provision"], condition=Q(valid_from__isnull=True),
                                    name="legal_provision_one_undated_start"),
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True)
                                   | Q(valid_to__gt=F("valid_from")), name="legal_provision_dates_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.country_id} {self.provision_id} {self.value}"

    @property
    def detail(self) -> str:
        return translated(self, "detail")

    @property
    def valid_from_display(self) -> str:
        return format_partial_date(self.valid_from, self.valid_from_precision)

    @property
    def valid_to_display(self) -> str:
        return format_partial_date(self.valid_to, self.valid_to_precision)


class LegalSource(models.Model):
    """A source stating a provision, with the supporting quote (at most about 40 words)."""

    provision = models.ForeignKey(LegalProvision, on_delete=models.CASCADE, related_name="sources")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.TextField()
    publisher = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    quote = models.TextField(blank=True)

    class Meta:
        ordering = ["provision", "position"]
        verbose_name = _("source of a provision")
        verbose_name_plural = _("sources of provisions")

    def __str__(self) -> str:
        return self.title
