"""Forms of the policy events pages. They check the shape of the input; the services decide and write."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from observatory.countries.selectors import country_list_by_name
from observatory.events.models import DatePrecision, EventType


def _country_choices() -> list[tuple[str, str]]:
    return [(c.iso3, c.name) for c in country_list_by_name()]


class TimelineFilterForm(forms.Form):
    """The public timeline's filters (a GET form: a filtered timeline is a link)."""

    country = forms.ChoiceField(label=_("Country"), required=False)
    type = forms.MultipleChoiceField(label=_("Type of event"), required=False, choices=EventType.choices,
                                     widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("All countries"))] + _country_choices()


class EventForm(forms.Form):
    """An event as staff enter it. The date is a year, optionally a month and a day: its precision follows."""

    slug = forms.SlugField(label=_("Identifier"), required=False, max_length=100,
                           help_text=_("Part of the event's address and its id in the API. Leave empty to make one "
                                       "from the country, year and English title; it cannot be changed later."))
    country = forms.ChoiceField(label=_("Country"))
    year = forms.IntegerField(label=_("Year"), min_value=1900, max_value=2100,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    month = forms.TypedChoiceField(label=_("Month (if the source gives it)"), required=False, coerce=int,
                                   empty_value=None)
    day = forms.IntegerField(label=_("Day (if the source gives it)"), required=False, min_value=1, max_value=31,
                             widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    type = forms.ChoiceField(label=_("Type of event"), choices=[("", "—")] + EventType.choices)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=200)
    description_en = forms.CharField(label=_("Description (English)"), max_length=5000,
                                     widget=forms.Textarea(attrs={"rows": 5}))
    description_ru = forms.CharField(label=_("Description (Russian)"), max_length=5000,
                                     widget=forms.Textarea(attrs={"rows": 5}))
    published = forms.BooleanField(label=_("Published (shown to everyone)"), required=False)

    # The service checks the stored date and precision; the form shows them as the year, month and day.
    FIELD_FOR_ERROR = {"date": "year", "precision": "year"}

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—")] + _country_choices()
        self.fields["month"].choices = [("", _("not known"))] + [(str(n), name) for n, name in MONTHS.items()]
        if editing:
            del self.fields["slug"]

    @staticmethod
    def initial_for(event) -> dict:
        precise = {DatePrecision.MONTH: ("month",), DatePrecision.DAY: ("month", "day")}.get(event.precision, ())
        return {
            "country": event.country.iso3, "year": event.date.year,
            "month": event.date.month if "month" in precise else None,
            "day": event.date.day if "day" in precise else None,
            **{key: getattr(event, key) for key in ("type", "title_en", "title_ru", "description_en",
                                                    "description_ru", "published")},
        }

    def clean(self):
        data = super().clean()
        year, month, day = data.get("year"), data.get("month"), data.get("day")
        if year is None:
            return data
        if day and not month:
            self.add_error("month", _("Give the month when you give the day."))
            return data
        try:
            data["date"] = datetime.date(year, month or 1, day or 1)
        except ValueError:
            self.add_error("day", _("This day does not exist in that month."))
            return data
        data["precision"] = DatePrecision.DAY if day else DatePrecision.MONTH if month else DatePrecision.YEAR
        return data

    def event_values(self) -> dict:
        """The cleaned values as the services take them."""
        data = self.cleaned_data
        keys = ("country", "date", "precision", "type", "title_en", "title_ru", "description_en", "description_ru",
                "published")
        return {key: data[key] for key in keys}


class SourceForm(forms.Form):
    title = forms.CharField(label=_("Publisher, title and year"), required=False, max_length=300)
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https",
                         widget=forms.URLInput(attrs={"inputmode": "url", "placeholder": "https://"}))
    quote = forms.CharField(label=_("Quote that states the event (for checking; never published)"), required=False,
                            max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("url") and not (data.get("title") or "").strip():
            self.add_error("title", _("Give the publisher and title of the linked document."))
        if (data.get("title") or "").strip() and not data.get("url") and "url" not in self.errors:
            self.add_error("url", _("Give the link to the document."))
        return data


class BaseSourceFormSet(forms.BaseFormSet):
    def sources(self) -> list[dict]:
        return [{key: f.cleaned_data.get(key) or "" for key in ("title", "url", "quote")}
                for f in self.forms if f.cleaned_data and any(f.cleaned_data.values())]


SourceFormSet = forms.formset_factory(SourceForm, formset=BaseSourceFormSet, extra=2, max_num=20, validate_max=True)


def source_formset(data=None, *, event=None) -> BaseSourceFormSet:
    """The event's sources first, then two empty rows (the page works without JavaScript)."""
    initial = [{"title": s.title, "url": s.url, "quote": s.quote} for s in event.sources.all()] if event else []
    return SourceFormSet(data, prefix="sources", initial=initial)


def error_summary(form: forms.Form, formset: BaseSourceFormSet, source_errors: list[str]) -> list[dict]:
    """Every error on the page, each naming its field and linking to it (``label``, ``message``, ``anchor``)."""
    summary = []
    for name, errors in form.errors.items():
        field = form[name] if name in form.fields else None
        for message in errors:
            summary.append({"label": field.label if field else "", "message": message,
                            "anchor": field.id_for_label if field else "event-form"})
    for number, source_form in enumerate(formset.forms, start=1):
        for name, errors in source_form.errors.items():
            field = source_form[name] if name in source_form.fields else None
            label = _("Source %(n)s: %(field)s") % {"n": number, "field": field.label if field else ""}
            for message in errors:
                summary.append({"label": label, "message": message,
                                "anchor": field.id_for_label if field else "sources"})
    for message in list(formset.non_form_errors()) + list(source_errors):
        summary.append({"label": _("Sources"), "message": message, "anchor": "sources"})
    return summary
