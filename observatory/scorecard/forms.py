"""Forms of the expert survey (the rules live in the services; these only collect input)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from observatory.scorecard.models import Confidence


def _choices(question):
    return [(o["value"], question.option_label(o["value"])) for o in question.options]


class AnswerForm(forms.Form):
    option = forms.ChoiceField(label=_("Your answer"), widget=forms.RadioSelect)
    evidence = forms.CharField(label=_("Evidence"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000,
                               help_text=_("What the answer rests on: documents, cases, reports. Do not name "
                                           "people who could be harmed."))
    evidence_url = forms.URLField(label=_("Link to the evidence (optional)"), required=False, max_length=1000,
                                  assume_scheme="https")
    confidence = forms.ChoiceField(label=_("Your confidence"), choices=Confidence.choices)

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = _choices(question)


class FinalForm(forms.Form):
    option = forms.ChoiceField(label=_("Final answer"), widget=forms.RadioSelect)
    evidence = forms.CharField(label=_("Evidence (published with the index)"),
                               widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = _choices(question)
