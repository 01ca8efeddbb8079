"""The network's meetings: forums, workshops, trainings and webinars, with their programme, registrations,
attendance, outcome documents and the recommendations they adopt, each followed up.

A participant's name, e-mail, organisation and accessibility needs are AES-GCM ciphertexts under the
hosting country's network data key (``observatory.cases.crypto``), as members' contacts are; the e-mail's
keyed hash (``email_index``) finds a second registration with the same address without decrypting any.
A participant reaches their own registration through a private link whose token is stored only as a hash.
Participant lists are never public.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from observatory.core.i18n import translated


class MeetingKind(models.TextChoices):
    FORUM = "forum", _("Forum")
    WORKSHOP = "workshop", _("Workshop")
    TRAINING = "training", _("Training")
    WEBINAR = "webinar", _("Webinar")


class Sector(models.TextChoices):
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    PWUD_COMMUNITY = "pwud_community", _("Community of people who use drugs")
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")
    GOVERNMENT = "government", _("Government")
    INTERNATIONAL = "international", _("UN or international organisation")
    DONOR = "donor", _("Donor")
    OTHER = "other", pgettext_lazy("sector", "Other")


class Meeting(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(_("short name for the address"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=MeetingKind.choices)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300)
    title_ru_translated = models.BooleanField(default=False, help_text=_(
        "The Russian title is the platform's translation: the organisers published none."))
    description_en = models.TextField(_("description (English)"), blank=True, max_length=6000)
    description_ru = models.TextField(_("description (Russian)"), blank=True, max_length=6000)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    city = models.CharField(_("city"), max_length=120, blank=True)
    city_ru = models.CharField(_("city (Russian)"), max_length=120, blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online = models.BooleanField(_("online"), default=False)
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="meetings",
                                verbose_name=_("country"),
                                help_text=_("Where it is held; for an online meeting, the country that hosts it."))
    organisers = models.CharField(_("organisers"), max_length=500, blank=True)
    partners = models.ManyToManyField("partners.Partner", blank=True, related_name="meetings",
                                      verbose_name=_("partners"))
    published = models.BooleanField(_("published"), default=False)
    registration_open = models.BooleanField(_("registration open"), default=False)
    sources = models.JSONField(default=list, blank=True, help_text=_("Where the facts come from: title, URL."))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "slug"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                              name="meetings_meeting_dates_ordered")]

    def __str__(self) -> str:
        return self.slug

    @property
    def title(self) -> str:
        return translated(self, "title")

    @property
    def description(self) -> str:
        return translated(self, "description")

    @property
    def city_name(self) -> str:
        return self.city_ru if self.city_ru and get_language() == "ru" else self.city


class Session(models.Model):
    """One item of the programme: when, what, who speaks, in which language, with which interpretation."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_ru = models.CharField(_("title (Russian)"), max_length=300, blank=True)
    speakers = models.CharField(_("speakers"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=40, blank=True)
    interpretation = models.CharField(_("interpretation"), max_length=100, blank=True)

    class Meta:
        ordering = ["meeting", "starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        return translated(self, "title")


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("registered")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Registration(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="registrations")
    # Keyed hashes: of the normalised e-mail (one registration per address and meeting), and of the private
    # link's token (the token itself is only ever in the participant's link).
    email_index = models.CharField(max_length=64)
    token_hash = models.CharField(max_length=64, unique=True)
    checkin_code = models.CharField(max_length=32, unique=True)
    name_enc = models.BinaryField(null=True, blank=True, editable=False)
    email_enc = models.BinaryField(null=True, blank=True, editable=False)
    organisation_enc = models.BinaryField(null=True, blank=True, editable=False)
    needs_enc = models.BinaryField(null=True, blank=True, editable=False)
    token_enc = models.BinaryField(null=True, blank=True, editable=False)  # to e-mail the private link again
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    language = models.CharField(max_length=2, default="en")
    consent_at = models.DateTimeField(_("consent given"))
    status = models.CharField(_("status"), max_length=10, choices=RegistrationStatus.choices,
                              default=RegistrationStatus.REGISTERED)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["meeting", "created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [models.UniqueConstraint(fields=["meeting", "email_index"],
                                               name="meetings_registration_one_per_address")]

    def __str__(self) -> str:
        return f"{self.meeting.slug} {self.uuid}"


class Outcome(models.Model):
    """An outcome document: a report, a resolution, a statement, published where its URL says."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="outcomes")
    title_en = models.CharField(_("title (English)"), max_length=400)
    title_ru = models.CharField(_("title (Russian)"), max_length=400, blank=True)
    url = models.URLField(_("address"), max_length=500)
    published_on = models.DateField(_("published on"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("outcome document")
        verbose_name_plural = _("outcome documents")

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        return translated(self, "title")


class FollowUpStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    ACHIEVED = "achieved", _("achieved")
    NOT_FOLLOWED = "not_followed", _("not followed")


class MeetingRecommendation(models.Model):
    """A recommendation a meeting adopted, linked to the commitments it serves in the review tracker."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="recommendations")
    text_en = models.TextField(_("text (English)"), max_length=3000)
    text_ru = models.TextField(_("text (Russian)"), max_length=3000, blank=True)
    review_items = models.ManyToManyField("reviews.ReviewItem", blank=True, related_name="meeting_recommendations",
                                          verbose_name=_("commitments it serves"))
    source_url = models.URLField(max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("meeting recommendation")
        verbose_name_plural = _("meeting recommendations")

    def __str__(self) -> str:
        return self.text_en[:60]

    @property
    def text(self) -> str:
        return translated(self, "text")


class FollowUp(models.Model):
    """One follow-up of a recommendation: its status then, with evidence. Never changed; the newest is the status."""

    recommendation = models.ForeignKey(MeetingRecommendation, on_delete=models.CASCADE, related_name="follow_ups")
    status = models.CharField(_("status"), max_length=12, choices=FollowUpStatus.choices)
    evidence = models.TextField(_("evidence"), max_length=4000)
    evidence_url = models.URLField(_("evidence address"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recommendation", "-recorded_at", "-pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.recommendation_id} {self.status}"


class Certificate(models.Model):
    """A certificate of attendance, issued to a participant who was checked in; anyone can verify its code.

    Verifying shows the meeting and the dates, never the holder's name: whoever holds the certificate
    can confirm the name by typing it, and the page says only whether it matches.
    """

    registration = models.OneToOneField(Registration, on_delete=models.PROTECT, related_name="certificate")
    code = models.CharField(max_length=20, unique=True)
    issued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("certificate of attendance")
        verbose_name_plural = _("certificates of attendance")

    def __str__(self) -> str:
        return self.code
