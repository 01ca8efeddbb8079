"""Sections that read other capabilities (events, scorecard inputs, the violations registry, impact findings).

Each capability is imported where it is used: a capability that is not installed,
or has nothing published for the country, leaves its section out of the brief.
"""

from __future__ import annotations

import datetime

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from observatory.reports.documents.common import Document, number, optional, refs

STATS_YEARS = 11  # the years the registry's public statistics page offers


def country_events(doc: Document, country, *, first_year: int | None = None, last_year: int | None = None
                   ) -> list[dict]:
    """The country's published policy events (within the charts' years), each with its numbered sources."""
    selectors = optional("observatory.events.selectors")
    if selectors is None:
        return []
    items = []
    for event in selectors.events_for_country(country=country):
        year = event.date.year
        if (first_year is not None and year < first_year) or (last_year is not None and year > last_year):
            continue
        numbers = [doc.sources.document(title=s.title, url=s.url) for s in event.sources.all()]
        items.append({"text": f"{capfirst(event.date_label)}: {event.title} {refs(numbers)}".strip()})
    return items


def scorecard_sources(doc: Document, inputs, country, year: int) -> list[int]:
    """Number every source behind the country's scorecard inputs in ``year``; return their numbers."""
    traces = inputs.scorecard.traces.get(year, {})
    numbers = []
    for (iso3, _code), trace in sorted(traces.items(), key=lambda kv: kv[0][1]):
        if iso3 != country.iso3:
            continue
        for part in [trace, *trace.parts]:
            key = (part.source or {}).get("key")
            if key and key in inputs.sources:
                numbers.append(doc.sources.indicator_source(inputs.sources[key]))
        for source in trace.extra.get("sources", []):
            numbers.append(doc.sources.document(title=source.get("title", ""), url=source.get("url", "")))
        if trace.kind == "survey":
            numbers.append(doc.sources.document(title=_("Drug Policy Observatory, expert survey of the policy "
                                                        "scorecard")))
    return numbers


def _latest_stats_year(statistics, country) -> int | None:
    """The latest of the registry's published years (this one and the ten before) that has counted cases.

    Which cases count (verified, with consent to share) is the registry's rule, asked through its
    ``counted_cases``; only whether any exist is read here.
    """
    this_year = datetime.date.today().year
    for year in range(this_year, this_year - STATS_YEARS, -1):
        if statistics.counted_cases(country_id=country.pk, year=year).exists():
            return year
    return None


def violations(doc: Document, country) -> None:
    """The latest year's published totals of documented violations (small cells suppressed by the registry)."""
    statistics = optional("observatory.cases.statistics")
    if statistics is None or not all(hasattr(statistics, f) for f in ("violation_stats", "counted_cases")):
        return
    year = _latest_stats_year(statistics, country)
    if not year:
        return
    table = statistics.violation_stats(country=country, year=year, by="violation")
    if not table.total:
        return
    doc.heading(_("Documented human-rights violations"))
    total = table.total if isinstance(table.total, str) else number(table.total, 0)
    doc.paragraph(_("In %(year)s the network's paralegals and outreach workers documented and verified %(total)s "
                    "cases in %(country)s in which a person who uses drugs consented to share anonymised data. A "
                    "case with several kinds of violation counts under each, so the rows may add up to more than "
                    "the total. Counts from 1 to 4 are shown as “<5”, and where a small count could be worked out "
                    "from the others one more count is hidden (“≥5”), so that no person can be identified.") % {
        "year": year, "total": total, "country": country.name})
    numbers = [doc.sources.document(title=_("Drug Policy Observatory, registry of human-rights violations "
                                            "against people who use drugs (verified cases, published with small "
                                            "counts suppressed)"))]
    if table.withheld:
        doc.paragraph(_("The breakdown by kind of violation is withheld: any breakdown would let a small count be "
                        "worked out."), style="note")
        return
    rows = [[cell.name, cell.value if isinstance(cell.value, str) else number(cell.value, 0)] for cell in table.cells]
    rows.append([{"text": _("Cases (total)"), "strong": True}, {"text": total, "strong": True}])
    doc.add({"type": "table", "columns": [{"label": _("Violation"), "width": "1fr"},
                                          {"label": _("Cases"), "align": "right", "width": "auto"}],
             "rows": rows, "note": _("Source: %(refs)s") % {"refs": refs(numbers)}})


def impact_finding(doc: Document, country) -> None:
    """One published impact finding for the country, in plain language, when the impact capability offers one.

    The contract asked of that capability: ``observatory.impact.selectors.published_finding(country=...)``
    returns ``None`` or ``{"title", "summary", "caveat", "sources": [{"title", "url"}]}`` in the active
    language, for a finding staff have published. Until it exists the section is left out.
    """
    impact = optional("observatory.impact.selectors")
    finder = getattr(impact, "published_finding", None) if impact is not None else None
    finding = finder(country=country) if finder is not None else None
    if not finding:
        return
    doc.heading(_("What the evidence shows"))
    numbers = [doc.sources.document(title=s.get("title", ""), url=s.get("url", "")) for s in finding.get("sources", [])]
    if finding.get("title"):
        doc.paragraph(runs=[{"text": finding["title"], "strong": True}])
    doc.paragraph(f"{finding['summary']} {refs(numbers)}".strip())
    if finding.get("caveat"):
        doc.paragraph(finding["caveat"], style="note")
