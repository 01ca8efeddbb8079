"""The indicator database: sources, indicators, observations and their revision history.

An observation is one value of one indicator for one country and period (a year,
or a month), optionally by sex and age group, from one source. Two sources may
give the same indicator for the same country and year; both are kept, each with
its own source, and the indicator's ``preferred_sources`` decide which one is
shown as "the latest value".
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from observatory.core.i18n import in_language, translated


class Source(models.Model):
    key = models.SlugField(max_length=80, unique=True)
    publisher = models.CharField(max_length=300)
    publisher_ru = models.CharField(max_length=300, blank=True)
    dataset = models.CharField(max_length=500)
    dataset_ru = models.CharField(max_length=500, blank=True, help_text=_(
        "A Russian description where the dataset is described, not titled; a publication's title stays as published."))
    edition = models.CharField(max_length=100, blank=True)
    edition_ru = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=500, blank=True, help_text=_("The original publisher's page."))
    copy_url = models.URLField(max_length=500, blank=True, help_text=_("Where the shipped copy was taken from."))
    licence = models.CharField(max_length=500, blank=True)
    licence_ru = models.CharField(max_length=500, blank=True)
    retrieved = models.DateField(null=True, blank=True)
    citation_en = models.TextField(blank=True)
    citation_ru = models.TextField(blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return f"{self.publisher_name}, {self.dataset_name}"

    @property
    def publisher_name(self) -> str:
        return in_language(self.publisher, self.publisher_ru)

    @property
    def label(self) -> str:
        """"Publisher (edition)" in the page's language: how charts and tables name a source."""
        return self.publisher_name + (f" ({self.edition_name})" if self.edition else "")

    @property
    def dataset_name(self) -> str:
        return in_language(self.dataset, self.dataset_ru)

    @property
    def edition_name(self) -> str:
        return in_language(self.edition, self.edition_ru)

    @property
    def licence_text(self) -> str:
        return in_language(self.licence, self.licence_ru)

    @property
    def citation(self) -> str:
        return translated(self, "citation") or str(self)


class Topic(models.TextChoices):
    DEATHS = "deaths", _("Deaths")
    HIV = "hiv", _("HIV and hepatitis")
    PRISON = "prison", _("Prison")
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")
    TREATMENT = "treatment", _("Treatment")
    HARM_REDUCTION = "harm_reduction", _("Harm reduction")
    POPULATION = "population", _("Population")
    POLICY = "policy", _("Policy and law")


class Indicator(models.Model):
    class Kind(models.TextChoices):
        NUMERIC = "numeric", _("numeric")
        CATEGORICAL = "categorical", _("categorical")

    code = models.SlugField(max_length=80, unique=True)
    name_en = models.CharField(max_length=300)
    name_ru = models.CharField(max_length=300)
    definition_en = models.TextField(blank=True)
    definition_ru = models.TextField(blank=True)
    unit_en = models.CharField(max_length=200, blank=True)
    unit_ru = models.CharField(max_length=200, blank=True)
    topic = models.CharField(max_length=30, choices=Topic.choices)
    higher_is_better = models.BooleanField(null=True, blank=True)
    decimals = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.NUMERIC)
    is_count = models.BooleanField(
        default=False, help_text=_("A count (deaths, people, offences): it can be shown per 100,000 population."))
    preferred_sources = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["topic", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return translated(self, "name")

    @property
    def definition(self) -> str:
        return translated(self, "definition")

    @property
    def unit(self) -> str:
        return translated(self, "unit")


class ImportBatch(models.Model):
    """One run of the import service over one file: who, what, and what it changed."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("applied")
        REJECTED = "rejected", _("rejected")
        DRY_RUN = "dry_run", _("dry run")

    created_at = models.DateTimeField(auto_now_add=True)
    actor_username = models.CharField(max_length=150, blank=True)
    file_name = models.CharField(max_length=300)
    file_sha256 = models.CharField(max_length=64)
    adapter = models.CharField(max_length=30)
    status = models.CharField(max_length=10, choices=Status.choices)
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.adapter}, {self.created_at:%Y-%m-%d %H:%M})"


class ObservationValue(models.Model):
    """The value fields shared by an observation and its past revisions."""

    value = models.FloatField(null=True, blank=True)
    value_text = models.CharField(max_length=200, blank=True, help_text=_("The value as the source printed it."))
    lower = models.FloatField(null=True, blank=True)
    upper = models.FloatField(null=True, blank=True)
    qualifier = models.CharField(max_length=2, blank=True)
    category = models.CharField(max_length=60, blank=True)
    flags = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True)

    VALUE_FIELDS = ("value", "value_text", "lower", "upper", "qualifier", "category", "flags", "note")

    class Meta:
        abstract = True

    def value_tuple(self) -> tuple:
        return tuple(getattr(self, f) for f in self.VALUE_FIELDS)


class Observation(ObservationValue):
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="observations")
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="observations")
    period = models.CharField(max_length=7, help_text=_("A year (2017) or a month (2017-03)."))
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField(null=True, blank=True)
    sex = models.CharField(max_length=6, blank=True)
    age_group = models.CharField(max_length=20, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="observations")
    batch = models.ForeignKey(ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "country", "period", "sex", "age_group", "source"], name="observation_natural_key"
            )
        ]
        indexes = [
            models.Index(fields=["country", "indicator", "year"]),
            models.Index(fields=["indicator", "year"]),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.country_id} {self.period}"


class ObservationRevision(ObservationValue):
    """A value an observation held before a re-import changed it."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="revisions")
    replaced_by_batch = models.ForeignKey(ImportBatch, on_delete=models.SET_NULL, null=True, related_name="+")
    previous_batch = models.ForeignKey(ImportBatch, on_delete=models.SET_NULL, null=True, related_name="+")
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-replaced_at"]


class LatestObservation(models.Model):
    """The observation shown as "the latest value" for each indicator, country, sex and age group.

    Kept by the import service in the same transaction as the observations, so a
    country profile reads one row per indicator instead of scanning millions.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    country = models.ForeignKey("countries.Country", on_delete=models.CASCADE, related_name="+")
    sex = models.CharField(max_length=6, blank=True)
    age_group = models.CharField(max_length=20, blank=True)
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["country", "indicator", "sex", "age_group"], name="latest_observation_key")
        ]
