"""The implementation assessment form on a recommendation's page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from observatory.rights.models import Implementation


class AssessmentForm(forms.Form):
    round = forms.IntegerField(label=_("Round (year of the assessment)"), min_value=1990, max_value=2100)
    status = forms.ChoiceField(label=pgettext_lazy("assessment", "Implementation"),
                               choices=Implementation.choices)
    evidence = forms.CharField(label=pgettext_lazy("assessment", "Evidence"), max_length=4000,
                               widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("What shows this status, with its source: a law, a figure, a report."))
    laws = forms.MultipleChoiceField(label=_("Law versions"), required=False, widget=forms.CheckboxSelectMultiple)
    events = forms.MultipleChoiceField(label=_("Policy events"), required=False, widget=forms.CheckboxSelectMultiple)
    indicators = forms.CharField(label=_("Indicators"), required=False, max_length=500,
                                 help_text=_("Indicator codes separated by spaces, e.g. ost_clients hiv_pwid."))

    def __init__(self, *args, laws=(), events=(), indicator_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.laws = {str(v.pk): v for v in laws}
        self.events = {e.slug: e for e in events}
        self.indicator_codes = set(indicator_codes)
        self.fields["laws"].choices = [(str(v.pk), f"{v.provision.label}: {v.value}"
                                        + (f" ({v.valid_from_display})" if v.valid_from_display else ""))
                                       for v in laws]
        self.fields["events"].choices = [(e.slug, f"{e.date:%Y} {e.title}") for e in events]
        for name in ("laws", "events"):  # nothing to choose: no empty box
            if not self.fields[name].choices:
                del self.fields[name]

    def clean_laws(self):
        return [self.laws[key] for key in self.cleaned_data["laws"]]

    def clean_events(self):
        return [self.events[key] for key in self.cleaned_data["events"]]

    def clean(self):
        data = super().clean()
        data.setdefault("laws", [])
        data.setdefault("events", [])
        return data

    def clean_indicators(self):
        codes = self.cleaned_data["indicators"].split()
        unknown = [c for c in codes if c not in self.indicator_codes]
        if unknown:
            raise forms.ValidationError(_("Unknown indicator codes: %(codes)s.") % {"codes": ", ".join(unknown)})
        return codes
