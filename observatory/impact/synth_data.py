"""A synthetic control study on the platform's data: the panel, the donors and the specification (reads only).

``synth_dataset`` takes an indicator, a country and one of its published policy
events, and builds the study that ``observatory analyze synth --spec`` runs:

* **Panel:** the indicator's yearly national values (preferred source, as the
  charts show them) for every country of the platform. A count is divided by
  the same year's population (per 100,000), so a large country is comparable
  with a small one; rates and percentages are used as published.
* **Window:** the treated country's longest run of consecutive years that
  contains the first year after the event (``rules.first_post_year``).
* **Donors:** every other country with a value in each year of the window,
  except a country with a published event of the same type inside the window
  (it would not show what happens without such a change). Each country left
  out is listed with its reason.
* **Specification:** the fitting window is every year before the event; the
  predictors are the outcome averaged over the first and the second half of
  those years, and its value in the last year before the event (lagged
  outcomes, as in Abadie, Diamond & Hainmueller 2010); V is chosen by the
  nested optimisation.

``SynthDataset.spec_mapping()`` is the YAML the page offers for download with
``panel_csv()``, so that a reader reproduces the page's numbers with the
command line.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field

from observatory.countries.models import Country
from observatory.events.models import PolicyEvent
from observatory.impact import rules
from observatory.impact.datasets import Refusal, study_parts
from observatory.indicators.models import Indicator, Source
from observatory.indicators.relative import PER, per_capita, population_lookup
from observatory.indicators.selectors import indicator_series

MIN_PRE_YEARS = 5
MIN_DONORS = 3
UNIT, TIME, OUTCOME = "country", "year", "value"


@dataclass
class SynthDataset:
    indicator: Indicator
    country: Country
    event: PolicyEvent
    first_post_year: int
    per_capita: bool
    years: list[int]
    panel: dict[str, dict[int, float]]  # ISO3 -> year -> value, treated country and donors only
    donors: list[str]
    left_out: list[dict] = field(default_factory=list)  # [{iso3, code, params}]
    sources: dict[str, Source] = field(default_factory=dict)
    population_sources: list[str] = field(default_factory=list)

    @property
    def pre_years(self) -> list[int]:
        return [y for y in self.years if y < self.first_post_year]

    @property
    def post_years(self) -> list[int]:
        return [y for y in self.years if y >= self.first_post_year]

    def check(self) -> None:
        """Raise ``Refusal`` (with a code the page words) when the data cannot carry the study."""
        if not self.years:
            raise Refusal("no_data", f"no yearly values of {self.indicator.code} for {self.country.iso3}")
        if not self.post_years:
            raise Refusal("event_after_series", f"the series ends in {self.years[-1]}, before the first year "
                          f"after the event ({self.first_post_year})", first=self.years[0], last=self.years[-1])
        if len(self.pre_years) < MIN_PRE_YEARS:
            raise Refusal("too_few_pre", f"{len(self.pre_years)} years before the event; at least "
                          f"{MIN_PRE_YEARS} are needed", n_pre=len(self.pre_years), min=MIN_PRE_YEARS)
        if len(self.donors) < MIN_DONORS:
            raise Refusal("too_few_donors", f"{len(self.donors)} countries have a value in every year "
                          f"{self.years[0]}-{self.years[-1]}; at least {MIN_DONORS} are needed",
                          n=len(self.donors), min=MIN_DONORS, first=self.years[0], last=self.years[-1])

    def predictors(self) -> list[dict]:
        pre = self.pre_years
        half = len(pre) // 2
        items = [{"column": OUTCOME, "from": pre[0], "to": pre[half - 1]},
                 {"column": OUTCOME, "from": pre[half], "to": pre[-1]}]
        if pre[-1] != pre[half]:
            items.append({"column": OUTCOME, "years": [pre[-1]]})
        return items

    def spec_mapping(self) -> dict:
        """The study as ``observatory analyze synth --spec`` takes it."""
        return {
            "unit": UNIT, "time": TIME, "outcome": OUTCOME, "treated": self.country.iso3,
            "treatment_time": self.first_post_year, "donors": list(self.donors),
            "fit": {"from": self.pre_years[0], "to": self.pre_years[-1]},
            "predictors": self.predictors(),
        }

    def frame_rows(self) -> list[tuple[str, int, float]]:
        return [(iso3, year, self.panel[iso3][year])
                for iso3 in [self.country.iso3, *self.donors] for year in self.years]

    def frame(self):
        import pandas as pd

        return pd.DataFrame(self.frame_rows(), columns=[UNIT, TIME, OUTCOME])

    def panel_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([UNIT, TIME, OUTCOME])
        for iso3, year, value in self.frame_rows():
            writer.writerow([iso3, year, repr(value)])
        return out.getvalue()

    def digest(self, version: int) -> str:
        payload = json.dumps({
            "version": version, "indicator": [self.indicator.code, self.indicator.name_en, self.indicator.name_ru,
                                              self.indicator.unit_en, self.indicator.unit_ru],
            "event": [self.event.slug, self.event.date.isoformat(), self.event.precision, self.event.type,
                      self.event.title_en, self.event.title_ru],
            "rows": self.frame_rows(), "left_out": self.left_out, "per_capita": self.per_capita,
            "sources": sorted([k, s.publisher, s.publisher_ru, s.dataset, s.edition, s.url]
                              for k, s in self.sources.items()),
        }, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
        return hashlib.sha256(payload.encode()).hexdigest()


def synth_dataset(*, indicator_code: str, iso3: str, event_slug: str) -> SynthDataset:
    """The study of ``indicator_code`` in ``iso3`` around the published event ``event_slug`` (module docstring).

    Raises ``NotFound`` for an unknown or categorical indicator, an unknown
    country, an unknown or unpublished event, or an event of another country.
    Data too thin for a study are not an error here: ``SynthDataset.check`` refuses.
    """
    indicator, country, event = study_parts(indicator_code=indicator_code, iso3=iso3, event_slug=event_slug)
    fpy = rules.first_post_year(event.date, event.precision)
    points = indicator_series(indicator=indicator)
    population_keys: set[str] = set()
    if indicator.is_count:
        population_indicator = Indicator.objects.filter(code=rules.POPULATION_CODE).first()
        population = population_lookup(indicator_series(indicator=population_indicator)) \
            if population_indicator else {}
        points, _missing = per_capita(points, population)
        population_keys = {p["population_source"] for p in points}
    values: dict[str, dict[int, float]] = {}
    used_sources: dict[str, set[str]] = {}
    for point in points:
        values.setdefault(point["country"], {})[point["year"]] = float(point["value"])
        used_sources.setdefault(point["country"], set()).add(point["source"])
    years = _window(sorted(values.get(country.iso3, {})), fpy)
    donors, left_out = _donors(country, event, years, values)
    keys = set().union(*(used_sources.get(c, set()) for c in [country.iso3, *donors])) | population_keys
    panel = {c: values[c] for c in [country.iso3, *donors] if c in values}
    return SynthDataset(
        indicator=indicator, country=country, event=event, first_post_year=fpy, per_capita=indicator.is_count,
        years=years, panel=panel, donors=donors, left_out=left_out,
        sources={s.key: s for s in Source.objects.filter(key__in=keys)}, population_sources=sorted(population_keys),
    )


def _window(years: list[int], first_post_year: int) -> list[int]:
    """The longest run of consecutive years containing ``first_post_year`` (else the run just before it)."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    for run in runs:
        if run[0] <= first_post_year <= run[-1]:
            return run
    before = [run for run in runs if run[-1] < first_post_year]
    return before[-1] if before else []


def _donors(country: Country, event: PolicyEvent, years: list[int], values: dict) -> tuple[list[str], list[dict]]:
    from observatory.events.models import PolicyEvent as Event

    if not years:
        return [], []
    similar: dict[str, PolicyEvent] = {}
    for other in Event.objects.filter(published=True, type=event.type, date__year__gte=years[0],
                                      date__year__lte=years[-1]).exclude(country=country).select_related("country"):
        similar.setdefault(other.country.iso3, other)
    donors, left_out = [], []
    for iso3 in sorted(Country.objects.filter(active=True).exclude(pk=country.pk).values_list("iso3", flat=True)):
        series = values.get(iso3, {})
        missing = [y for y in years if y not in series]
        if iso3 in similar:
            other = similar[iso3]
            left_out.append({"iso3": iso3, "code": "similar_event",
                             "params": {"event": other.slug, "year": other.date.year}})
        elif len(missing) == len(years):
            left_out.append({"iso3": iso3, "code": "no_data", "params": {}})
        elif missing:
            left_out.append({"iso3": iso3, "code": "missing_years",
                             "params": {"years": missing[:5], "n": len(missing)}})
        else:
            donors.append(iso3)
    return donors, left_out


__all__ = ["MIN_DONORS", "MIN_PRE_YEARS", "PER", "SynthDataset", "synth_dataset"]
