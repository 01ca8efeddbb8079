"""The country dashboard: headline cards, trend charts with policy events, and the cross-country "links".

Reads public data only. Each figure carries its year and source; a country with
little data gets fewer cards and a plain sentence, never an empty chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from observatory import access
from observatory.charts import specs
from observatory.charts.render import chart_svg, narrow_url
from observatory.countries.models import Country
from observatory.countries.selectors import country_list
from observatory.indicators import relative
from observatory.indicators.explorer import event_markers, source_line
from observatory.indicators.models import Indicator, Observation, Source
from observatory.indicators.selectors import indicator_series

# The outcomes and responses a decision-maker asks about first, in order. Where the EU's own
# series exists it is shown too; GBD's modelled series covers every country but Kosovo.
CARD_INDICATORS = ["gbd_drug_deaths_rate_as", "drug_induced_deaths", "prisoners_drug_offences",
                   "ost_clients_methadone", "ost_coverage", "hiv_prevalence_pwid"]
TREND_INDICATORS = ["gbd_drug_deaths_rate_as", "prisoners_drug_offences", "gbd_hiv_deaths_rate_as"]
RATE_PER_100K = "per_100k"


@dataclass
class Card:
    indicator: Indicator
    value: float
    year: int
    source: Source
    change_pct: float | None
    change_from_year: int | None
    rank: int
    ranked: int

    @property
    def rank_is_high_bad(self) -> bool:
        return self.indicator.higher_is_better is False


@dataclass
class Link:
    title: str
    x_label: str
    y_label: str
    points: list[dict]
    stats: dict | None
    chart: str
    sources: str
    narrow: str = ""  # the same chart drawn at a phone's width


@dataclass
class Dashboard:
    country: Country
    cards: list[Card] = field(default_factory=list)
    trends: list[tuple[Indicator, str, str]] = field(default_factory=list)  # indicator, SVG, phone drawing
    links: list[Link] = field(default_factory=list)
    events: list = field(default_factory=list)
    violations: object | None = None  # the registry's published table (small cells suppressed), if any


def country_violations(country: Country):
    """The latest year's published totals of documented violations, or None (the registry suppresses small cells)."""
    import datetime

    try:
        from observatory.cases import statistics
    except ImportError:
        return None
    this_year = datetime.date.today().year
    for year in range(this_year, this_year - 5, -1):
        if statistics.counted_cases(country_id=country.pk, year=year).exists():
            table = statistics.violation_stats(country=country, year=year, by="violation")
            return table if table.total else None
    return None


def _indicators(codes) -> dict[str, Indicator]:
    return {i.code: i for i in access.public_scope(Indicator).filter(code__in=codes)}


def _latest_dated(series: list[dict]) -> dict[str, dict]:
    latest: dict[str, dict] = {}
    for point in series:
        if point["country"] not in latest or point["year"] > latest[point["country"]]["year"]:
            latest[point["country"]] = point
    return latest


def _card(indicator: Indicator, series: list[dict], iso3: str, sources: dict[str, Source]) -> Card | None:
    latest = _latest_dated(series)
    mine = latest.get(iso3)
    if mine is None:
        return None
    earlier = next((p for p in series if p["country"] == iso3 and p["year"] == mine["year"] - 5), None)
    change = None
    if earlier and earlier["value"] and earlier["source"] == mine["source"]:
        change = (mine["value"] - earlier["value"]) / abs(earlier["value"]) * 100
    # Rank 1 = the highest value among the countries with data (their own latest year).
    ordered = sorted(latest.values(), key=lambda p: p["value"], reverse=True)
    rank = next(i for i, p in enumerate(ordered, start=1) if p["country"] == iso3)
    return Card(indicator=indicator, value=mine["value"], year=mine["year"], source=sources[mine["source"]],
                change_pct=change, change_from_year=earlier["year"] if change is not None else None,
                rank=rank, ranked=len(ordered))


def _link(*, title, x: tuple[Indicator, list[dict], str], y: tuple[Indicator, list[dict], str], labels,
          iso3, sources) -> Link | None:
    (x_ind, x_series, x_label), (y_ind, y_series, y_label) = x, y
    x_latest, y_latest = _latest_dated(x_series), _latest_dated(y_series)
    points = [{"country": c, "name": labels.get(c, c), "x": x_latest[c]["value"], "y": y_latest[c]["value"],
               "x_year": x_latest[c]["year"], "y_year": y_latest[c]["year"]}
              for c in sorted(set(x_latest) & set(y_latest))]
    if len(points) < 4:
        return None
    stats = specs.correlation([p["x"] for p in points], [p["y"] for p in points])
    keys = {x_latest[p["country"]]["source"] for p in points} | {y_latest[p["country"]]["source"] for p in points}
    # Sorted: a set's order differs between worker processes, and the page must not change on reload.
    source_text = "; ".join(dict.fromkeys(sources[k].publisher_name for k in sorted(keys) if k in sources))
    subtitle = _("Each point is a country's latest value (years may differ).")
    if stats:
        subtitle += " " + _("r = %(r).2f (95%% CI %(lo).2f to %(hi).2f), %(n)s countries.") % {
            "r": stats["r"], "lo": stats["ci_low"], "hi": stats["ci_high"], "n": stats["n"]}
    spec = specs.scatter(points=points, x_title=x_label, y_title=y_label, title=title, subtitle=subtitle,
                         source=_("Source: %(sources)s") % {"sources": source_text}, highlight=iso3,
                         description=_("Scatter plot of %(y)s against %(x)s, one point per country.") % {
                             "x": x_label, "y": y_label})
    return Link(title=title, x_label=x_label, y_label=y_label, points=points, stats=stats,
                chart=chart_svg(spec, width=560), sources=source_text, narrow=narrow_url(spec))


def dashboard_build(*, country: Country) -> Dashboard:
    """Everything the country page shows, from the indicator database and the policy events."""
    codes = set(CARD_INDICATORS) | set(TREND_INDICATORS) | {"population", "hiv_prevalence_pwid", "ost_coverage",
                                                            "gbd_hiv_deaths_rate_as", "prisoners_drug_offences",
                                                            "gbd_drug_deaths_rate_as"}
    indicators = _indicators(codes)
    sources = {s.key: s for s in access.public_scope(Source)}
    labels = {c.iso3: c.name for c in country_list()}
    series = {code: indicator_series(indicator=ind) for code, ind in indicators.items()}
    board = Dashboard(country=country)
    for code in CARD_INDICATORS:
        if code in indicators:
            card = _card(indicators[code], series[code], country.iso3, sources)
            if card:
                board.cards.append(card)
    markers = event_markers(countries=[country.iso3])
    for code in TREND_INDICATORS:
        indicator = indicators.get(code)
        if indicator is None or not any(p["country"] == country.iso3 for p in series[code]):
            continue
        points, divided = relative.trend_series(series[code], series.get("population", []),
                                                is_count=indicator.is_count)
        spec = specs.line_chart(
            points=points, title=indicator.name,
            unit=_("%(unit)s per 100,000 population") % {"unit": indicator.unit} if divided else indicator.unit,
            source=source_line(indicator, {p["source"] for p in points}), labels=labels,
            highlight=[country.iso3], events=markers, median_label=_("median of the countries"),
            description=_("%(name)s in %(country)s compared with the other countries and their median.") % {
                "name": indicator.name, "country": country.name},
            height=240,
        )
        board.trends.append((indicator, chart_svg(spec, width=560), narrow_url(spec)))
    population = series.get("population", [])
    prisoners_rate = relative.per_capita(series.get("prisoners_drug_offences", []),
                                         relative.population_lookup(population))[0]
    pairs = [
        (_("OST coverage and HIV among people who inject drugs"), "ost_coverage", "hiv_prevalence_pwid", None),
        (_("OST coverage and HIV deaths"), "ost_coverage", "gbd_hiv_deaths_rate_as", None),
        (_("Imprisonment for drug offences and drug deaths"), "prisoners_drug_offences", "gbd_drug_deaths_rate_as",
         prisoners_rate),
    ]
    for title, x_code, y_code, x_override in pairs:
        if x_code not in indicators or y_code not in indicators:
            continue
        x_series = x_override if x_override is not None else series[x_code]
        x_label = (_("prisoners held for drug offences per 100,000 population") if x_override is not None
                   else f"{indicators[x_code].name} ({indicators[x_code].unit})")
        link = _link(title=title, x=(indicators[x_code], x_series, x_label),
                     y=(indicators[y_code], series[y_code], f"{indicators[y_code].name} ({indicators[y_code].unit})"),
                     labels=labels, iso3=country.iso3, sources=sources)
        if link:
            board.links.append(link)
    board.events = markers
    board.violations = country_violations(country)
    return board


def observations_count(*, country: Country) -> int:
    return access.public_scope(Observation).filter(country=country).count()


# The registry's published totals follow case records, not the data version: the cached board expires
# after this long, and is rebuilt from the cached charts (no chart is drawn again unless its data changed).
BOARD_SECONDS = 600


def country_board(*, country: Country) -> Dashboard:
    """The country page's board in the active language, cached per data version (every worker shares it)."""
    from django.utils.translation import get_language

    from observatory.indicators.selectors import cached_by_data_version

    return cached_by_data_version(f"dashboard:{country.iso3}:{get_language()}",
                                  lambda: dashboard_build(country=country), timeout=BOARD_SECONDS)


def country_boards_prerender(*, progress=None) -> int:
    """Build every country's board in every language, drawing their charts, so no visitor waits for them.

    Run in the background after an import. ``progress(done, total)`` is called after each board.
    Returns the number of boards built.
    """
    from django.conf import settings
    from django.utils import translation

    countries = list(country_list())
    total = len(countries) * len(settings.LANGUAGES)
    done = 0
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for country in countries:
                country_board(country=country)
                done += 1
                if progress is not None:
                    progress(done, total)
    return done
