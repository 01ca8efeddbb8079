"""Findings staff publish for a country: the one the country brief quotes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedFinding(models.Model):
    """An analysis (country, event, outcome and options) chosen to appear in the country's brief.

    Only the choice is stored; the estimate is recomputed from the current data, so a brief never
    quotes a number the data no longer support. Publishing a new one withdraws the previous one.
    """

    country = models.ForeignKey("countries.Country", on_delete=models.CASCADE, related_name="+")
    event_slug = models.SlugField(max_length=120)
    indicator_code = models.SlugField(max_length=80)
    family = models.CharField(max_length=20, blank=True)
    slope_change = models.BooleanField(default=False)
    hac_lags = models.PositiveSmallIntegerField(null=True, blank=True)
    published_by = models.CharField(max_length=150)
    published_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-published_at"]
        verbose_name = _("published finding")
        verbose_name_plural = _("published findings")

    def __str__(self) -> str:
        return f"{self.country_id}: {self.indicator_code} around {self.event_slug}"
