from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from observatory.reports.models import SUBMISSION_MECHANISMS, BriefText, Language, SubmissionDraft


class BriefTextForm(forms.Form):
    introduction = forms.CharField(
        label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        max_length=BriefText._meta.get_field("introduction").max_length,
        help_text=_("Printed at the top of the brief. Separate paragraphs with an empty line. Leave empty for the "
                    "standard introduction."))
    recommendations = forms.CharField(
        label=_("Recommendations"), required=False, widget=forms.Textarea(attrs={"rows": 12}),
        max_length=BriefText._meta.get_field("recommendations").max_length,
        help_text=_("One recommendation per paragraph: separate them with an empty line. Leave empty to print "
                    "the recommendations drawn from the model-law gaps."))


def _max(name: str) -> int:
    return SubmissionDraft._meta.get_field(name).max_length


class SubmissionStartForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"))
    mechanism = forms.ChoiceField(label=_("Mechanism"), choices=SUBMISSION_MECHANISMS)
    language = forms.ChoiceField(label=_("Language"), choices=Language.choices)

    def __init__(self, *args, countries, **kwargs):
        """``countries``: those the reader may start a draft for, in the order to list them."""
        super().__init__(*args, **kwargs)
        self.countries = {c.iso3: c for c in countries}
        self.fields["country"].choices = [(c.iso3, c.name) for c in countries]

    def clean_country(self):
        return self.countries[self.cleaned_data["country"]]


class SubmissionDraftForm(forms.Form):
    title = forms.CharField(label=_("Title"), required=False, max_length=_max("title"),
                            help_text=_("Leave empty for “Country: drug policy and human rights”."))
    submitters = forms.CharField(
        label=_("Submitted by"), required=False, max_length=_max("submitters"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The organisations that submit, one per paragraph. Name no person whose safety it could "
                    "endanger."))
    introduction = forms.CharField(
        label=_("Introduction"), required=False, max_length=_max("introduction"),
        widget=forms.Textarea(attrs={"rows": 5}), help_text=_("Separate paragraphs with an empty line."))
    findings = forms.CharField(
        label=_("Findings of the submitting organisations"), required=False, max_length=_max("findings"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("What your organisations found, in your own words. Never a name or a detail that identifies a "
                    "person: the submission will be public."))
    recommendations = forms.CharField(
        label=_("Recommendations"), required=False, max_length=_max("recommendations"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("One recommendation per paragraph: separate them with an empty line. Leave empty to print the "
                    "suggested ones."))
