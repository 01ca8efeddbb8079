"""National figures members supply: a value (or a small table) with its source document and page, reviewed
by an analyst before it joins the indicator database as "national source via the network".

A member's national drug report, a ministry's reply to an information request or a study holds figures no
international source has. The submission keeps the figure, where it was read (a URL or an uploaded file,
and the page), who supplied it and the review. Accepting it writes the observation with its own source
(the document), flagged ``national_via_network``; rejecting it keeps the reason. Nothing is deleted.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

NATIONAL_FLAG = "national_via_network"


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("awaiting review")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class FigureSubmission(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="figure_submissions",
                                verbose_name=_("country"))
    indicator = models.ForeignKey("indicators.Indicator", on_delete=models.PROTECT, related_name="submissions",
                                  verbose_name=_("indicator"))
    # rows: [{"year": 2022, "value": 1234.0, "note": ""}]: one figure, or a small table of years
    rows = models.JSONField(default=list)
    document_title = models.CharField(_("source document"), max_length=400)
    publisher = models.CharField(_("publisher"), max_length=300)
    document_url = models.URLField(_("address of the document"), max_length=500, blank=True)
    document_file = models.FileField(_("the document"), upload_to="figures/%Y/", blank=True, max_length=300)
    page = models.CharField(_("page, table or section"), max_length=100)
    comment = models.TextField(_("comment"), max_length=2000, blank=True)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(_("status"), max_length=9, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.SUBMITTED)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    source = models.ForeignKey("indicators.Source", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+")

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("national figure")
        verbose_name_plural = _("national figures")

    def __str__(self) -> str:
        return f"{self.country_id} {self.indicator_id} {self.status}"
