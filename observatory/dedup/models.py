"""Possible duplicates across organisations: pairs of cases a coordinator confirms or rejects.

A ``CandidatePair`` is found by matching keyed pseudonymous features
(``observatory.cases.linkkeys``), never plaintext. ``agreements`` says, field by
field, whether the two records agree (``same``, ``close``, ``different``,
``missing``), which is all a reviewer without access to the identities sees.
Confirming a pair joins both cases to one ``cases.CaseEntity``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PairStatus(models.TextChoices):
    OPEN = "open", _("To review")
    CONFIRMED = "confirmed", _("Same violation")
    REJECTED = "rejected", _("Different violations")


class CandidatePair(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="+")
    case_a = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    case_b = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    match_probability = models.FloatField(null=True, blank=True)
    method = models.CharField(max_length=12, default="model")  # "model" (Fellegi-Sunter) or "rule"
    agreements = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=PairStatus.choices, default=PairStatus.OPEN)
    found_at = models.DateTimeField(default=timezone.now, editable=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "-match_probability", "pk"]
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        constraints = [
            models.UniqueConstraint(fields=["case_a", "case_b"], name="dedup_pair_unique"),
            models.CheckConstraint(condition=Q(case_a__lt=F("case_b")), name="dedup_pair_ordered"),
        ]
        indexes = [models.Index(fields=["country", "status"], name="dedup_pair_country_status")]

    def __str__(self) -> str:
        return f"pair {str(self.uuid)[:8]}"
