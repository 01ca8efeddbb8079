"""The network's members: organisations and individual activists, with encrypted contacts.

Contacts (``contact_name_enc``, ``email_enc``, ``phone_enc``) and an individual
member's name (``person_name_enc``) are AES-GCM ciphertexts under the country's
network data key (``observatory.cases.crypto``), never plain text: being known
as an activist who uses drugs can be dangerous in parts of the region. An
organisation's name is public information; it is listed publicly only with
``public`` consent and once approved. An individual is never listed publicly
unless they chose to be.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MemberKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    INDIVIDUAL = "individual", _("Individual")


class MemberType(models.TextChoices):
    NGO = "ngo", _("NGO")
    COMMUNITY = "community", _("Community organisation led by people who use drugs")
    SERVICE_PROVIDER = "service_provider", _("Service provider")
    LEGAL_AID = "legal_aid", _("Legal aid")
    RESEARCH = "research", _("Research")
    ACTIVIST = "activist", _("Individual activist")
    OTHER = "other", _("Other")


class MemberStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    APPROVED = "approved", _("Approved")
    SUSPENDED = "suspended", _("Suspended")
    LAPSED = "lapsed", _("Lapsed")
    DECLINED = "declined", _("Declined")


FOCUS_AREAS = {
    "harm_reduction": _("Harm reduction"), "ost": _("Opioid substitution therapy"), "hiv_hcv": _("HIV and hepatitis C"),
    "legal_aid": _("Legal aid"), "women": _("Women"), "youth": _("Young people"), "prisons": _("Prisons"),
    "policy": _("Drug policy"),
}
LANGUAGES = {"en": "English", "ru": "Русский", "uk": "Українська", "ka": "ქართული", "kk": "Қазақ тілі",
             "ky": "Кыргызча", "ro": "Română", "lt": "Lietuvių", "lv": "Latviešu", "et": "Eesti", "pl": "Polski",
             "sr": "Српски", "hy": "Հայերեն", "az": "Azərbaycanca", "tg": "Тоҷикӣ", "uz": "Oʻzbekcha",
             "be": "Беларуская", "bg": "Български", "cs": "Čeština", "hu": "Magyar", "sk": "Slovenčina",
             "sl": "Slovenščina", "hr": "Hrvatski", "bs": "Bosanski", "mk": "Македонски", "sq": "Shqip",
             "tk": "Türkmençe", "me": "Crnogorski"}


class Member(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=MemberKind.choices)
    type = models.CharField(_("type"), max_length=20, choices=MemberType.choices, blank=True)
    # An organisation's name is public information; an individual's is encrypted (person_name_enc).
    name = models.CharField(_("name"), max_length=200, blank=True)
    person_name_enc = models.BinaryField(null=True, blank=True, editable=False)
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="members")
    regional = models.BooleanField(_("works across the region"), default=False)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="memberships",
                                     help_text=_("The platform account of this member, if it has one."))
    focus = models.JSONField(_("focus areas"), default=list, blank=True)
    languages = models.JSONField(_("working languages"), default=list, blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_name_enc = models.BinaryField(null=True, blank=True, editable=False)
    email_enc = models.BinaryField(null=True, blank=True, editable=False)
    phone_enc = models.BinaryField(null=True, blank=True, editable=False)
    # HMAC of the lower-cased e-mail address: finds a repeated application without decrypting.
    email_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    public = models.BooleanField(_("listed publicly"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=MemberStatus.choices, default=MemberStatus.APPLIED)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    status_changed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["country__iso3", "name", "pk"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            # An individual's name is never stored in the clear.
            models.CheckConstraint(condition=Q(kind=MemberKind.ORGANISATION) | Q(name=""),
                                   name="network_member_individual_name_encrypted"),
        ]
        indexes = [models.Index(fields=["country", "status", "public"], name="network_member_listing")]

    def __str__(self) -> str:
        return self.name or f"member {str(self.uuid)[:8]}"


PUBLIC_Q = Q(status=MemberStatus.APPROVED, public=True)
