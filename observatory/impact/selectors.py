"""Reads for the impact pages: what can be analysed for a country (public data only)."""

from __future__ import annotations

from observatory.core.i18n import is_russian
from observatory.countries.models import Country
from observatory.impact import rules
from observatory.indicators.models import Indicator, Observation


def outcome_choices(*, country: Country) -> list[dict]:
    """The numeric indicators with yearly national values for ``country``: ``[{indicator, years}]``.

    ``years`` are the distinct years with a point value from any source, oldest
    first: an upper bound of what the analysis uses (it leaves out values dated
    only by a report's edition year). Population is the offset, not an outcome.
    Ordered by topic and name; two queries whatever the number of indicators.
    """
    years: dict[int, set[int]] = {}
    pairs = (
        Observation.objects.filter(country=country, sex="", age_group="", month__isnull=True, value__isnull=False,
                                   indicator__kind=Indicator.Kind.NUMERIC)
        .exclude(indicator__code=rules.POPULATION_CODE)
        .values_list("indicator_id", "year")
        .distinct()
    )
    for indicator_id, year in pairs:
        years.setdefault(indicator_id, set()).add(year)
    indicators = Indicator.objects.filter(pk__in=list(years)).order_by("topic", "name_en")
    return [{"indicator": i, "years": sorted(years[i.pk])} for i in indicators]


def years_before(years: list[int], first_post_year: int) -> int:
    """How many of ``years`` come before ``first_post_year`` (the chooser's hint about the minimum of 8)."""
    return sum(1 for year in years if year < first_post_year)


def published_finding(*, country: Country) -> dict | None:
    """The finding staff published for ``country``'s brief, recomputed from the current data, in the active language.

    Returns ``None`` when none is published or when the data no longer support an estimate
    (the brief then leaves the section out rather than quote a stale number).
    ``{"title", "summary", "caveat", "sources": [{"title", "url"}]}`` otherwise.
    """
    from django.utils.translation import gettext as _

    from observatory.analysis.errors import AnalysisError
    from observatory.impact.analyses import its_analysis
    from observatory.impact.datasets import its_dataset
    from observatory.impact.models import PublishedFinding

    chosen = PublishedFinding.objects.filter(country=country, withdrawn_at__isnull=True).first()
    if chosen is None:
        return None
    try:
        dataset = its_dataset(indicator_code=chosen.indicator_code, iso3=country.iso3, event_slug=chosen.event_slug,
                              family=chosen.family or None)
        analysis = its_analysis(dataset=dataset, slope_change=chosen.slope_change, hac_lags=chosen.hac_lags)
    except AnalysisError:
        return None
    if analysis["status"] != "ok":
        return None
    lang = "ru" if is_russian() else "en"
    threats = [t["short"][lang] for t in analysis["threats"] if t.get("short", {}).get(lang)]
    sources = [{"title": f"{s.publisher_name}, {s.dataset_name}", "url": s.url} for s in dataset.sources.values()]
    title = _("%(indicator)s after “%(event)s”") % {
        "indicator": dataset.indicator.name, "event": dataset.event.title}
    caveat = (_("Main threats to this estimate: %(threats)s.") % {"threats": "; ".join(threats)}) if threats else ""
    return {"title": title, "summary": analysis["finding"][lang], "caveat": caveat, "sources": sources}
