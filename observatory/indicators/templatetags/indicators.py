"""Showing an observation as its source printed it: ranges, qualifiers, categories and flags kept."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from observatory.core.templatetags.site import foreign
from observatory.indicators import texts

register = template.Library()

CATEGORY_LABELS = {
    "yes": _("yes"), "no": _("no"), "criminal": _("criminal offence"), "administrative": _("administrative offence"),
    "decriminalised": _("decriminalised"), "depenalised": _("depenalised"), "high": _("high"), "medium": _("medium"),
    "low": _("low"),
}
FLAG_LABELS = {
    "estimate": _("estimate"), "provisional": _("provisional"), "break": _("break in series"),
    "edition_year": _("year of the publication, not of the data"), "uncertain": _("transcription uncertain"),
    "national_via_network": _("national source via the network"),
}


def _number(value, decimals: int) -> str:
    return number_format(round(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True)


def format_observation(obs) -> str:
    """The value as text: ``5,132–6,182``, ``<1``, ``~90``, ``yes``, ``12.3 (10.1–14.2)``."""
    decimals = obs.indicator.decimals if obs.indicator_id and hasattr(obs, "indicator") else 1
    if obs.category:
        if obs.category == "text":
            return texts.value_text(obs.value_text)[0]
        return str(CATEGORY_LABELS.get(obs.category, obs.category))
    if obs.value is None and obs.lower is not None and obs.upper is not None:
        return f"{_number(obs.lower, decimals)}–{_number(obs.upper, decimals)}"
    if obs.value is None:
        return texts.value_text(obs.value_text)[0]
    text = f"{obs.qualifier}{_number(obs.value, decimals)}"
    if obs.lower is not None and obs.upper is not None:
        text += f" ({_number(obs.lower, decimals)}–{_number(obs.upper, decimals)})"
    return text


@register.filter
def obs_value(obs) -> str:
    """The value as text, marked ``lang="en"`` where a value in words has no Russian yet."""
    text = format_observation(obs)
    in_words = obs.category == "text" or (not obs.category and obs.value is None and obs.lower is None)
    if in_words and texts.value_text(obs.value_text)[1]:
        return format_html('<span lang="en">{}</span>', text)
    return text


@register.filter
def obs_note(obs) -> str:
    """The value's note in the page's language, or in English marked as English."""
    text, language = texts.note(obs.note)
    if language:
        return format_html('<span lang="{}">{}</span>', language, text)
    return text


@register.filter
def obs_flags(obs) -> str:
    """Visible badges for the flags a value carries (estimate, uncertain, ...)."""
    flags = list(obs.flags or [])
    if not flags:
        return ""
    return format_html_join(" ", '<span class="flag flag-{}" title="{}">{}</span>',
                            ((f, FLAG_LABELS.get(f, f), FLAG_LABELS.get(f, f)) for f in flags))


@register.simple_tag
def source_link(source) -> str:
    """Publisher and dataset; either is marked as English on a Russian page when it has no Russian."""
    if source.url:
        return format_html('<a href="{}">{}</a>, {}', source.url, foreign(source.publisher_name),
                           foreign(source.dataset_name))
    return format_html("{}, {}", foreign(source.publisher_name), foreign(source.dataset_name))


@register.simple_tag
def source_short(source) -> str:
    """Publisher and edition, linked to the publisher's page: for tables, where the full title would not fit."""
    label = source.publisher_name + (f", {source.edition_name}" if source.edition else "")
    if source.url:
        return format_html('<a href="{}" title="{}">{}</a>', source.url, source.dataset_name, foreign(label))
    return format_html('<span title="{}">{}</span>', source.dataset_name, foreign(label))


@register.filter
def import_reason(text) -> str:
    """An import check's message in the page's language (see ``indicators/import_messages.py``)."""
    from observatory.indicators.import_messages import reason

    return reason(str(text or ""))
