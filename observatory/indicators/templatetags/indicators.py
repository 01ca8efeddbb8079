"""Showing an observation as its source printed it: ranges, qualifiers, categories and flags kept."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

register = template.Library()

CATEGORY_LABELS = {
    "yes": _("yes"), "no": _("no"), "criminal": _("criminal offence"), "administrative": _("administrative offence"),
    "decriminalised": _("decriminalised"), "depenalised": _("depenalised"), "high": _("high"), "medium": _("medium"),
    "low": _("low"),
}
FLAG_LABELS = {
    "estimate": _("estimate"), "provisional": _("provisional"), "break": _("break in series"),
    "edition_year": _("year of the publication, not of the data"), "uncertain": _("transcription uncertain"),
}


def _number(value, decimals: int) -> str:
    return number_format(round(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True)


def format_observation(obs) -> str:
    """The value as text: ``5,132–6,182``, ``<1``, ``~90``, ``yes``, ``12.3 (10.1–14.2)``."""
    decimals = obs.indicator.decimals if obs.indicator_id and hasattr(obs, "indicator") else 1
    if obs.category:
        if obs.category == "text":
            return obs.value_text
        return str(CATEGORY_LABELS.get(obs.category, obs.category))
    if obs.value is None and obs.lower is not None and obs.upper is not None:
        return f"{_number(obs.lower, decimals)}–{_number(obs.upper, decimals)}"
    if obs.value is None:
        return obs.value_text
    text = f"{obs.qualifier}{_number(obs.value, decimals)}"
    if obs.lower is not None and obs.upper is not None:
        text += f" ({_number(obs.lower, decimals)}–{_number(obs.upper, decimals)})"
    return text


@register.filter
def obs_value(obs) -> str:
    return format_observation(obs)


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
    if source.url:
        return format_html('<a href="{}">{}</a>, {}', source.url, source.publisher_name, source.dataset)
    return format_html("{}, {}", source.publisher_name, source.dataset)


@register.simple_tag
def source_short(source) -> str:
    """Publisher and edition, linked to the publisher's page: for tables, where the full title would not fit."""
    label = source.publisher_name + (f", {source.edition}" if source.edition else "")
    if source.url:
        return format_html('<a href="{}" title="{}">{}</a>', source.url, source.dataset, label)
    return format_html('<span title="{}">{}</span>', source.dataset, label)
