"""Partner, contact-history and alliance forms on the staff pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from observatory.network.forms import CountryContactsForm
from observatory.partners.models import RELATIONSHIPS, AllianceStatus, Channel, PartnerKind


class PartnerForm(CountryContactsForm):
    field_order = ["name", "kind", "relationships", "country", "regional", "website", "notes", "active",
                   *CountryContactsForm.CONTACT_FIELDS]

    name = forms.CharField(label=pgettext_lazy("organisation", "Name"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=PartnerKind.choices)
    relationships = forms.MultipleChoiceField(label=_("Relationship"), choices=list(RELATIONSHIPS.items()),
                                              required=False, widget=forms.CheckboxSelectMultiple)
    regional = forms.BooleanField(label=_("Works across the region (every coordinator sees it)"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    notes = forms.CharField(label=_("Notes"), max_length=4000, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("What the network should know about this partner. No personal data here: "
                                        "contacts go in the fields below, which are encrypted."))
    active = forms.BooleanField(label=_("Active relationship"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].help_text = _("Where the relationship is kept.")


class ContactForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    channel = forms.ChoiceField(label=_("How"), choices=Channel.choices)
    summary = forms.CharField(label=_("What was discussed or agreed"), max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 3}))


class AllianceForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("organisation", "Name"), max_length=200)
    country = forms.ChoiceField(label=_("Country"), required=False)
    purpose = forms.CharField(label=_("Purpose"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
    started_on = forms.DateField(label=_("Started on"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))
    status = forms.ChoiceField(label=_("Status"), choices=AllianceStatus.choices)
    members = forms.MultipleChoiceField(label=_("Member organisations"), required=False,
                                        widget=forms.CheckboxSelectMultiple)
    public = forms.BooleanField(label=_("List publicly (only when every member organisation agreed)"),
                                required=False)

    def __init__(self, *args, countries=(), regional=False, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.countries = {c.iso3: c for c in countries}
        self.fields["country"].choices = [*([("", _("— regional (no single country)"))] if regional else []),
                                          *((c.iso3, c.name) for c in countries)]
        self.fields["country"].required = not regional
        self.member_records = {str(m.uuid): m for m in members}
        self.fields["members"].choices = [(str(m.uuid), f"{m.name} ({m.country.iso3})") for m in members]

    def clean_country(self):
        return self.countries.get(self.cleaned_data["country"])

    def clean_members(self):
        return [self.member_records[key] for key in self.cleaned_data["members"]]
