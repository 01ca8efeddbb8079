"""The regional brief: the 29 countries side by side, in tables and on maps."""

from __future__ import annotations

from django.utils.translation import gettext as _

from observatory.charts import maps
from observatory.indicators.explorer import source_line
from observatory.public.dashboard import CARD_INDICATORS
from observatory.reports.documents.charts import print_svg
from observatory.reports.documents.common import Document, is_number, number, optional, refs
from observatory.reports.documents.inputs import MAP_INDICATOR, Inputs

MAP_WIDTH = 640
MAP_HEIGHT = 360
# Three indicators per table keep each column wide enough for a value, its year and its source.
TABLE_GROUPS = (CARD_INDICATORS[:3], CARD_INDICATORS[3:])


def _map_year(points: list[dict]) -> int | None:
    """The latest year in which at least half as many countries report as in the best-covered year."""
    counts: dict[int, int] = {}
    for point in points:
        counts[point["year"]] = counts.get(point["year"], 0) + 1
    if not counts:
        return None
    threshold = max(counts.values()) / 2
    return max(year for year, n in counts.items() if n >= threshold)


def _map(doc: Document, inputs: Inputs, *, values: dict[str, float], title: str, unit: str, year, source: str,
         higher_is_better, alt: str, numbers: list[int]) -> None:
    labels = {c.iso3: c.name for c in inputs.countries}
    shapes = {c.iso3: c.geometry for c in inputs.countries}
    spec = maps.choropleth(shapes=shapes, values=values, labels=labels, title=title, unit=unit, year=year,
                           source=source, no_data_label=_("no data"), higher_is_better=higher_is_better,
                           description=alt, height=MAP_HEIGHT)
    doc.add({"type": "figure", "svg": print_svg(spec, width=MAP_WIDTH), "alt": alt,
             "caption": f"{title}, {year} {refs(numbers)}"})


def _indicator_map(doc: Document, inputs: Inputs) -> None:
    indicator = inputs.indicators.get(MAP_INDICATOR)
    points = inputs.series.get(MAP_INDICATOR, [])
    year = _map_year(points)
    if indicator is None or year is None:
        return
    drawn = [p for p in points if p["year"] == year]
    values = {p["country"]: p["value"] for p in drawn}
    keys = {p["source"] for p in drawn}
    numbers = [doc.sources.indicator_source(inputs.sources[k]) for k in sorted(keys)]
    highest = max(drawn, key=lambda p: p["value"])
    names = {c.iso3: c.name for c in inputs.countries}
    alt = _("Map of %(name)s in %(year)s: %(n)s of %(total)s countries have data; the highest rate is in "
            "%(top)s (%(value)s). The values are in the table of headline indicators.") % {
        "name": indicator.name, "year": year, "n": len(values), "total": len(inputs.countries),
        "top": names.get(highest["country"], highest["country"]), "value": number(highest["value"], indicator.decimals)}
    _map(doc, inputs, values=values, title=indicator.name, unit=indicator.unit, year=year,
         source=source_line(indicator, keys), higher_is_better=indicator.higher_is_better, alt=alt, numbers=numbers)


def _indicator_tables(doc: Document, inputs: Inputs) -> None:
    names = {c.iso3: c.name for c in inputs.countries}
    order = sorted(inputs.countries, key=lambda c: c.name)
    groups = [[inputs.indicators[code] for code in group if code in inputs.indicators
               and inputs.latest_by_country(code)] for group in TABLE_GROUPS]
    groups = [group for group in groups if group]
    if not groups:
        return
    doc.heading(_("Headline indicators by country"))
    doc.paragraph(_("Each country's latest value with its year; the number in brackets is the source. A dash means "
                    "that no source gives a value."), style="note")
    letters = iter("ABCDEFGHIJ")
    for indicators in groups:
        # Columns are keyed by letter: the indicators' full names would make headers taller than the rows.
        keyed = [(next(letters), indicator) for indicator in indicators]
        doc.paragraph(runs=[run for key, indicator in keyed for run in (
            {"text": f"{key} ", "strong": True}, {"text": f"— {indicator.name}, {indicator.unit}. "})],
            style="key")
        rows = []
        for country in order:
            row = [{"text": names[country.iso3], "strong": True}]
            for _key, indicator in keyed:
                point = inputs.latest_by_country(indicator.code).get(country.iso3)
                if point is None:
                    row.append({"text": "—", "muted": True})
                    continue
                n = doc.sources.indicator_source(inputs.sources[point["source"]])
                row.append(f"{number(point['value'], indicator.decimals)} ({point['year']}) {refs([n])}")
            rows.append(row)
        columns = [{"label": _("Country"), "width": "1fr"}]
        columns += [{"label": key, "width": "22%", "align": "right"} for key, _indicator in keyed]
        doc.add({"type": "table", "columns": columns, "rows": rows, "size": "small"})


def _scorecard(doc: Document, inputs: Inputs) -> None:
    platform = inputs.scorecard
    if platform is None:
        return
    year = platform.latest_year
    card = platform.cards[year]
    names = {c.iso3: c.name for c in inputs.countries}
    scored = [(iso3, row) for iso3, row in card.scores.iterrows() if iso3 in names and is_number(row["score"])]
    if not scored:
        return
    doc.heading(_("Policy scorecard %(year)s") % {"year": year})
    dimensions = platform.framework.dimensions
    legend = "; ".join(f"D{i} — {d.name(doc.language)}" for i, d in enumerate(dimensions, start=1))
    doc.paragraph(_("Scores from 0 to 100 (100 = the model of a health-centred, non-repressive drug policy), "
                    "overall and by dimension: %(legend)s. Missing inputs are left out, never counted as zero; a "
                    "country whose inputs with data carry too little of the weight is scored but not ranked.")
                  % {"legend": legend}, style="intro-note")
    values = {iso3: float(row["score"]) for iso3, row in scored}
    alt = _("Map of the policy scorecard in %(year)s: %(n)s countries are scored; darker means a lower score.") % {
        "year": year, "n": len(values)}
    numbers = [doc.sources.document(title=_("Drug Policy Observatory, policy scorecard (computed from the laws, "
                                            "indicators and expert survey of the platform)"))]
    _map(doc, inputs, values=values, title=_("Policy scorecard"), unit=_("score (0–100)"), year=year,
         source=_("Source: Drug Policy Observatory"), higher_is_better=True, alt=alt, numbers=numbers)
    scored.sort(key=lambda item: (not is_number(item[1]["rank"]), item[1]["rank"] if is_number(item[1]["rank"])
                                  else 0, names[item[0]]))
    rows = []
    for iso3, row in scored:
        rows.append([str(int(row["rank"])) if is_number(row["rank"]) else "—",
                     {"text": names[iso3], "strong": True}, number(row["score"], 1),
                     *[number(card.dimensions.at[iso3, d.code], 0) if is_number(card.dimensions.at[iso3, d.code])
                       else "—" for d in dimensions]])
    columns = [{"label": _("Rank"), "width": "auto", "align": "right"}, {"label": _("Country"), "width": "1fr"},
               {"label": _("Score"), "width": "auto", "align": "right"}]
    columns += [{"label": f"D{i}", "width": "auto", "align": "right"} for i in range(1, len(dimensions) + 1)]
    doc.add({"type": "table", "columns": columns, "rows": rows, "size": "small"})


def _laws(doc: Document, inputs: Inputs) -> None:
    comparator = optional("observatory.laws.comparator")
    if comparator is None or not inputs.law_provisions or not inputs.law_versions:
        return
    doc.heading(_("The law against the model law"))
    doc.paragraph(_("How many of the %(n)s provisions of the model non-repressive drug law each country's law meets. "
                    "“Unknown”: no source states the law, and nothing is assumed. The sources are listed in each "
                    "country's brief.") % {"n": len(inputs.law_provisions)}, style="note")
    rows = []
    for country in sorted(inputs.countries, key=lambda c: c.name):
        counts = comparator.summary(comparator.assess(provisions=inputs.law_provisions,
                                                      versions=inputs.law_versions.get(country.iso3, [])))
        rows.append([{"text": country.name, "strong": True}, str(counts["meets"]), str(counts["partly"]),
                     str(counts["does_not_meet"]), str(counts["unknown"])])
    columns = [{"label": _("Country"), "width": "1fr"}, {"label": _("Meets"), "width": "auto", "align": "right"},
               {"label": _("Partly meets"), "width": "auto", "align": "right"},
               {"label": _("Does not meet"), "width": "auto", "align": "right"},
               {"label": _("Unknown"), "width": "auto", "align": "right"}]
    doc.add({"type": "table", "columns": columns, "rows": rows, "size": "small"})


def regional_brief(*, inputs: Inputs, language: str) -> Document:
    doc = Document(kind="regional", language=language,
                   title=_("Drug policy in Central and Eastern Europe and Central Asia"),
                   subtitle=_("Regional brief"))
    doc.paragraph(_("The %(n)s countries of the region side by side: the latest figures on drug deaths, "
                    "imprisonment, treatment and HIV, the policy scorecard and the state of the law against a model "
                    "non-repressive drug law. Each figure gives its year and a numbered source, listed at the end; "
                    "figures from different years and sources are not strictly comparable.")
                  % {"n": len(inputs.countries)}, style="lead")
    _indicator_map(doc, inputs)
    _indicator_tables(doc, inputs)
    _scorecard(doc, inputs)
    _laws(doc, inputs)
    return doc
