"""The public membership application form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from observatory.network.models import FOCUS_AREAS, LANGUAGES, MemberKind, MemberType


class ApplicationForm(forms.Form):
    kind = forms.ChoiceField(label=_("You apply as"), choices=MemberKind.choices, widget=forms.RadioSelect)
    name = forms.CharField(label=_("Name of the organisation, or your name"), max_length=200)
    type = forms.ChoiceField(label=_("Type"), choices=[("", "—"), *MemberType.choices], required=False)
    country = forms.ChoiceField(label=_("Country"))
    regional = forms.BooleanField(label=_("We work across the region"), required=False)
    focus = forms.MultipleChoiceField(label=_("Focus areas"), choices=list(FOCUS_AREAS.items()), required=False,
                                      widget=forms.CheckboxSelectMultiple)
    languages = forms.MultipleChoiceField(label=_("Working languages"), choices=sorted(LANGUAGES.items()),
                                          required=False, widget=forms.CheckboxSelectMultiple)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), help_text=_("We write to this address about your application."))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    public = forms.BooleanField(label=_("List us in the network's public directory (name, country, type and focus "
                                        "areas; never contacts)"), required=False)
    consent = forms.BooleanField(label=_("I agree that the network keeps these details to handle this application "
                                         "and my membership. Contacts are encrypted; only the network's secretariat "
                                         "and the coordinator for my country can see them."))

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.countries = {c.iso3: c for c in countries}
        self.fields["country"].choices = [("", "—"), *((c.iso3, c.name) for c in countries)]

    def clean_country(self):
        return self.countries[self.cleaned_data["country"]]


class CountryContactsForm(forms.Form):
    """A country from the ones given, and contacts that exist only for a reader who may see them."""

    country = forms.ChoiceField(label=_("Country"))
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)

    CONTACT_FIELDS = ("contact_name", "email", "phone")

    def __init__(self, *args, countries=(), with_contacts=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.countries = {c.iso3: c for c in countries}
        self.fields["country"].choices = [(c.iso3, c.name) for c in countries]
        if not with_contacts:
            for name in self.CONTACT_FIELDS:
                del self.fields[name]

    def clean_country(self):
        return self.countries[self.cleaned_data["country"]]


class MemberForm(CountryContactsForm):
    """A member's details on the staff pages; contacts appear only for a reader who may see them."""

    field_order = ["name", "type", "country", "regional", "focus", "languages", "website", "public",
                   *CountryContactsForm.CONTACT_FIELDS]

    name = forms.CharField(label=pgettext_lazy("member", "Name"), max_length=200)
    type = forms.ChoiceField(label=_("Type"), choices=[("", "—"), *MemberType.choices], required=False)
    regional = forms.BooleanField(label=_("Works across the region"), required=False)
    focus = forms.MultipleChoiceField(label=_("Focus areas"), choices=list(FOCUS_AREAS.items()), required=False,
                                      widget=forms.CheckboxSelectMultiple)
    languages = forms.MultipleChoiceField(label=_("Working languages"), choices=sorted(LANGUAGES.items()),
                                          required=False, widget=forms.CheckboxSelectMultiple)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    public = forms.BooleanField(label=_("Listed in the public directory (only with the member's consent)"),
                                required=False)
