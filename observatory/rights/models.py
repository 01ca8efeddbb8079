"""UN human rights recommendations on drugs, their implementation round by round, strategic litigation
and alternatives to punishment: public reference data with sources, shipped in ``data/rights/``.

A recommendation's implementation is assessed by coordinators, one immutable record per assessment
(``Assessment``): the current status is the newest, and the earlier ones stay as its history.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Mechanism(models.TextChoices):
    UPR = "upr", _("Universal Periodic Review")
    CESCR = "cescr", _("Committee on Economic, Social and Cultural Rights")
    CEDAW = "cedaw", _("Committee on the Elimination of Discrimination against Women")
    CAT = "cat", _("Committee against Torture")
    HRC = "hrc", _("Human Rights Committee")
    CRC = "crc", _("Committee on the Rights of the Child")
    SP = "sp", _("Special procedures")


class Response(models.TextChoices):
    SUPPORTED = "supported", _("supported")
    NOTED = "noted", _("noted")


THEMES = {
    "drug_policy": _("drug policy"), "decriminalisation": _("decriminalisation"),
    "harm_reduction": _("harm reduction"), "ost": _("opioid substitution therapy"),
    "hiv_hcv": _("HIV and hepatitis C"), "detention": _("detention"), "police": _("police conduct"),
    "compulsory_treatment": _("compulsory treatment"), "death_penalty": _("death penalty"),
    "health": _("right to health"), "discrimination": _("discrimination"), "women": _("women"),
    "children": _("children"), "prisons": _("prisons"),
}


class Recommendation(models.Model):
    key = models.SlugField(max_length=200, unique=True, help_text=_("mechanism-symbol-paragraph, stable"))
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="recommendations")
    mechanism = models.CharField(_("mechanism"), max_length=5, choices=Mechanism.choices)
    cycle = models.CharField(_("cycle or session"), max_length=100, blank=True)
    date = models.DateField(_("date"))
    symbol = models.CharField(_("document symbol"), max_length=60)
    paragraph = models.CharField(_("paragraph"), max_length=20)
    recommending_state = models.CharField(_("recommending state"), max_length=200, blank=True)
    response = models.CharField(_("response"), max_length=9, choices=Response.choices, blank=True)
    text_en = models.TextField()
    text_ru = models.TextField(blank=True)
    text_ru_is_translation = models.BooleanField(default=False, help_text=_(
        "The Russian text is the platform's translation, not the UN's."))
    themes = models.JSONField(default=list, blank=True)
    source_url = models.URLField(max_length=500)
    note = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country__iso3", "-date", "mechanism", "paragraph"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        indexes = [models.Index(fields=["country", "mechanism"], name="rights_rec_country_mech")]

    def __str__(self) -> str:
        return f"{self.symbol} ¶{self.paragraph}"

    @property
    def text(self) -> str:
        """The text in the active language; English (as issued) when there is no Russian."""
        return self.text_ru if get_language() == "ru" and self.text_ru else self.text_en

    @property
    def text_is_translation(self) -> bool:
        return get_language() == "ru" and bool(self.text_ru) and self.text_ru_is_translation


class Implementation(models.TextChoices):
    NOT = "not", _("not implemented")
    PARTLY = "partly", _("partly implemented")
    FULLY = "fully", _("fully implemented")


class Assessment(models.Model):
    """One coordinator's assessment of a recommendation's implementation in one round; never changed."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="assessments")
    round = models.PositiveSmallIntegerField(_("round (year)"))
    status = models.CharField(_("status"), max_length=6, choices=Implementation.choices)
    evidence = models.TextField(_("evidence"), max_length=4000)
    laws = models.ManyToManyField("laws.LegalProvision", blank=True, related_name="+")
    events = models.ManyToManyField("events.PolicyEvent", blank=True, related_name="+")
    indicators = models.JSONField(default=list, blank=True, help_text=_("Indicator codes."))
    review_items = models.ManyToManyField("reviews.ReviewItem", blank=True, related_name="+")
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    assessed_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-round", "-assessed_at", "-pk"]
        verbose_name = _("implementation assessment")
        verbose_name_plural = _("implementation assessments")


class Court(models.TextChoices):
    ECTHR = "ecthr", _("European Court of Human Rights")
    UN_TREATY_BODY = "un_treaty_body", _("UN treaty body (individual communication)")
    CONSTITUTIONAL = "constitutional_court", _("Constitutional court")
    SUPREME = "supreme_court", _("Supreme court")
    OTHER = "other", _("Other court")


RIGHTS = {
    "life": _("life"), "torture": _("freedom from torture and ill-treatment"), "liberty": _("liberty"),
    "fair_trial": _("fair trial"), "private_life": _("private life"), "health": _("health"),
    "non_discrimination": _("non-discrimination"), "expression": _("expression"),
    "effective_remedy": _("effective remedy"),
}


class CourtCase(models.Model):
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="court_cases")
    court = models.CharField(_("court"), max_length=20, choices=Court.choices)
    title = models.CharField(_("case"), max_length=300)
    reference = models.CharField(_("reference"), max_length=300)
    judgment_date = models.DateField(_("judgment date"))
    rights = models.JSONField(default=list, blank=True)
    outcome = models.TextField(_("outcome"))
    requires = models.TextField(_("what it requires of the state"), blank=True)
    execution_status = models.CharField(_("execution"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    source_url = models.URLField(max_length=500)
    note = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country__iso3", "-judgment_date"]
        verbose_name = _("court case")
        verbose_name_plural = _("court cases")
        constraints = [models.UniqueConstraint(fields=["court", "reference"], name="rights_case_reference")]

    def __str__(self) -> str:
        return self.title


class AlternativeKind(models.TextChoices):
    POLICE_REFERRAL = "police_referral", _("Police referral to services")
    ALTERNATIVE_TO_PRISON = "alternative_to_prison", _("Alternative to imprisonment")
    TREATMENT_INSTEAD = "treatment_instead", _("Treatment instead of punishment")
    DRUG_COURT = "drug_court", _("Drug court")
    COMMISSION = "commission", _("Commission (dissuasion)")
    OTHER = "other", _("Other")


# The model-law provision a kind of measure gives effect to, unless the record names another.
KIND_PROVISION = {
    "police_referral": "diversion", "commission": "diversion", "drug_court": "diversion",
    "alternative_to_prison": "alternatives_to_prison", "treatment_instead": "alternatives_to_prison", "other": "",
}
ALTERNATIVE_PROVISIONS = ("diversion", "alternatives_to_prison")


class AlternativeStatus(models.TextChoices):
    ACTIVE = "active", _("in practice")
    PILOT = "pilot", _("pilot")
    IN_LAW = "in_law_not_practice", _("in law, little used in practice")
    ENDED = "ended", _("ended")
    UNKNOWN = "unknown", _("not known")


class Alternative(models.Model):
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="alternatives")
    name_en = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=25, choices=AlternativeKind.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=500, blank=True)
    # The model-law provision the measure gives effect to, and the country's current version of it (the law
    # version), where the law data hold one.
    model_provision = models.CharField(_("model-law provision"), max_length=60, blank=True)
    legal_provision = models.ForeignKey("laws.LegalProvision", on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="+")
    started = models.PositiveSmallIntegerField(_("started"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=AlternativeStatus.choices)
    scale = models.CharField(_("scale"), max_length=300, blank=True)
    scale_number = models.PositiveIntegerField(null=True, blank=True)
    scale_year = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    source_url = models.URLField(max_length=500)
    source_title = models.CharField(max_length=500, blank=True)
    note = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["country__iso3", "name_en"]
        verbose_name = _("alternative to punishment")
        verbose_name_plural = _("alternatives to punishment")
        constraints = [models.UniqueConstraint(fields=["country", "name_en"], name="rights_alternative_name")]

    def __str__(self) -> str:
        return self.name_en

    @property
    def law_status_label(self) -> str:
        """How the linked law version stands against the model law (meets, partly meets...), or ""."""
        from observatory.laws import labels
        from observatory.laws.comparator import version_status

        return str(labels.JUDGEMENT_LABELS[version_status(self.legal_provision)]) if self.legal_provision else ""
