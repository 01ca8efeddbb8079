"""The GET forms of the impact pages: the chooser (event and outcome) and the model options."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from observatory.impact import rules


class OptionsForm(forms.Form):
    """Model options, kept in the page's address so that a permalink reproduces the analysis."""

    family = forms.ChoiceField(
        label=_("Model family"), required=False,
        choices=[("", _("Automatic: quasi-Poisson for counts, Gaussian for rates and percentages")),
                 ("quasipoisson", _("Quasi-Poisson")), ("poisson", _("Poisson")),
                 ("gaussian", _("Gaussian (linear)"))],
    )
    slope = forms.BooleanField(label=_("Also estimate a change of trend after the event"), required=False)
    hac = forms.IntegerField(
        label=_("Newey–West (HAC) lags"), required=False, min_value=0, max_value=rules.MAX_HAC_LAGS,
        help_text=_("Standard errors robust to autocorrelation; leave empty for model-based errors."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 3}),
    )

    def options(self) -> dict:
        """``{"family", "slope_change", "hac_lags"}`` from valid data, the defaults otherwise."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {"family": data.get("family") or None, "slope_change": bool(data.get("slope")),
                "hac_lags": data.get("hac")}

    @staticmethod
    def query(options: dict) -> dict:
        """The non-default options as query parameters (the canonical form of a permalink)."""
        query = {}
        if options.get("family"):
            query["family"] = options["family"]
        if options.get("slope_change"):
            query["slope"] = "1"
        if options.get("hac_lags") is not None:
            query["hac"] = str(options["hac_lags"])
        return query


class ChooserForm(OptionsForm):
    """Choose one of the country's published events and an outcome indicator."""

    event = forms.ChoiceField(label=_("Policy event"))
    indicator = forms.ChoiceField(label=_("Outcome indicator"))

    field_order = ["event", "indicator", "family", "slope", "hac"]

    def __init__(self, *args, events, outcomes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [("", _("Choose an event"))] + [
            (event.slug, f"{event.date_label} — {event.title}") for event in events]
        self.fields["indicator"].choices = [("", _("Choose an outcome"))] + outcomes
