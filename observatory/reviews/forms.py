"""Forms of the review tracker. They check input shape; the services decide and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from observatory.reviews.models import Status

TEXTAREA = {"rows": 4}


class AssessmentForm(forms.Form):
    status = forms.ChoiceField(label=pgettext_lazy("review tracker", "Status"), choices=Status.choices,
                               widget=forms.RadioSelect, error_messages={"required": _("Choose a status.")})
    comment_en = forms.CharField(label=_("Comment (English)"), required=False, max_length=5000,
                                 widget=forms.Textarea(attrs=TEXTAREA))
    comment_ru = forms.CharField(label=_("Comment (Russian)"), required=False, max_length=5000,
                                 widget=forms.Textarea(attrs=TEXTAREA))


class EvidenceLinkForm(forms.Form):
    url = forms.URLField(label=pgettext_lazy("review tracker", "Link"), required=False, max_length=500,
                         assume_scheme="https",
                         widget=forms.URLInput(attrs={"inputmode": "url", "placeholder": "https://"}))
    title = forms.CharField(label=pgettext_lazy("review tracker", "Title"), required=False, max_length=300)

    def clean(self):
        data = super().clean()
        url, title = data.get("url"), (data.get("title") or "").strip()
        if url and not title:
            self.add_error("title", _("Give the title of the linked document."))
        if title and not url and "url" not in self.errors:
            self.add_error("url", _("Give the link to the document."))
        return data


class BaseEvidenceFormSet(forms.BaseFormSet):
    def links(self) -> list[dict]:
        return [{"url": f.cleaned_data["url"], "title": f.cleaned_data["title"]}
                for f in self.forms if f.cleaned_data.get("url")]


EvidenceFormSet = forms.formset_factory(EvidenceLinkForm, formset=BaseEvidenceFormSet, extra=2, max_num=20,
                                        validate_max=True)


def evidence_formset(data=None, *, links=()) -> BaseEvidenceFormSet:
    """Existing links first, then two empty rows (the page works without JavaScript)."""
    return EvidenceFormSet(data, prefix="evidence", initial=[dict(link) for link in links])


class CountryReportForm(forms.Form):
    introduction_en = forms.CharField(label=_("Introduction (English)"), required=False, max_length=20000,
                                      widget=forms.Textarea(attrs={"rows": 6}))
    introduction_ru = forms.CharField(label=_("Introduction (Russian)"), required=False, max_length=20000,
                                      widget=forms.Textarea(attrs={"rows": 6}))
    funding_amount = forms.DecimalField(label=_("State funding for harm reduction (amount)"), required=False,
                                        min_value=0, max_digits=16, decimal_places=2,
                                        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}))
    funding_currency = forms.CharField(label=_("Currency (ISO code, e.g. UAH)"), required=False, max_length=3)
    funding_year = forms.IntegerField(label=_("Year the amount is for"), required=False, min_value=1990,
                                      max_value=2100)
    funding_source_title = forms.CharField(label=_("Source"), required=False, max_length=300)
    funding_source_url = forms.URLField(label=_("Link to the source"), required=False, max_length=500,
                                        assume_scheme="https")
    funding_note_en = forms.CharField(label=_("Note on funding (English)"), required=False, max_length=5000,
                                      widget=forms.Textarea(attrs=TEXTAREA))
    funding_note_ru = forms.CharField(label=_("Note on funding (Russian)"), required=False, max_length=5000,
                                      widget=forms.Textarea(attrs=TEXTAREA))


class RoundCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
