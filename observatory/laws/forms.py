"""Query forms of the law pages (GET: every view is a plain link that works without JavaScript)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from observatory.countries.selectors import country_list_by_name
from observatory.laws.comparator import MAX_COUNTRIES


class DateForm(forms.Form):
    date = forms.DateField(label=_("State of the law on"), required=False,
                           widget=forms.DateInput(attrs={"type": "date"}),
                           help_text=_("Leave empty for the latest known state."))


class ReformForm(forms.Form):
    before = forms.DateField(label=_("Before"), widget=forms.DateInput(attrs={"type": "date"}))
    after = forms.DateField(label=_("After"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("before") and data.get("after") and data["after"] <= data["before"]:
            raise forms.ValidationError(_("The second date must be after the first."))
        return data


def country_choices():
    return [("", "—")] + [(c.iso3, c.name) for c in country_list_by_name()]


class CompareForm(DateForm):
    """Up to five countries, one select each: usable on a phone without a multi-select."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = country_choices()
        for i in range(1, MAX_COUNTRIES + 1):
            self.fields[f"c{i}"] = forms.ChoiceField(label=_("Country %(n)s") % {"n": i}, choices=choices,
                                                     required=False)
        self.order_fields([f"c{i}" for i in range(1, MAX_COUNTRIES + 1)] + ["date"])

    def selected(self) -> list[str]:
        codes = []
        for i in range(1, MAX_COUNTRIES + 1):
            code = self.cleaned_data.get(f"c{i}")
            if code and code not in codes:
                codes.append(code)
        return codes
