"""The violations registry: who did what to whom (HURIDOCS events), with encrypted identities.

A **case** is an event. It has **victims**; an **act** links a victim to a
violation type and one or more perpetrator types; **responses** (legal aid,
complaints, referrals) follow; **attachments** hold evidence. Controlled
vocabularies are data (**terms**), loaded from ``data/vocabularies/`` and
extended by admins.

Columns ending in ``_enc`` hold AES-GCM ciphertexts made by
``observatory.cases.crypto`` under the organisation's data key, never plain
text. Nothing identifying appears in ``__str__`` or in any unencrypted column.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from observatory.core.i18n import translated

# The vocabularies shipped in data/vocabularies/ (the file name without .yaml).
VIOLATIONS = "violations"
PERPETRATORS = "perpetrators"
PLACE_TYPES = "place_types"
KEY_POPULATIONS = "key_populations"
CONSEQUENCES = "consequences"
RESPONSE_TYPES = "response_types"
INTAKE_CHANNELS = "intake_channels"
AGE_GROUPS = "age_groups"
SEXES = "sexes"


class Translated(models.Model):
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return translated(self, "name")


class Vocabulary(Translated):
    code = models.SlugField(max_length=40, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("vocabulary")
        verbose_name_plural = _("vocabularies")


class TermGroup(Translated):
    """A heading that groups terms of one vocabulary (violation types have eight)."""

    vocabulary = models.ForeignKey(Vocabulary, on_delete=models.CASCADE, related_name="groups")
    code = models.SlugField(max_length=60)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["vocabulary", "order", "code"]
        verbose_name = _("term group")
        verbose_name_plural = _("term groups")
        constraints = [models.UniqueConstraint(fields=["vocabulary", "code"], name="cases_group_unique_code")]


class Term(Translated):
    """One entry of a controlled vocabulary. ``code`` is stable: retire a term (``active``), never rename it."""

    class Match(models.TextChoices):
        EXACT = "exact", _("exact")
        CLOSE = "close", _("close")
        BROAD = "broad", _("broader HURIDOCS term")
        NARROW = "narrow", _("narrower HURIDOCS term")

    vocabulary = models.ForeignKey(Vocabulary, on_delete=models.PROTECT, related_name="terms")
    group = models.ForeignKey(TermGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="terms")
    code = models.SlugField(max_length=80)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_ru = models.TextField(_("description (Russian)"), blank=True)
    huridocs_thesaurus = models.CharField(_("HURIDOCS micro-thesaurus"), max_length=100, blank=True)
    huridocs_code = models.CharField(_("HURIDOCS code"), max_length=20, blank=True)
    huridocs_term = models.CharField(_("HURIDOCS term"), max_length=200, blank=True)
    huridocs_match = models.CharField(_("HURIDOCS match"), max_length=10, choices=Match.choices, blank=True)
    min_age = models.PositiveSmallIntegerField(null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0)
    active = models.BooleanField(_("active"), default=True)
    shipped = models.BooleanField(default=False, editable=False,
                                  help_text=_("Loaded from data/vocabularies/; the file is its source."))

    class Meta:
        ordering = ["vocabulary", "order", "code"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        constraints = [models.UniqueConstraint(fields=["vocabulary", "code"], name="cases_term_unique_code")]

    @property
    def description(self) -> str:
        return translated(self, "description")


class DataKey(models.Model):
    """A data-encryption key of one organisation (or of one country's self-reports), wrapped by the master key.

    ``wrapped_key`` is AES-GCM(master key, the 32-byte data key) bound to ``kid``
    and ``version``; ``master_key_id`` is the fingerprint of the master key that
    wrapped it, so ``observatory keys rotate`` knows what is left to re-wrap.
    """

    kid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="data_keys")
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="data_keys")
    version = models.PositiveIntegerField(default=1)
    wrapped_key = models.BinaryField(editable=False)
    master_key_id = models.CharField(max_length=16, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    rewrapped_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("data key")
        verbose_name_plural = _("data keys")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False, country__isnull=True)
                | Q(organisation__isnull=True, country__isnull=False),
                name="cases_datakey_one_owner",
            ),
            models.UniqueConstraint(fields=["organisation", "version"], condition=Q(organisation__isnull=False),
                                    name="cases_datakey_org_version"),
            models.UniqueConstraint(fields=["country", "version"], condition=Q(country__isnull=False),
                                    name="cases_datakey_country_version"),
        ]

    def __str__(self) -> str:
        return f"data key {str(self.kid)[:8]} v{self.version}"


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    VERIFIED = "verified", _("Verified")
    IN_RESPONSE = "in_response", _("In response")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class RejectionReason(models.TextChoices):
    NOT_A_VIOLATION = "not_a_violation", _("Not a rights violation")
    DUPLICATE = "duplicate", _("Duplicate of another case")
    OUT_OF_AREA = "out_of_area", _("Outside the network's countries")
    SPAM = "spam", _("Spam or abuse")
    WITHDRAWN = "withdrawn", _("Consent withdrawn")


class CaseEntity(models.Model):
    """One violation documented by several organisations: the cases a coordinator confirmed to be the same.

    Public statistics count entities: a case without an entity counts as one, the cases of an
    entity together count once (``observatory.cases.statistics``).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("violation entity")
        verbose_name_plural = _("violation entities")

    def __str__(self) -> str:
        return f"entity {str(self.uuid)[:8]}"


class Case(models.Model):
    """An event: what happened, where and when, with its consents and status."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="cases")
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="cases")
    region = models.CharField(_("region or city"), max_length=120, blank=True)
    occurred_on = models.DateField(_("date"), null=True, blank=True)
    occurred_precision = models.CharField(max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY)
    occurred_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    channel = models.ForeignKey(Term, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                limit_choices_to={"vocabulary__code": INTAKE_CHANNELS})
    status = models.CharField(_("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.DRAFT)
    self_reported = models.BooleanField(default=False, editable=False)
    consent_document = models.BooleanField(_("consent to document"), default=False)
    consent_share_network = models.BooleanField(_("consent to share with the network"), default=False)
    consent_advocacy = models.BooleanField(_("consent to use in advocacy"), default=False)
    consent_contact = models.BooleanField(_("consent to be contacted"), default=False)
    narrative_enc = models.BinaryField(null=True, blank=True, editable=False)
    documenter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="documented_cases")
    # Unique per organisation: another organisation's key neither collides nor reveals that it exists.
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    follow_up_digest = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    rejection_reason = models.CharField(max_length=20, choices=RejectionReason.choices, blank=True)
    entity = models.ForeignKey(CaseEntity, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
                               related_name="cases")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "idempotency_key"], name="cases_idempotency_per_org"),
        ]
        # The lists filter by country (coordinators) or organisation, often by status, newest first.
        indexes = [
            models.Index(fields=["country", "status", "-created_at"], name="cases_country_status_created"),
            models.Index(fields=["country", "-created_at"], name="cases_country_created"),
            models.Index(fields=["organisation", "status", "-created_at"], name="cases_org_status_created"),
            models.Index(fields=["organisation", "-created_at"], name="cases_org_created"),
            models.Index(fields=["country", "occurred_year", "status", "consent_share_network"],
                         name="cases_stats"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status not in (CaseStatus.CLOSED, CaseStatus.REJECTED)


class Victim(models.Model):
    """A person an act was committed against. Identity fields are ciphertexts; the rest is non-identifying."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="victims")
    name_enc = models.BinaryField(null=True, blank=True, editable=False)
    contact_enc = models.BinaryField(null=True, blank=True, editable=False)
    date_of_birth_enc = models.BinaryField(null=True, blank=True, editable=False)
    address_enc = models.BinaryField(null=True, blank=True, editable=False)
    client_code_enc = models.BinaryField(null=True, blank=True, editable=False)
    # HMAC of the normalised client code (a blind index) and the master-key fingerprint its key came from.
    client_code_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    client_code_index_key = models.CharField(max_length=16, blank=True, editable=False)
    # Keyed linkage features (``cases.linkkeys``): HMACs of the name's comparable form, of its consonant
    # skeleton and of the birth month, so that records of other organisations can be matched without
    # decrypting anything. ``link_index_key`` is the fingerprint of the master key they were made with.
    name_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    name_sound_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    birth_index = models.CharField(max_length=64, blank=True, editable=False)
    link_index_key = models.CharField(max_length=16, blank=True, editable=False)
    sex = models.ForeignKey(Term, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                            limit_choices_to={"vocabulary__code": SEXES})
    age_group = models.ForeignKey(Term, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                  limit_choices_to={"vocabulary__code": AGE_GROUPS})
    key_populations = models.ManyToManyField(Term, blank=True, related_name="+",
                                             limit_choices_to={"vocabulary__code": KEY_POPULATIONS})

    class Meta:
        ordering = ["pk"]
        verbose_name = _("victim")
        verbose_name_plural = _("victims")
        # Public statistics count cases by sex from this index alone.
        indexes = [models.Index(fields=["case", "sex"], name="cases_victim_case_sex")]

    def __str__(self) -> str:
        return f"victim {str(self.uuid)[:8]}"


class Act(models.Model):
    """What was done: one violation type against one victim, by one or more perpetrator types."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="acts")
    victim = models.ForeignKey(Victim, on_delete=models.CASCADE, null=True, blank=True, related_name="acts")
    violation = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="+",
                                  limit_choices_to={"vocabulary__code": VIOLATIONS})
    perpetrators = models.ManyToManyField(Term, blank=True, related_name="+",
                                          limit_choices_to={"vocabulary__code": PERPETRATORS})
    place_type = models.ForeignKey(Term, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   limit_choices_to={"vocabulary__code": PLACE_TYPES})
    consequences = models.ManyToManyField(Term, blank=True, related_name="+",
                                          limit_choices_to={"vocabulary__code": CONSEQUENCES})
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["case", "order", "pk"]
        verbose_name = _("act")
        verbose_name_plural = _("acts")
        # Public statistics count cases by violation (and reach perpetrators) from this index alone.
        indexes = [models.Index(fields=["case", "violation", "id"], name="cases_act_case_violation")]

    def __str__(self) -> str:
        return f"act {self.pk} of {self.case_id}"


class ResponseStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class ResponseOutcome(models.TextChoices):
    PENDING = "pending", _("Not known yet")
    ACHIEVED = "achieved", _("Achieved what was sought")
    PARTLY = "partly", _("Partly achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")


OPEN_RESPONSE_STATUSES = (ResponseStatus.PLANNED, ResponseStatus.IN_PROGRESS)


class Response(models.Model):
    """What was done about a case: legal aid, a complaint, a referral, with a follow-up date."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="responses")
    type = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="+",
                             limit_choices_to={"vocabulary__code": RESPONSE_TYPES})
    status = models.CharField(_("status"), max_length=12, choices=ResponseStatus.choices,
                              default=ResponseStatus.PLANNED)
    outcome = models.CharField(_("outcome"), max_length=12, choices=ResponseOutcome.choices,
                               default=ResponseOutcome.PENDING)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True, db_index=True)
    notes_enc = models.BinaryField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["case", "created_at", "pk"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"response {str(self.uuid)[:8]}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_RESPONSE_STATUSES


class Attachment(models.Model):
    """Evidence for a case. The file and its name are encrypted; images lose their metadata on upload."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveIntegerField(editable=False)
    filename_enc = models.BinaryField(null=True, blank=True, editable=False)
    content_enc = models.BinaryField(editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["case", "created_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return f"attachment {str(self.uuid)[:8]}"
