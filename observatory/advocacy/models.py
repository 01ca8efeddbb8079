"""The advocacy log: what the network asked of whom, with which evidence, and what came of it.

An action's evidence is a list of references to the platform's public
material (``EVIDENCE_KINDS``), never to case records. An achieved action may
name the policy event or the law version that followed it; the ones its
coordinator chose to publish appear on the country's page under "what
advocacy preceded this reform".
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ActionKind(models.TextChoices):
    MEETING = "meeting", _("Meeting with a policymaker")
    LETTER = "letter", _("Letter")
    SUBMISSION = "submission", _("Submission")
    MEDIA = "media", _("Media piece")
    CAMPAIGN = "campaign", _("Campaign")
    STATEMENT = "statement", _("Public statement")
    COURT_CASE = "court_case", _("Court case")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACHIEVED = "achieved", _("Achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")


# Outcomes that may be shown on a country's public page (with the reform that followed).
PUBLISHABLE = (Outcome.ACHIEVED, Outcome.PARTLY)


# Evidence an action may cite: public material only, each named by its key on the platform.
EVIDENCE_KINDS = {
    "indicator": _("indicator"),          # an indicator code
    "brief": _("country brief"),          # a country's ISO3
    "finding": _("impact finding"),       # ISO3/event/indicator
    "law": _("law comparison"),           # a country's ISO3
    "review": _("review item"),           # a review item's code
    "violations": _("published violation statistics"),  # ISO3/year
}


class AdvocacyAction(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="advocacy_actions")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=ActionKind.choices)
    target = models.CharField(_("target institution"), max_length=300)
    ask = models.TextField(_("what was asked"), max_length=4000)
    members = models.ManyToManyField("network.Member", blank=True, related_name="advocacy_actions")
    alliance = models.ForeignKey("partners.Alliance", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="advocacy_actions", verbose_name=_("alliance"))
    target_partner = models.ForeignKey("partners.Partner", on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="advocacy_actions", verbose_name=_("target partner"),
                                       help_text=_("The target institution, when it is one of the network's partners."))
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True, db_index=True)
    followed_by = models.ForeignKey("events.PolicyEvent", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="preceding_advocacy",
                                    help_text=_("The policy event that followed an achieved action."))
    followed_by_law = models.ForeignKey("laws.LegalProvision", on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="preceding_advocacy",
                                        help_text=_("The law version that followed an achieved action."))
    # The log is not public. An achieved (or partly achieved) action that led to a reform is shown on the
    # country's public page only when its coordinator decides so: its kind, date, target and ask, the
    # reform, and the members and alliance that are themselves listed publicly.
    publish = models.BooleanField(_("show on the country's public page"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("advocacy action")
        verbose_name_plural = _("advocacy actions")
        indexes = [models.Index(fields=["country", "-date"], name="advocacy_country_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%Y-%m-%d}"
