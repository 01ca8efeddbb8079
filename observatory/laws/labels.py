"""Plain-language phrases for the values of each provision, used in the gap sentences (English and Russian).

A phrase describes a state of the law ("drug use is a criminal offence"); the gap
sentence pairs the country's phrase with the model law's. Phrases are lower-case so
that they can sit inside a sentence; ``capfirst`` starts a sentence with them.
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from observatory.laws.rules import DOES_NOT_MEET, MEETS, PARTLY, UNKNOWN

PHRASES = {
    ("use_offence", "no_offence"): _("drug use is not an offence"),
    ("use_offence", "administrative"): _("drug use is an administrative offence"),
    ("use_offence", "criminal"): _("drug use is a criminal offence"),
    ("possession_personal", "no_offence"): _("possession for personal use is not an offence"),
    ("possession_personal", "administrative"): _("possession for personal use is an administrative offence"),
    ("possession_personal", "criminal"): _("possession for personal use is a criminal offence"),
    ("possession_personal", "mixed"): _("possession for personal use is an administrative offence below a "
                                        "threshold quantity and a crime above it"),
    ("possession_max_penalty", "none"): _("possession for personal use cannot lead to deprivation of liberty"),
    ("threshold_quantities", "none"): _("no threshold quantities separate personal use from supply"),
    ("threshold_quantities", "law"): _("threshold quantities are set in the law"),
    ("threshold_quantities", "government_decree"): _("threshold quantities are set by a government decree"),
    ("threshold_quantities", "courts_or_guidelines"): _("threshold quantities are set by courts or guidelines"),
    ("diversion", "yes"): _("people are diverted from arrest or prosecution to health and social services"),
    ("diversion", "limited"): _("diversion from arrest or prosecution is limited"),
    ("diversion", "no"): _("there is no diversion from arrest or prosecution"),
    ("alternatives_to_prison", "yes"): _("treatment and other alternatives to imprisonment are available"),
    ("alternatives_to_prison", "limited"): _("alternatives to imprisonment are limited"),
    ("alternatives_to_prison", "no"): _("there are no alternatives to imprisonment"),
    ("ost_methadone_legal", "yes"): _("methadone treatment is legal"),
    ("ost_methadone_legal", "no"): _("methadone treatment is not legal"),
    ("ost_buprenorphine_legal", "yes"): _("buprenorphine treatment is legal"),
    ("ost_buprenorphine_legal", "no"): _("buprenorphine treatment is not legal"),
    ("ost_in_prison", "yes"): _("opioid substitution treatment is provided in prisons"),
    ("ost_in_prison", "pilot_or_limited"): _("opioid substitution treatment in prisons is a pilot or limited"),
    ("ost_in_prison", "no"): _("there is no opioid substitution treatment in prisons"),
    ("nsp_legal", "yes"): _("needle and syringe programmes are legal"),
    ("nsp_legal", "no"): _("needle and syringe programmes are not legal"),
    ("nsp_in_prison", "yes"): _("needle and syringe programmes operate in prisons"),
    ("nsp_in_prison", "pilot_or_limited"): _("needle and syringe programmes in prisons are a pilot or limited"),
    ("nsp_in_prison", "no"): _("there are no needle and syringe programmes in prisons"),
    ("naloxone_access", "prescription_only"): _("naloxone is available only on prescription"),
    ("naloxone_access", "over_the_counter"): _("naloxone is sold over the counter"),
    ("naloxone_access", "peer_distribution"): _("naloxone is distributed to people who use drugs and their peers"),
    ("naloxone_access", "not_available"): _("naloxone is not available"),
    ("drug_checking", "yes"): _("drug checking services operate"),
    ("drug_checking", "pilot_or_limited"): _("drug checking is a pilot or limited"),
    ("drug_checking", "no"): _("there are no drug checking services"),
    ("consumption_rooms", "yes"): _("drug consumption rooms operate"),
    ("consumption_rooms", "no"): _("there are no drug consumption rooms"),
    ("compulsory_treatment", "no"): _("there is no compulsory drug treatment"),
    ("compulsory_treatment", "yes"): _("compulsory drug treatment exists"),
    ("drug_user_registry", "no"): _("there is no mandatory registry of people who use drugs"),
    ("drug_user_registry", "yes"): _("people who use drugs are put on a mandatory registry"),
    ("state_hr_funding_share", "high"): _("the state funds at least three quarters of harm reduction"),
    ("state_hr_funding_share", "partial"): _("the state funds between a tenth and three quarters of harm "
                                             "reduction"),
    ("state_hr_funding_share", "low_or_none"): _("the state funds less than a tenth of harm reduction"),
}

JUDGEMENT_LABELS = {
    MEETS: _("meets"),
    PARTLY: _("partly meets"),
    DOES_NOT_MEET: _("does not meet"),
    UNKNOWN: _("unknown"),
}


def _number(value: float) -> str:
    decimals = 0 if float(value).is_integer() else 1
    return number_format(round(float(value), decimals), decimal_pos=decimals, use_l10n=True)


def value_phrase(*, code: str, value, max_penalty_months: float | None = None) -> str:
    """The state of the law in words, in the active language; the raw value when no phrase fits."""
    value = "" if value is None else str(value)
    phrase = PHRASES.get((code, value))
    if phrase is not None:
        return str(phrase)
    if code == "possession_max_penalty" and max_penalty_months is not None:
        if max_penalty_months < 2:  # "up to 1.3 months" reads oddly: laws say such terms in days
            return gettext("possession for personal use can lead to up to %(days)s days' deprivation of liberty") % {
                "days": round(max_penalty_months * 365.25 / 12)}
        return gettext("possession for personal use can lead to up to %(months)s months' deprivation of liberty") % {
            "months": _number(max_penalty_months)}
    if code == "state_hr_funding_share":
        try:
            share = float(value)
        except ValueError:
            return value
        return gettext("the state funds %(share)s%% of harm reduction") % {"share": _number(share)}
    return value


def gap_sentence(*, code: str, target: str, status: str, value=None, max_penalty_months=None) -> str:
    """The gap between a country's provision and the model law, in one sentence (active language)."""
    if status == UNKNOWN:
        return gettext("Unknown: no sourced value, so nothing is assumed.")
    current = value_phrase(code=code, value=value, max_penalty_months=max_penalty_months)
    if status == MEETS:
        return gettext("No gap: %(current)s.") % {"current": current}
    wanted = value_phrase(code=code, value=target)
    return gettext("%(current)s, but the model law asks that %(target)s.") % {"current": capfirst(current),
                                                                       "target": wanted}
