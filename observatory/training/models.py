"""Training: curricula and their modules, the toolkit library, pre- and post-tests and feedback.

A module's sessions are meetings (``observatory.meetings``): registration, attendance and certificates are
theirs. A test belongs to a meeting and is taken twice, before and after, by its participants through their
private link; its questions and answers are data. Results are shown to the organisers by participant
number, never by name, and the group's mean change carries its confidence interval.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from observatory.core.i18n import translated


class DocumentKind(models.TextChoices):
    GUIDE = "guide", _("Guide")
    MANUAL = "manual", _("Manual")
    REPORT = "report", _("Report")
    POLICY_BRIEF = "policy_brief", _("Policy brief")
    TRAINING_MATERIAL = "training_material", _("Training material")


TOOLKIT_THEMES = {
    "model_law": _("model non-repressive drug law"), "decriminalisation": _("decriminalisation"),
    "criminalisation_costs": _("costs of criminalisation"), "documentation": _("documenting violations"),
    "human_rights_reporting": _("reporting to human rights bodies"),
    "eu_strategy_review": _("EU Drugs Strategy review"),
    "advocacy": _("advocacy"), "harm_reduction": _("harm reduction"),
}


class ToolkitDocument(models.Model):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=400)
    title_ru = models.CharField(_("title in Russian"), max_length=400, blank=True,
                                help_text=_("Only where the publisher issued a Russian version."))
    publisher = models.CharField(_("publisher"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=DocumentKind.choices)
    languages = models.JSONField(default=list, blank=True)
    countries = models.ManyToManyField("countries.Country", blank=True, related_name="toolkit_documents")
    themes = models.JSONField(default=list, blank=True)
    url = models.URLField(_("address"), max_length=500)
    summary_en = models.TextField(_("summary (English)"), max_length=2000)
    summary_ru = models.TextField(_("summary (Russian)"), max_length=2000, blank=True)
    source_note = models.TextField(blank=True, help_text=_("Where the facts about the document were read."))

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("toolkit document")
        verbose_name_plural = _("toolkit documents")

    def __str__(self) -> str:
        return self.title

    @property
    def summary(self) -> str:
        return translated(self, "summary")


class Curriculum(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    title_en = models.CharField(max_length=300)
    title_ru = models.CharField(max_length=300)
    description_en = models.TextField(blank=True)
    description_ru = models.TextField(blank=True)
    published = models.BooleanField(default=False)

    class Meta:
        ordering = ["title_en"]
        verbose_name = _("curriculum")
        verbose_name_plural = _("curricula")

    def __str__(self) -> str:
        return self.slug

    @property
    def title(self) -> str:
        return translated(self, "title")

    @property
    def description(self) -> str:
        return translated(self, "description")


class Module(models.Model):
    curriculum = models.ForeignKey(Curriculum, on_delete=models.CASCADE, related_name="modules")
    position = models.PositiveSmallIntegerField(default=0)
    title_en = models.CharField(max_length=300)
    title_ru = models.CharField(max_length=300)
    summary_en = models.TextField(blank=True)
    summary_ru = models.TextField(blank=True)
    trainers = models.CharField(max_length=500, blank=True)
    documents = models.ManyToManyField(ToolkitDocument, blank=True, related_name="modules")
    meetings = models.ManyToManyField("meetings.Meeting", blank=True, related_name="training_modules")

    class Meta:
        ordering = ["curriculum", "position", "pk"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def __str__(self) -> str:
        return self.title_en

    @property
    def title(self) -> str:
        return translated(self, "title")

    @property
    def summary(self) -> str:
        return translated(self, "summary")


class Quiz(models.Model):
    """A test taken before and after a meeting. ``questions``: ``[{"id", "text_en", "text_ru", "options_en",
    "options_ru", "answer"}]``, ``answer`` being the index of the right option."""

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="quizzes")
    slug = models.SlugField(max_length=80)
    title_en = models.CharField(max_length=300)
    title_ru = models.CharField(max_length=300)
    questions = models.JSONField(default=list)

    class Meta:
        ordering = ["meeting", "slug"]
        verbose_name = _("test")
        verbose_name_plural = _("tests")
        constraints = [models.UniqueConstraint(fields=["meeting", "slug"], name="training_quiz_slug")]

    def __str__(self) -> str:
        return f"{self.meeting.slug}/{self.slug}"

    @property
    def title(self) -> str:
        return translated(self, "title")


class Phase(models.TextChoices):
    PRE = "pre", _("before the training")
    POST = "post", _("after the training")


class Attempt(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    registration = models.ForeignKey("meetings.Registration", on_delete=models.CASCADE, related_name="attempts")
    phase = models.CharField(max_length=4, choices=Phase.choices)
    answers = models.JSONField(default=dict)
    correct = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["quiz", "registration", "phase"]
        verbose_name = _("test attempt")
        verbose_name_plural = _("test attempts")
        constraints = [models.UniqueConstraint(fields=["quiz", "registration", "phase"],
                                               name="training_attempt_once_per_phase")]

    def __str__(self) -> str:
        return f"{self.quiz} {self.phase}"

    @property
    def score(self) -> float:
        return self.correct / self.total if self.total else 0.0


FEEDBACK_QUESTIONS = {
    "useful": _("How useful was the training for your work?"),
    "content": _("How clear was the content?"),
    "trainers": _("How well did the trainers explain?"),
    "organisation": _("How well was it organised?"),
}


class Feedback(models.Model):
    """A participant's answers to the feedback survey: ratings from 1 (poor) to 5 (very good), and a comment."""

    registration = models.OneToOneField("meetings.Registration", on_delete=models.CASCADE, related_name="feedback")
    ratings = models.JSONField(default=dict)
    comment = models.TextField(blank=True, max_length=3000)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"feedback {self.registration_id}"
