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
    target_partner = forms.ChoiceField(label=_("The target is one of our partners"), required=False)
    members = forms.MultipleChoiceField(label=_("Member organisations involved"), required=False,
                                        widget=forms.CheckboxSelectMultiple)
    alliance = forms.ChoiceField(label=_("Carried out under the alliance"), required=False)
    evidence = forms.CharField(
        label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One item per line: its kind and its key, e.g. “indicator ost_clients” or “violations UKR/2024”. "
                    "Kinds: %(kinds)s. Never case records.") % {"kinds": ", ".join(EVIDENCE_KINDS)})
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    follow_up_on = forms.DateField(label=_("Follow up on"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, countries=(), partners=(), members=(), alliances=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.countries = {c.iso3: c for c in countries}
        self.fields["country"].choices = [(c.iso3, c.name) for c in countries]
        self.records = {}
        for name, records in (("target_partner", partners), ("members", members), ("alliance", alliances)):
            self.records[name] = {str(r.uuid): r for r in records}
            choices = [(str(r.uuid), f"{r.name} ({r.country.iso3 if r.country else _('regional')})")
                       for r in records]
            self.fields[name].choices = choices if name == "members" else [("", "—"), *choices]

    def clean_country(self):
        return self.countries[self.cleaned_data["country"]]

    def clean_target_partner(self):
        return self.records["target_partner"].get(self.cleaned_data["target_partner"])

    def clean_alliance(self):
        return self.records["alliance"].get(self.cleaned_data["alliance"])

    def clean_members(self):
        return [self.records["members"][key] for key in self.cleaned_data["members"]]

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


class OutcomeForm(forms.Form):
    """What came of an action, on its page."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    follow_up_on = forms.DateField(label=_("Follow up on"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))
    followed_by = forms.ChoiceField(label=_("The policy event that followed"), required=False)
    followed_by_law = forms.ChoiceField(label=_("The law version that followed"), required=False)
    publish = forms.BooleanField(
        label=_("Show it on the country's public page under “What advocacy preceded this reform”"), required=False,
        help_text=_("Shown: the kind, date, target and what was asked, the reform, and the members and alliance that "
                    "are listed publicly. Only for an achieved or partly achieved action that names its reform."))

    def __init__(self, *args, events=(), laws=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.events = {e.slug: e for e in events}
        self.laws = {str(v.pk): v for v in laws}
        self.fields["followed_by"].choices = [("", "—"), *((e.slug, f"{e.date:%Y-%m-%d} {e.title}") for e in events)]
        self.fields["followed_by_law"].choices = [("", "—"), *((str(v.pk), law_label(v)) for v in laws)]

    def clean_followed_by(self):
        return self.events.get(self.cleaned_data["followed_by"])

    def clean_followed_by_law(self):
        return self.laws.get(self.cleaned_data["followed_by_law"])


def law_label(version) -> str:
    start = version.valid_from_display or _("undated")
    return f"{version.provision.label} — {version.value} ({_('from')} {start})"
