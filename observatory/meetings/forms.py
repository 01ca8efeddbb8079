from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from observatory.meetings.models import FollowUpStatus, MeetingKind, Sector
from observatory.meetings.services.registrations import LIMITS


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=LIMITS["name"],
                           help_text=_("As it should appear on your badge and certificate."))
    email = forms.EmailField(label=_("E-mail"), max_length=LIMITS["email"],
                             help_text=_("Your private link is sent here."))
    organisation = forms.CharField(label=_("Organisation"), max_length=LIMITS["organisation"], required=False)
    sector = forms.ChoiceField(label=_("Sector"), choices=[("", "—"), *Sector.choices])
    needs = forms.CharField(label=_("Accessibility or other needs"), max_length=LIMITS["needs"], required=False,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("Interpretation, step-free access, dietary or other needs. Seen only by "
                                        "the organisers."))
    consent = forms.BooleanField(
        label=_("I agree that the organisers keep these details, encrypted, to run this meeting, and that I can "
                "withdraw at any time through my private link."), required=False)


class MeetingForm(forms.Form):
    slug = forms.SlugField(label=_("Short name for the address"), max_length=80,
                           help_text=_("Lower-case letters, digits and hyphens, e.g. almaty-2027-workshop."))
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=300)
    description_en = forms.CharField(label=_("Description (English)"), required=False, max_length=6000,
                                     widget=forms.Textarea(attrs={"rows": 4}))
    description_ru = forms.CharField(label=_("Description (Russian)"), required=False, max_length=6000,
                                     widget=forms.Textarea(attrs={"rows": 4}))
    starts_on = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Last day"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                              help_text=_("Leave empty for a one-day meeting."))
    country = forms.ChoiceField(label=_("Country"), help_text=_("Where it is held; for an online meeting, the "
                                                                "country that hosts it."))
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    city_ru = forms.CharField(label=_("City in Russian"), max_length=120, required=False)
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    online = forms.BooleanField(label=_("Online"), required=False)
    organisers = forms.CharField(label=_("Organisers"), max_length=500, required=False)
    partners = forms.MultipleChoiceField(label=_("Partners"), required=False,
                                         widget=forms.CheckboxSelectMultiple)
    published = forms.BooleanField(label=_("Published (shown on the public calendar)"), required=False)
    registration_open = forms.BooleanField(label=_("Registration open"), required=False)

    def __init__(self, *args, countries, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.countries = {c.iso3: c for c in countries}
        self.partner_map = {str(p.uuid): p for p in partners}
        self.fields["country"].choices = [(c.iso3, c.name) for c in countries]
        self.fields["partners"].choices = [(str(p.uuid), p.name) for p in partners]

    def clean_country(self):
        return self.countries[self.cleaned_data["country"]]

    def clean_partners(self):
        return [self.partner_map[key] for key in self.cleaned_data["partners"]]


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = forms.DateTimeField(label=_("Ends"), required=False,
                                  widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    title_en = forms.CharField(label=_("Title (English)"), max_length=300)
    title_ru = forms.CharField(label=_("Title (Russian)"), max_length=300, required=False)
    speakers = forms.CharField(label=_("Speakers"), max_length=500, required=False)
    language = forms.CharField(label=pgettext_lazy("session", "Language"), max_length=40, required=False)
    interpretation = forms.CharField(label=_("Interpretation"), max_length=100, required=False,
                                     help_text=_("e.g. English–Russian simultaneous"))


class RecommendationForm(forms.Form):
    text_en = forms.CharField(label=_("Recommendation (English)"), max_length=3000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    text_ru = forms.CharField(label=_("Recommendation (Russian)"), max_length=3000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    review_items = forms.MultipleChoiceField(label=_("Commitments it serves"), required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = {str(i.pk): i for i in items}
        self.fields["review_items"].choices = [(str(i.pk), f"{i.process.title}: {i.number} {i.title}")
                                               for i in items]

    def clean_review_items(self):
        return [self.items[key] for key in self.cleaned_data["review_items"]]


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpStatus.choices)
    evidence = forms.CharField(label=_("Evidence"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("What shows this status: a decision, a law, a report, a meeting."))
    evidence_url = forms.URLField(label=_("Evidence address"), required=False, max_length=500)
