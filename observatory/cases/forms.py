"""Forms of the registry pages. They only shape input; the services decide what is valid and say why."""

from __future__ import annotations

import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from observatory.cases import limits
from observatory.cases.models import (
    AGE_GROUPS,
    CONSEQUENCES,
    INTAKE_CHANNELS,
    KEY_POPULATIONS,
    PERPETRATORS,
    PLACE_TYPES,
    RESPONSE_TYPES,
    SEXES,
    VIOLATIONS,
    RejectionReason,
    ResponseOutcome,
    ResponseStatus,
    Term,
)
from observatory.cases.services.common import ActData, CaseData, Consent, VictimData

EMPTY = [("", "—")]


def term_choices(vocabulary: str, *, grouped: bool = False, blank: bool = True) -> list:
    terms = Term.objects.filter(vocabulary__code=vocabulary, active=True).select_related("group").order_by(
        "group__order", "order", "code")
    if not grouped:
        choices = [(t.code, t.name) for t in terms]
    else:
        groups: dict = {}
        for term in terms:
            groups.setdefault(term.group.name if term.group else "", []).append((term.code, term.name))
        choices = [(name, items) for name, items in groups.items()]
    return (EMPTY + choices) if blank else choices


def new_idempotency_key() -> str:
    """A fresh key for each rendering of the intake form: a resubmitted form carries the same key."""
    return secrets.token_urlsafe(24)


CONSENT_HELP = {
    "consent_document": _("The person agrees that what happened to them is written down here. Without this, "
                          "nothing can be saved."),
    "consent_share_network": _("The network's coordinators in the country may read the case, including the "
                               "person's name, to help, and it is counted, without names, in public statistics."),
    "consent_advocacy": _("The story, without the name or anything that could identify the person, may be used "
                          "in reports and campaigns."),
    "consent_contact": _("Someone from the organisation may call or write to the person later. Only then keep a "
                         "contact."),
}


class CaseForm(forms.Form):
    occurred_on = forms.CharField(
        label=_("When did it happen?"), required=False, max_length=10,
        help_text=_("A date (2024-03-15), or only the month (2024-03) or the year (2024) if that is all the "
                    "person remembers."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "2024-03-15", "autocomplete": "off"}))
    region = forms.CharField(label=_("Region or city"), required=False, max_length=120,
                             help_text=_("Not the exact address."),
                             widget=forms.TextInput(attrs={"autocomplete": "off"}))
    channel = forms.ChoiceField(label=_("How did the case reach you?"), required=False)
    consent_document = forms.BooleanField(label=_("Agrees to have the case documented"), required=False,
                                          help_text=CONSENT_HELP["consent_document"])
    consent_share_network = forms.BooleanField(label=_("Agrees to share it with the network"), required=False,
                                               help_text=CONSENT_HELP["consent_share_network"])
    consent_advocacy = forms.BooleanField(label=_("Agrees to its use in advocacy, without the name"), required=False,
                                          help_text=CONSENT_HELP["consent_advocacy"])
    consent_contact = forms.BooleanField(label=_("Agrees to be contacted later"), required=False,
                                         help_text=CONSENT_HELP["consent_contact"])
    victim_name = forms.CharField(label=_("Name"), required=False, max_length=200,
                                  help_text=_("Encrypted. Leave empty if the person prefers."),
                                  widget=forms.TextInput(attrs={"autocomplete": "off"}))
    victim_contact = forms.CharField(label=_("Phone or other contact"), required=False, max_length=200,
                                     help_text=_("Only if the person agreed to be contacted. Encrypted."),
                                     widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}))
    victim_date_of_birth = forms.CharField(label=_("Date of birth"), required=False, max_length=10,
                                           widget=forms.DateInput(attrs={"type": "date", "autocomplete": "off"}))
    victim_address = forms.CharField(label=_("Exact address"), required=False, max_length=300,
                                     help_text=_("Only if needed to help. Encrypted."),
                                     widget=forms.TextInput(attrs={"autocomplete": "off"}))
    victim_client_code = forms.CharField(label=_("Client code"), required=False, max_length=40,
                                         help_text=_("Your organisation's pseudonymous code, if it uses one."),
                                         widget=forms.TextInput(attrs={"autocomplete": "off",
                                                                       "autocapitalize": "characters"}))
    victim_sex = forms.ChoiceField(label=_("Sex / gender"), required=False)
    victim_age_group = forms.ChoiceField(label=_("Age group"), required=False,
                                         help_text=_("Filled in from the date of birth if left empty."))
    victim_key_populations = forms.MultipleChoiceField(label=_("The person is (as they say themselves)"),
                                                       required=False, widget=forms.CheckboxSelectMultiple)
    narrative = forms.CharField(label=_("What happened"), required=False, max_length=20000,
                                help_text=_("In the person's words where possible. Encrypted; never published."),
                                widget=forms.Textarea(attrs={"rows": 6}))
    idempotency_key = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

    FIELD_FOR_ERROR = {"consent.document": "consent_document", "consent.share_network": "consent_share_network",
                       "victim.name": "victim_name", "victim.contact": "victim_contact",
                       "victim.date_of_birth": "victim_date_of_birth", "victim.address": "victim_address",
                       "victim.client_code": "victim_client_code", "victim.sex": "victim_sex",
                       "victim.age_group": "victim_age_group", "victim.key_populations": "victim_key_populations"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = term_choices(INTAKE_CHANNELS)
        self.fields["victim_sex"].choices = term_choices(SEXES)
        self.fields["victim_age_group"].choices = term_choices(AGE_GROUPS)
        self.fields["victim_key_populations"].choices = term_choices(KEY_POPULATIONS, blank=False)

    def to_case_data(self, acts: list[ActData]) -> CaseData:
        data = self.cleaned_data
        return CaseData(
            occurred_on=data["occurred_on"].strip(), region=data["region"], channel=data["channel"],
            narrative=data["narrative"],
            consent=Consent(document=data["consent_document"], share_network=data["consent_share_network"],
                            advocacy=data["consent_advocacy"], contact=data["consent_contact"]),
            victim=VictimData(name=data["victim_name"], contact=data["victim_contact"],
                              date_of_birth=data["victim_date_of_birth"], address=data["victim_address"],
                              client_code=data["victim_client_code"], sex=data["victim_sex"],
                              age_group=data["victim_age_group"], key_populations=data["victim_key_populations"]),
            acts=acts,
        )


class ActForm(forms.Form):
    violation = forms.ChoiceField(label=_("What was done"), required=False)
    # Checkboxes, not a multi-select list box: long options wrap on a phone instead of being cut off,
    # and ticking several needs no Ctrl key.
    perpetrators = forms.MultipleChoiceField(label=_("Who did it"), required=False,
                                             help_text=_("Choose one or more."),
                                             widget=forms.CheckboxSelectMultiple)
    place_type = forms.ChoiceField(label=_("Where"), required=False)
    consequences = forms.MultipleChoiceField(label=_("Consequences for the person"), required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = choices or act_choices()
        for name, values in choices.items():
            self.fields[name].choices = values

    def to_act(self) -> ActData:
        data = self.cleaned_data
        return ActData(violation=data.get("violation", ""), perpetrators=data.get("perpetrators", []),
                       place_type=data.get("place_type", ""), consequences=data.get("consequences", []))


def act_choices() -> dict:
    return {"violation": term_choices(VIOLATIONS, grouped=True),
            "perpetrators": term_choices(PERPETRATORS, blank=False),
            "place_type": term_choices(PLACE_TYPES), "consequences": term_choices(CONSEQUENCES, blank=False)}


ActFormSet = forms.formset_factory(ActForm, extra=0, min_num=3, max_num=limits.ACTS, validate_max=True)


def act_formset(*args, **kwargs):
    # The choices are read once for all act forms of the page.
    return ActFormSet(*args, form_kwargs={"choices": act_choices()}, prefix="acts", **kwargs)


class ResponseForm(forms.Form):
    type = forms.ChoiceField(label=_("Response"))
    status = forms.ChoiceField(label=_("Status"), choices=ResponseStatus.choices)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ResponseOutcome.choices)
    started_on = forms.DateField(label=_("Started on"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))
    completed_on = forms.DateField(label=_("Completed on"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))
    follow_up_due = forms.DateField(label=_("Follow up by"), required=False,
                                    help_text=_("The case manager sees the case in the overdue list after this date."),
                                    widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(label=_("Notes"), required=False, max_length=5000,
                            help_text=_("Encrypted. Names of officials or lawyers may go here, not in other fields."),
                            widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = term_choices(RESPONSE_TYPES)


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=RejectionReason.choices)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Photo or document"),
                           help_text=_("JPEG, PNG, WebP or PDF, up to 5 MB. Location and camera data are removed "
                                       "from photos; PDF files are kept as they are."))


class ClientCodeSearchForm(forms.Form):
    client_code = forms.CharField(label=_("Client code"), max_length=40,
                                  widget=forms.TextInput(attrs={"autocomplete": "off"}))


class SelfReportForm(forms.Form):
    country = forms.ChoiceField(label=_("Country where it happened"))
    occurred_on = forms.CharField(label=_("When (if you remember)"), required=False, max_length=10,
                                  help_text=_("For example 2024-03-15, or 2024-03, or 2024."),
                                  widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    region = forms.CharField(label=_("Region or city"), required=False, max_length=120,
                             help_text=_("Not your address."), widget=forms.TextInput(attrs={"autocomplete": "off"}))
    violation = forms.ChoiceField(label=_("What happened, in one choice"), required=False)
    narrative = forms.CharField(label=_("Tell what happened"), max_length=5000,
                                help_text=_("Who did it, where and what it led to. You may leave out your name."),
                                widget=forms.Textarea(attrs={"rows": 6}))
    consent_document = forms.BooleanField(
        label=_("I agree that my report is kept"), required=False,
        help_text=_("It is stored encrypted. Without this we cannot keep it."))
    consent_share_network = forms.BooleanField(
        label=_("I agree that the network's coordinator in my country reads it"), required=False,
        help_text=_("Only they can read it, to check it and, if you wish, to find help for you. It is counted, "
                    "without names, in public statistics."))
    consent_advocacy = forms.BooleanField(
        label=_("My story may be used in advocacy, without my name"), required=False,
        help_text=_("In reports or campaigns, with nothing that could identify you."))
    consent_contact = forms.BooleanField(
        label=_("I want to be contacted"), required=False,
        help_text=_("Then leave a contact that is safe for you (for example a messenger name)."))
    contact = forms.CharField(label=_("Safe contact"), required=False, max_length=200,
                              widget=forms.TextInput(attrs={"autocomplete": "off"}))
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200,
                              widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}))

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = EMPTY + [(c.iso3, c.name) for c in countries]
        self.fields["violation"].choices = term_choices(VIOLATIONS, grouped=True)

    def to_consent(self) -> Consent:
        data = self.cleaned_data
        return Consent(document=data["consent_document"], share_network=data["consent_share_network"],
                       advocacy=data["consent_advocacy"], contact=data["consent_contact"])


class FollowUpCodeForm(forms.Form):
    code = forms.CharField(label=_("Your follow-up code"), max_length=24,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}))
