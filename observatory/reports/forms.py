from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from observatory.reports.models import BriefText


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
