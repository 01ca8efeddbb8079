"""The country brief: two to four pages a decision-maker reads, in English or Russian.

Sections, each printed only when there is something to say: introduction, headline
indicators, trends with policy events, the policy scorecard, model-law gaps,
documented violations, an impact finding, recommendations, sources. Every number
comes from the platform's data with its year and a numbered source.
"""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from observatory.charts import specs
from observatory.indicators import relative
from observatory.indicators.explorer import event_markers, source_line
from observatory.public.dashboard import CARD_INDICATORS, TREND_INDICATORS
from observatory.reports.documents import sections
from observatory.reports.documents.charts import print_svg
from observatory.reports.documents.common import Document, is_number, number, optional, percent_change, refs
from observatory.reports.documents.inputs import POPULATION, Inputs

CHART_WIDTH = 680  # drawn wider than before and scaled to the text width: shorter figures, 8 pt text
CHART_HEIGHT = 130
MAX_RECOMMENDATIONS = 8


def _facts(doc: Document, inputs: Inputs, country) -> None:
    population = inputs.headline(POPULATION, country.iso3)
    line = [{"text": _("Subregion:") + " ", "strong": True}, {"text": country.subregion.name}]
    if population:
        n = doc.sources.indicator_source(population.source)
        line += [{"text": " · "}, {"text": _("Population:") + " ", "strong": True},
                 {"text": _("%(value)s in %(year)s") % {"value": number(population.value, 0), "year": population.year}
                  + f" {refs([n])}"}]
    doc.paragraph(runs=line, style="facts")


def _introduction(doc: Document, country, text, *, at: int) -> None:
    """The staff's introduction, or a standard one that promises only what the brief holds; inserted at ``at``."""
    paragraphs = text.introduction_paragraphs if text else []
    if not paragraphs:
        first = _("This brief sets out what the Drug Policy Observatory's data show about drug policy in "
                  "%(country)s.") % {"country": country.name}
        if len(doc.blocks) > at:
            second = _("Every figure gives its year and a numbered source, listed at the end.")
        else:
            second = _("The platform holds few comparable figures for %(country)s yet; what it holds is listed "
                       "below with its source.") % {"country": country.name}
        paragraphs = [f"{first} {second}"]
    blocks = [{"type": "heading", "level": 1, "text": _("Introduction")}]
    blocks += [{"type": "paragraph", "runs": [{"text": p}], "style": "lead"} for p in paragraphs]
    doc.blocks[at:at] = blocks


def _headlines(doc: Document, inputs: Inputs, country) -> None:
    cards = []
    for code in CARD_INDICATORS:
        card = inputs.headline(code, country.iso3)
        if card is None:
            continue
        n = doc.sources.indicator_source(card.source)
        detail = _("in %(year)s") % {"year": card.year}
        if card.change_pct is not None:
            detail += "; " + _("%(change)s since %(year)s") % {"change": percent_change(card.change_pct),
                                                              "year": card.change_from_year}
        cards.append({
            "label": card.indicator.name,
            "value": number(card.value, card.indicator.decimals),
            "unit": card.indicator.unit,
            "detail": detail,
            "rank": _("Rank %(rank)s of %(n)s countries with data (1 = highest)") % {"rank": card.rank,
                                                                                    "n": card.ranked},
            "source": f"{card.source.publisher_name} {refs([n])}",
        })
    if cards:
        doc.heading(_("Headline indicators"))
        doc.add({"type": "cards", "items": cards})


def _trends(doc: Document, inputs: Inputs, country) -> None:
    labels = {c.iso3: c.name for c in inputs.countries}
    figures = []
    all_years = [p["year"] for code in TREND_INDICATORS for p in inputs.series.get(code, [])]
    # The events are numbered once, in date order, as in the list under the charts; the charts carry
    # only the numbers (a key in each chart would repeat the list and make the charts tall).
    markers = [{**m, "number": n} for n, m in enumerate(
        (m for m in event_markers(countries=[country.iso3])
         if all_years and min(all_years) <= int(m["year"]) <= max(all_years)), start=1)]
    for code in TREND_INDICATORS:
        indicator = inputs.indicators.get(code)
        series, divided = relative.trend_series(inputs.series.get(code, []), inputs.series.get("population", []),
                                                is_count=bool(indicator and indicator.is_count))
        unit = (_("%(unit)s per 100,000 population") % {"unit": indicator.unit} if divided
                else getattr(indicator, "unit", ""))
        mine = [p for p in series if p["country"] == country.iso3]
        if indicator is None or len(mine) < 2:  # one value is not a trend
            continue
        keys = {p["source"] for p in series}
        spec = specs.line_chart(
            points=series, title=indicator.name, unit=unit, source=source_line(indicator, keys),
            labels=labels, highlight=[country.iso3], events=markers, median_label=_("median of the countries"),
            description=_("%(name)s in %(country)s compared with the other countries and their median.") % {
                "name": indicator.name, "country": country.name},
            height=CHART_HEIGHT, event_key=False)
        numbers = [doc.sources.indicator_source(inputs.sources[k]) for k in sorted(keys) if k in inputs.sources]
        last = max(mine, key=lambda p: p["year"])
        alt = _("Line chart of %(name)s, %(first)s to %(last)s: %(country)s in colour, the other countries in grey, "
                "their median in black. The latest value for %(country)s is %(value)s %(unit)s in %(year)s.") % {
            "name": indicator.name, "first": min(p["year"] for p in mine), "last": last["year"],
            "country": country.name, "value": number(last["value"], 1 if divided else indicator.decimals), "unit": unit,
            "year": last["year"]}
        figures.append({"type": "figure", "svg": print_svg(spec, width=CHART_WIDTH), "alt": alt,
                        "caption": f"{indicator.name} {refs(numbers)}"})
    if not figures:
        return
    doc.heading(_("Trends and policy events"))
    doc.paragraph(_("%(country)s in colour, the other countries of the region in grey and their median in black. "
                    "Dashed numbered lines are the country's policy events, listed under the charts.")
                  % {"country": country.name}, style="intro-note")
    for figure in figures:
        doc.add(figure)
    events = sections.country_events(doc, country, first_year=min(all_years), last_year=max(all_years))
    for position, item in enumerate(events, start=1):
        item["text"] = f"{position}. {item['text']}"
    if events:
        doc.add({"type": "list", "title": _("Policy events on the charts"), "items": events, "style": "events"})


def _scorecard(doc: Document, inputs: Inputs, country) -> None:
    platform = inputs.scorecard
    if platform is None:
        return
    year = platform.latest_year
    card = platform.cards[year]
    if country.iso3 not in card.scores.index or not is_number(card.scores.at[country.iso3, "score"]):
        return
    row = card.scores.loc[country.iso3]
    language = doc.language
    n_ranked = int(card.scores["rank"].notna().sum())
    doc.heading(_("Policy scorecard"))
    if is_number(row["rank"]):
        text = _("In %(year)s %(country)s scores %(score)s out of 100 and ranks %(rank)s of %(n)s countries "
                 "(1 = closest to the model of a health-centred, non-repressive drug policy).") % {
            "year": year, "country": country.name, "score": number(row["score"], 1), "rank": int(row["rank"]),
            "n": n_ranked}
    else:
        text = _("In %(year)s %(country)s scores %(score)s out of 100; too few of its inputs have data for it to be "
                 "ranked.") % {"year": year, "country": country.name, "score": number(row["score"], 1)}
    uncertainty = inputs.uncertainty
    if uncertainty is not None and country.iso3 in uncertainty.index and is_number(
            uncertainty.at[country.iso3, "rank_low"]):
        text += " " + _("With other reasonable weights and normalisations its rank lies between %(low)s and "
                        "%(high)s (90%% of draws).") % {"low": int(uncertainty.at[country.iso3, "rank_low"]),
                                                       "high": int(uncertainty.at[country.iso3, "rank_high"])}
    text += " " + _("The inputs with data carry %(share)s%% of the index's weight; missing inputs are left out, "
                    "never counted as zero.") % {"share": number(row["coverage"] * 100, 0)}
    doc.paragraph(text)
    rows = []
    for dimension in platform.framework.dimensions:
        value = card.dimensions.at[country.iso3, dimension.code]
        rows.append([dimension.name(language), number(value, 1) if is_number(value) else _("no data")])
    numbers = sections.scorecard_sources(doc, inputs, country, year)
    doc.add({"type": "table", "columns": [{"label": _("Dimension"), "width": "1fr"},
                                          {"label": _("Score (0–100)"), "align": "right", "width": "auto"}],
             "rows": rows, "note": _("Computed by the platform from its laws, indicators and expert survey %(refs)s.")
             % {"refs": refs(numbers)} if numbers else ""})


def law_cells(inputs: Inputs, country) -> list:
    """The country's provisions judged against the model law (empty where the laws capability is missing)."""
    comparator = optional("observatory.laws.comparator")
    if comparator is None or not inputs.law_provisions:
        return []
    return comparator.assess(provisions=inputs.law_provisions, versions=inputs.law_versions.get(country.iso3, []))


def gaps_of(cells: list) -> list:
    """The provisions that fall short: those that do not meet the model law first, then those that partly do."""
    return sorted((c for c in cells if c.status in ("does_not_meet", "partly")),
                  key=lambda c: (c.status != "does_not_meet", c.provision.position))


def suggested_recommendations(gaps: list) -> list[dict]:
    """What the model law asks of each provision that falls short: the recommendations printed by default."""
    return [{"title": cell.provision.label, "text": cell.provision.target_text} for cell in gaps[:MAX_RECOMMENDATIONS]]


def _law_gaps(doc: Document, inputs: Inputs, country) -> list:
    """The model-law section; returns the provisions that fall short (for the recommendations)."""
    cells = law_cells(inputs, country)
    if not cells or all(c.status == "unknown" for c in cells):
        return []
    counts = {status: sum(1 for c in cells if c.status == status)
              for status in ("meets", "partly", "does_not_meet", "unknown")}
    doc.heading(_("The law against the model law"))
    doc.paragraph(_("Of the %(n)s provisions of the model non-repressive drug law, the law of %(country)s meets "
                    "%(meets)s, partly meets %(partly)s and does not meet %(not)s; for %(unknown)s no source states "
                    "the law, and nothing is assumed.") % {
        "n": len(cells), "country": country.name, "meets": counts["meets"], "partly": counts["partly"],
        "not": counts["does_not_meet"], "unknown": counts["unknown"]}, style="sticky")
    for cell in cells:
        if cell.version is not None:
            for source in cell.version.sources.all():
                doc.sources.document(title=source.title, url=source.url)
    gaps = gaps_of(cells)
    if gaps:
        rows = []
        for cell in gaps:
            # A legal source's title is a full citation, publisher included.
            numbers = [doc.sources.document(title=s.title, url=s.url) for s in cell.version.sources.all()]
            rows.append([{"text": cell.provision.label, "strong": True}, capfirst(cell.status_label),
                         f"{cell.gap} {refs(numbers)}".strip()])
        doc.add({"type": "table", "columns": [{"label": _("Provision"), "width": "28%"},
                                              {"label": _("Judgement"), "width": "15%"},
                                              {"label": _("Gap"), "width": "1fr"}],
                 "rows": rows})
    return gaps


def _recommendations(doc: Document, gaps: list, text) -> None:
    staff = text.recommendation_list if text else []
    items = [{"text": item} for item in staff] if staff else suggested_recommendations(gaps)
    if not items:
        return
    doc.heading(_("Recommendations"))
    if not staff:
        doc.paragraph(_("Drawn from the gaps above: what the model non-repressive drug law asks of each provision "
                        "that falls short."), style="note")
    doc.add({"type": "list", "numbered": True, "items": items})


def country_brief(*, inputs: Inputs, country, language: str, text=None) -> Document:
    """The brief of ``country`` in the active language (``language``), with staff ``text`` when there is one."""
    doc = Document(kind="brief", language=language, title=_("%(country)s: drug policy brief") % {
        "country": country.name}, subtitle=_("Country brief"))
    _facts(doc, inputs, country)
    after_facts = len(doc.blocks)
    _headlines(doc, inputs, country)
    # The charts (which cannot break across pages) come before the scorecard's text and table (which
    # can), so that a chart that does not fit leaves no half-empty page: the table fills the space.
    _trends(doc, inputs, country)
    _scorecard(doc, inputs, country)
    gaps = _law_gaps(doc, inputs, country)
    sections.violations(doc, country)
    sections.impact_finding(doc, country)
    _recommendations(doc, gaps, text)
    _introduction(doc, country, text, at=after_facts)  # written last: it says what the sections hold
    return doc
