"""The platform's own inputs to the index, for any year, each traceable to its value, year and source.

Three kinds of input code, read from the database once and then cut by year:

* ``law:<provision>``: the provision's state on 31 December of the year (``observatory.laws.rules``),
  judged against the model law: meets 100, partly 50, does not meet 0. Unknown is missing, not 0.
* ``survey:<question>``: the latest finalised expert answer of that year or before (0-100).
* any other code: an indicator of the indicator database, or a rate in ``RATIOS``. An indicator takes
  its latest annual value at or before the year (totals only: no sex or age breakdown); two sources
  for the same year are resolved by the indicator's ``preferred_sources``, then by source key. A rate
  takes the numerator's latest year at or before the year and the denominator of that same year.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from observatory.laws import comparator, labels
from observatory.laws.models import LegalProvision, ModelLawProvision
from observatory.laws.rules import SCORES, UNKNOWN, holds_at

if TYPE_CHECKING:
    import pandas as pd

FIRST_YEAR = 2010


@dataclass(frozen=True)
class Ratio:
    numerator: str
    denominator: str
    per: float
    name_en: str
    name_ru: str
    unit_en: str
    unit_ru: str


RATIOS = {
    "prisoners_drug_offences_per_100k": Ratio(
        "prisoners_drug_offences", "population", 100_000,
        "People in prison for drug offences per 100,000 population",
        "Число лиц в местах лишения свободы за преступления, связанные с наркотиками, на 100 000 населения",
        "per 100,000 population", "на 100 000 населения"),
    "dlo_use_possession_per_100k": Ratio(
        "dlo_use_possession", "population", 100_000,
        "Drug law offences for use or possession per 100,000 population",
        "Правонарушения, связанные с употреблением или хранением наркотиков, на 100 000 населения",
        "per 100,000 population", "на 100 000 населения"),
    "prisoners_on_ost_per_100_prisoners": Ratio(
        "prisoners_on_ost", "prisoners_total", 100,
        "Prisoners receiving opioid substitution therapy per 100 people in prison",
        "Заключённые, получающие опиоидную заместительную терапию, на 100 лиц в местах лишения свободы",
        "per 100 people in prison", "на 100 лиц в местах лишения свободы"),
}


def input_kind(code: str) -> str:
    if code.startswith("law:"):
        return "law"
    if code.startswith("survey:"):
        return "survey"
    return "ratio" if code in RATIOS else "indicator"


@dataclass
class Trace:
    """Where one input value comes from: enough to show it and link to its source."""

    kind: str
    code: str
    value: float
    year: int | None = None
    raw: str = ""
    source: dict = field(default_factory=dict)
    parts: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)


@dataclass
class History:
    """Every raw input of a framework, loaded once; ``at(year)`` cuts it for one year."""

    countries: list[str]
    observations: dict
    sources: dict
    preferred: dict
    laws: dict
    provisions: dict
    survey: dict
    primary: set = field(default_factory=set)

    def _indicator(self, country: str, code: str, year: int, exact: bool = False) -> Trace | None:
        rows = self.observations.get((country, code), [])
        candidates = [r for r in rows if (r["year"] == year if exact else r["year"] <= year)]
        if not candidates:
            return None
        latest = max(r["year"] for r in candidates)
        order = self.preferred.get(code, [])
        same = [r for r in candidates if r["year"] == latest]
        same.sort(key=lambda r: (order.index(r["source"]) if r["source"] in order else len(order), r["source"]))
        row = same[0]
        return Trace(kind="indicator", code=code, value=row["value"], year=row["year"], raw=row["raw"],
                     source=self.sources.get(row["source"], {"key": row["source"]}))

    def _ratio(self, country: str, code: str, year: int) -> Trace | None:
        ratio = RATIOS[code]
        top = self._indicator(country, ratio.numerator, year)
        if top is None:
            return None
        bottom = self._indicator(country, ratio.denominator, top.year, exact=True)
        if bottom is None or not bottom.value:
            return None
        return Trace(kind="ratio", code=code, value=top.value / bottom.value * ratio.per, year=top.year,
                     parts=[top, bottom])

    def _law(self, country: str, code: str, year: int) -> Trace | None:
        spec = self.provisions.get(code)
        if spec is None:
            return None
        at = datetime.date(year, 12, 31)
        holding = [v for v in self.laws.get((country, code), [])
                   if holds_at(valid_from=v.valid_from, valid_to=v.valid_to, as_of=v.as_of, at=at)]
        if not holding:
            return None
        version = holding[-1]
        status = comparator.version_status(version)
        if status == UNKNOWN:
            return None
        return Trace(kind="law", code=f"law:{code}", value=SCORES[status], year=version.as_of,
                     raw=version.value, extra={
                         "status": status, "provision": code, "citation": version.citation,
                         "valid_from": version.valid_from_display, "valid_to": version.valid_to_display,
                         "max_penalty_months": version.max_penalty_months,
                         "sources": [{"title": s.title, "url": s.url, "publisher": s.publisher}
                                     for s in version.sources.all()]})

    def _survey(self, country: str, code: str, year: int) -> Trace | None:
        finals = [f for f in self.survey.get((country, code), []) if f["year"] <= year and f["score"] is not None]
        if not finals:
            return None
        final = max(finals, key=lambda f: f["year"])
        return Trace(kind="survey", code=f"survey:{code}", value=final["score"], year=final["year"],
                     raw=final["option"], extra={"question": code, "evidence": final["evidence"]})

    def trace(self, country: str, code: str, year: int) -> Trace | None:
        kind = input_kind(code)
        if kind == "law":
            return self._law(country, code.removeprefix("law:"), year)
        if kind == "survey":
            return self._survey(country, code.removeprefix("survey:"), year)
        if kind == "ratio":
            return self._ratio(country, code, year)
        return self._indicator(country, code, year)

    def at(self, codes: list[str], year: int) -> tuple[pd.DataFrame, dict[tuple[str, str], Trace]]:
        """The tidy table (country, indicator, value) of ``year`` and the trace of every value in it."""
        # Imported here: the scorecard pages import this module at start-up and pandas loads slowly.
        import pandas as pd

        traces = {}
        for country in self.countries:
            for code in codes:
                trace = self.trace(country, code, year)
                if trace is not None:
                    traces[(country, code)] = trace
        data = pd.DataFrame([(c, code, t.value) for (c, code), t in traces.items()],
                            columns=["country", "indicator", "value"])
        return data, traces

    def latest_year(self) -> int:
        """The latest year any input describes (observations, dated law versions, survey years)."""
        years = [r["year"] for (_, code), rows in self.observations.items() if code in self.primary for r in rows]
        years += [v.valid_from.year for versions in self.laws.values() for v in versions if v.valid_from]
        years += [v.as_of for versions in self.laws.values() for v in versions if v.as_of]
        years += [f["year"] for finals in self.survey.values() for f in finals]
        return min(max(years, default=FIRST_YEAR), datetime.date.today().year)


def history_load(*, codes: list[str]) -> History:
    """Read every input the framework's ``codes`` need, in a fixed number of queries."""
    from observatory.countries.models import Country
    from observatory.indicators.models import Indicator, Observation, Source
    from observatory.scorecard.models import SurveyFinal

    indicator_codes, primary = set(), set()
    for code in codes:
        kind = input_kind(code)
        if kind == "indicator":
            indicator_codes.add(code)
            primary.add(code)
        elif kind == "ratio":
            indicator_codes |= {RATIOS[code].numerator, RATIOS[code].denominator}
            primary.add(RATIOS[code].numerator)
    observations: dict = {}
    rows = (Observation.objects.filter(indicator__code__in=indicator_codes, sex="", age_group="",
                                       month__isnull=True, value__isnull=False)
            .values_list("country__iso3", "indicator__code", "year", "value", "source__key", "value_text",
                         "qualifier"))
    for iso3, code, year, value, source, text, qualifier in rows:
        observations.setdefault((iso3, code), []).append(
            {"year": year, "value": float(value), "source": source, "raw": text or f"{qualifier}{value:g}"})
    used_sources = {r["source"] for rs in observations.values() for r in rs}
    sources = {s.key: {"key": s.key, "publisher": s.publisher, "publisher_ru": s.publisher_ru,
                       "dataset": s.dataset, "dataset_ru": s.dataset_ru, "edition": s.edition,
                       "edition_ru": s.edition_ru, "url": s.url}
               for s in Source.objects.filter(key__in=used_sources)}
    preferred = dict(Indicator.objects.filter(code__in=indicator_codes).values_list("code", "preferred_sources"))

    law_codes = [c.removeprefix("law:") for c in codes if input_kind(c) == "law"]
    provisions = {p.code: p for p in ModelLawProvision.objects.filter(code__in=law_codes)}
    laws: dict = {}
    for version in (LegalProvision.objects.filter(provision__code__in=law_codes)
                    .select_related("provision", "country").prefetch_related("sources")
                    .order_by("country__iso3", "provision__code", "valid_from")):
        laws.setdefault((version.country.iso3, version.provision.code), []).append(version)

    survey_codes = [c.removeprefix("survey:") for c in codes if input_kind(c) == "survey"]
    survey: dict = {}
    for final in (SurveyFinal.objects.filter(question__code__in=survey_codes)
                  .values("country__iso3", "question__code", "year", "score", "option", "evidence")):
        survey.setdefault((final["country__iso3"], final["question__code"]), []).append(
            {"year": final["year"], "score": final["score"], "option": final["option"], "evidence": final["evidence"]})
    countries = list(Country.objects.filter(active=True).order_by("iso3").values_list("iso3", flat=True))
    return History(countries=countries, observations=observations, sources=sources, preferred=preferred,
                   laws=laws, provisions=provisions, survey=survey, primary=primary)


def law_phrase(trace: Trace) -> str:
    return labels.value_phrase(code=trace.extra["provision"], value=trace.raw,
                               max_penalty_months=trace.extra.get("max_penalty_months"))
