"""Recording an advocacy action on the staff pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from observatory.advocacy.models import EVIDENCE_KINDS, ActionKind, Outcome


class ActionForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"))
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Kind"), choices=ActionKind.choices)
    target = forms.CharField(label=_("Target institution"), max_length=300)
    ask = forms.CharField(label=_("What was asked"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    alliance = forms.CharField(label=_("Alliance"), max_length=200, required=False)
    evidence = forms.CharField(
        label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One item per line: its kind and its key, e.g. “indicator ost_clients” or “violations UKR/2024”. "
                    "Kinds: %(kinds)s. Never case records.") % {"kinds": ", ".join(EVIDENCE_KINDS)})
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    follow_up_on = forms.DateField(label=_("Follow up on"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.countries = {c.iso3: c for c in countries}
        self.fields["country"].choices = [(c.iso3, c.name) for c in countries]

    def clean_country(self):
        return self.countries[self.cleaned_data["country"]]

    def clean_evidence(self):
        items = []
        for number, line in enumerate(self.cleaned_data["evidence"].splitlines(), start=1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 2:
                raise forms.ValidationError(_("Line %(n)s: write a kind and a key separated by a space.") %
                                            {"n": number})
            items.append({"kind": parts[0], "ref": parts[1]})
        return items
