"""The network's partners (UN agencies, EU bodies, donors, ministries, police, parliaments, international
NGOs) with a history of contacts, and the alliances and coalitions its members form.

A partner's contact person, e-mail and phone are AES-GCM ciphertexts under the
country's network data key, as members' contacts are (``observatory.cases.crypto``).
A partner is held by the country where the relationship is kept; ``regional``
partners (a UN regional office, a donor for the whole region) are visible to every
coordinator, though their contacts stay with the secretariat and that country's coordinator.
An alliance without a country is regional.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    UN_AGENCY = "un_agency", _("UN agency")
    EU_BODY = "eu_body", _("EU body")
    DONOR = "donor", _("Donor")
    MINISTRY = "ministry", _("Ministry or government agency")
    POLICE = "police", _("Police or police academy")
    PARLIAMENT = "parliament", _("Parliament or parliamentary committee")
    INTERNATIONAL_NGO = "international_ngo", _("International NGO")
    OTHER = "other", _("Other")


RELATIONSHIPS = {
    "funder": _("Funder"),
    "co_organiser": _("Co-organiser"),
    "target": _("Advocacy target"),
    "ally": _("Ally"),
}


class Partner(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    relationships = models.JSONField(_("relationship"), default=list, blank=True)
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="partners",
                                help_text=_("The country where the relationship is kept."))
    regional = models.BooleanField(_("works across the region"), default=False)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), max_length=4000, blank=True)
    contact_name_enc = models.BinaryField(null=True, blank=True, editable=False)
    email_enc = models.BinaryField(null=True, blank=True, editable=False)
    phone_enc = models.BinaryField(null=True, blank=True, editable=False)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country__iso3", "name", "pk"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [models.UniqueConstraint(fields=["country", "name"], name="partners_partner_name_per_country")]

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    CALL = "call", _("Call")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")
    EVENT = "event", _("At an event")
    OTHER = "other", _("Other")


class PartnerContact(models.Model):
    """One contact with a partner: when, how, and what was said or agreed."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="history")
    date = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    summary = models.TextField(_("summary"), max_length=4000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("contact with a partner")
        verbose_name_plural = _("contacts with partners")


class AllianceStatus(models.TextChoices):
    FORMING = "forming", _("Forming")
    ACTIVE = "active", _("Active")
    DORMANT = "dormant", _("Dormant")
    CLOSED = "closed", _("Closed")


class Alliance(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="alliances", help_text=_("Empty for a regional alliance."))
    purpose = models.TextField(_("purpose"), max_length=4000)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=AllianceStatus.choices,
                              default=AllianceStatus.ACTIVE)
    members = models.ManyToManyField("network.Member", blank=True, related_name="alliances",
                                     limit_choices_to={"kind": "organisation"})
    public = models.BooleanField(_("listed publicly"), default=False,
                                 help_text=_("Only when every member organisation agreed."))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("alliance")
        verbose_name_plural = _("alliances")

    def __str__(self) -> str:
        return self.name

    @property
    def regional(self) -> bool:
        return self.country_id is None
