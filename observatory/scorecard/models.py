"""The expert survey behind the scorecard's judgement inputs.

Questions (English and Russian) are assigned to country experts for a survey year; each
expert answers with evidence and a confidence level; several experts may rate the same
unit (question x country x year), and a reviewer finalises one answer per unit. Only the
finalised answer enters the index, as ``survey:<question code>``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from observatory.core.i18n import in_language, translated


class SurveyQuestion(models.Model):
    code = models.SlugField(max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    dimension = models.CharField(max_length=60, blank=True, help_text=_("The framework dimension it feeds."))
    text_en = models.TextField()
    text_ru = models.TextField()
    help_en = models.TextField(blank=True)
    help_ru = models.TextField(blank=True)
    options = models.JSONField(default=list, help_text=_("Ordered answers: value, label_en, label_ru, score (0-100 "
                                                         "or null for 'not applicable')."))
    active = models.BooleanField(default=True)
    shipped = models.BooleanField(default=False, help_text=_("Loaded from data/scorecard/survey.yaml by setup."))

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")

    def __str__(self) -> str:
        return self.code

    @property
    def text(self) -> str:
        return translated(self, "text")

    @property
    def help(self) -> str:
        return translated(self, "help")

    def option(self, value: str) -> dict | None:
        return next((o for o in self.options if o.get("value") == value), None)

    def option_label(self, value: str) -> str:
        option = self.option(value)
        if option is None:
            return value
        return in_language(option.get("label_en", value), option.get("label_ru"))

    def option_score(self, value: str) -> float | None:
        option = self.option(value)
        return None if option is None or option.get("score") is None else float(option["score"])


class SurveyAssignment(models.Model):
    """One expert asked to rate one question for one country in one survey year."""

    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="assignments")
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    expert = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="survey_assignments")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["year", "country__iso3", "question__position"]
        verbose_name = _("survey assignment")
        verbose_name_plural = _("survey assignments")
        constraints = [models.UniqueConstraint(fields=["question", "country", "year", "expert"],
                                               name="survey_assignment_unique")]

    def __str__(self) -> str:
        return f"{self.question_id}/{self.country_id}/{self.year} → {self.expert_id}"


class Confidence(models.TextChoices):
    LOW = "low", _("low")
    MEDIUM = "medium", _("medium")
    HIGH = "high", _("high")


class SurveyAnswer(models.Model):
    """An expert's answer to an assignment, with evidence and confidence."""

    assignment = models.OneToOneField(SurveyAssignment, on_delete=models.CASCADE, related_name="answer")
    option = models.CharField(_("answer"), max_length=60)
    score = models.FloatField(null=True, blank=True)
    evidence = models.TextField(_("evidence"))
    evidence_url = models.URLField(_("link to the evidence"), max_length=1000, blank=True)
    confidence = models.CharField(_("confidence"), max_length=6, choices=Confidence.choices)
    answered_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")

    def __str__(self) -> str:
        return f"{self.assignment} = {self.option}"

    @property
    def option_label(self) -> str:
        return self.assignment.question.option_label(self.option)


class SurveyFinal(models.Model):
    """The reviewer's final answer for one unit (question x country x year): the value the index uses."""

    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="finals")
    country = models.ForeignKey("countries.Country", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    option = models.CharField(_("final answer"), max_length=60)
    score = models.FloatField(null=True, blank=True)
    evidence = models.TextField(_("evidence (published)"))
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                 related_name="+")
    finalised_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["year", "country__iso3", "question__position"]
        verbose_name = _("finalised survey answer")
        verbose_name_plural = _("finalised survey answers")
        constraints = [models.UniqueConstraint(fields=["question", "country", "year"], name="survey_final_unique")]

    def __str__(self) -> str:
        return f"{self.question_id}/{self.country_id}/{self.year} = {self.option}"

    @property
    def option_label(self) -> str:
        return self.question.option_label(self.option)
