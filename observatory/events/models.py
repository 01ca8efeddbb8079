"""Policy events: what a government did, when (as precisely as the source says), with its sources.

Events are public once published. Each has a stable ``slug`` (the ``id`` in
``data/events/policy_events.yaml``), which is also its identifier in the API and
its address on the site.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from observatory.core.i18n import translated
from observatory.countries.models import Country
from observatory.events import dates


class EventType(models.TextChoices):
    LAW_CHANGE = "law_change", _("Law change")
    DECRIMINALISATION = "decriminalisation", _("Decriminalisation or depenalisation")
    RECRIMINALISATION = "recriminalisation", _("Recriminalisation")
    POLICE_CRACKDOWN = "police_crackdown", _("Police crackdown or raids")
    OST_INTRODUCED = "ost_introduced", _("OST introduced")
    OST_SCALED_UP = "ost_scaled_up", _("OST scaled up")
    OST_INTERRUPTED = "ost_interrupted", _("OST interrupted")
    HR_FUNDING_CUT = "hr_funding_cut", _("Harm reduction funding cut")
    HR_FUNDING_INCREASE = "hr_funding_increase", _("Harm reduction funding increase")
    GLOBAL_FUND_TRANSITION = "global_fund_transition", _("Global Fund transition")
    COURT_RULING = "court_ruling", _("Court ruling")


class DatePrecision(models.TextChoices):
    DAY = dates.DAY, _("day")
    MONTH = dates.MONTH, _("month")
    YEAR = dates.YEAR, _("year")


class Origin(models.TextChoices):
    # A shipped event changed by staff becomes STAFF, and ``observatory setup`` then leaves it alone.
    DATA = "data", _("shipped data file")
    STAFF = "staff", _("staff")


# Paths under /events/ that an event slug must not take.
RESERVED_SLUGS = frozenset({"staff", "new", "api"})


class PolicyEvent(models.Model):
    slug = models.SlugField(_("identifier"), max_length=100, unique=True,
                            help_text=_("Stable address of the event, e.g. ukr-2018-state-funded-ost."))
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="policy_events",
                                verbose_name=_("country"))
    date = models.DateField(_("date"), help_text=_("The first day of the period when only a month or year is known."))
    precision = models.CharField(_("date precision"), max_length=5, choices=DatePrecision.choices)
    # ``date`` is when the change took effect (the date analyses use); a law adopted earlier keeps that day here.
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True,
                                  help_text=_("When the act was adopted, where it took effect later (the date above)."))
    type = models.CharField(_("type"), max_length=32, choices=EventType.choices)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_ru = models.CharField(_("title (Russian)"), max_length=200)
    description_en = models.TextField(_("description (English)"), max_length=5000)
    description_ru = models.TextField(_("description (Russian)"), max_length=5000)
    published = models.BooleanField(_("published"), default=False)
    origin = models.CharField(_("origin"), max_length=5, choices=Origin.choices, default=Origin.STAFF,
                              editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["date", "slug"]
        verbose_name = _("policy event")
        verbose_name_plural = _("policy events")
        indexes = [
            models.Index(fields=["country", "date"]),
            models.Index(fields=["published", "date"]),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(precision__in=DatePrecision.values),
                                   name="events_policyevent_precision_valid"),
            models.CheckConstraint(condition=models.Q(type__in=EventType.values), name="events_policyevent_type_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.date_iso} {self.title}"

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This identifier is reserved; choose another.")})
        if self.date and self.precision and dates.period_start(self.date, self.precision) != self.date:
            raise ValidationError({"date": _("A date known only to the month or year is stored as the first day "
                                             "of that month or year.")})

    @property
    def title(self) -> str:
        """The title in the active language (the other language when that one is empty)."""
        return translated(self, "title", both_ways=True)

    @property
    def description(self) -> str:
        return translated(self, "description", both_ways=True)

    @property
    def date_label(self) -> str:
        """The date in words in the active language, as precise as the source: ``March 2014``."""
        return dates.date_label(self.date, self.precision)

    def date_label_in(self, language: str) -> str:
        return dates.date_label(self.date, self.precision, language)

    @property
    def date_iso(self) -> str:
        """``2010``, ``2014-03`` or ``2010-01-01``: the value of an HTML ``<time datetime>``."""
        return dates.date_iso(self.date, self.precision)


class EventSource(models.Model):
    """A document that states the event. ``quote`` lets staff check the event; it is never published."""

    event = models.ForeignKey(PolicyEvent, on_delete=models.CASCADE, related_name="sources",
                              verbose_name=_("event"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(
        _("title"), max_length=300,
        help_text=_("Publisher, document title and year, e.g. “EMCDDA, Drugnet Europe no. 69, 2010”."))
    url = models.URLField(_("link"), max_length=500, validators=[URLValidator(schemes=["http", "https"])])
    quote = models.TextField(_("quote (for checking, not published)"), max_length=2000, blank=True)

    class Meta:
        ordering = ["event", "position", "pk"]
        verbose_name = _("event source")
        verbose_name_plural = _("event sources")

    def __str__(self) -> str:
        return self.title
