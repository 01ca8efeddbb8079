"""Assembling an interrupted time series from the platform's data (reads only).

``its_dataset`` picks an indicator's yearly national series for one country
(from the indicator's preferred source, as the charts show it), the World Bank
population as the offset for counts, and the interruption from a published
policy event, following the rules in ``observatory.impact.rules``. The result
is plain data that ``observatory.analysis.its_fit`` takes as a DataFrame; the
pages and ``observatory analyze its --indicator ... --country ... --event ...``
share it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from observatory.analysis.errors import InsufficientData, InvalidInput
from observatory.countries.models import Country
from observatory.countries.selectors import country_get
from observatory.events.models import PolicyEvent
from observatory.events.selectors import event_get, events_for_country
from observatory.impact import rules
from observatory.indicators.models import Indicator, Source
from observatory.indicators.selectors import indicator_series

if TYPE_CHECKING:
    import pandas as pd

# Column names of the frame handed to the engine.
YEAR, VALUE, POST, POPULATION = "year", "value", "post", "population"


class NotFound(InvalidInput):
    """The indicator, country or event does not exist, is not public, or they do not belong together."""


class Refusal(InsufficientData):
    """The data cannot support an estimate; ``code`` and ``params`` let a page say why in its own language."""

    def __init__(self, code: str, message: str, **params):
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class SeriesPoint:
    """One year of the outcome: value, the source it comes from, the population (offset) and 0/1 after the event."""

    year: int
    value: float
    source: str
    population: float | None
    post: int

    def to_dict(self) -> dict:
        return {"year": self.year, "value": self.value, "source": self.source, "population": self.population,
                "post": self.post}


@dataclass
class ItsDataset:
    """An outcome series, its interruption and the model choices that follow from the rules.

    ``points`` are the years that enter the fit, oldest first. ``excluded_years``
    are years with an outcome but no population figure, left out when the offset
    is used. ``family_chosen`` is true when the caller overrode the default family.
    ``sources`` holds the sources of the values and of the population, whose
    keys are also in ``population_sources``.
    """

    indicator: Indicator
    country: Country
    event: PolicyEvent
    measure: str
    family: str
    family_chosen: bool
    offset: bool
    population_missing: bool
    first_post_year: int
    points: list[SeriesPoint]
    excluded_years: list[int] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    population_sources: list[str] = field(default_factory=list)
    nearby_events: list[PolicyEvent] = field(default_factory=list)

    @property
    def n_pre(self) -> int:
        return sum(1 for p in self.points if not p.post)

    @property
    def n_post(self) -> int:
        return sum(1 for p in self.points if p.post)

    @property
    def years(self) -> list[int]:
        return [p.year for p in self.points]

    def frame(self) -> pd.DataFrame:
        """The series as the engine takes it: ``year``, ``value``, ``post`` (and ``population`` with an offset)."""
        # Imported here: the impact pages import this module at start-up and pandas loads slowly.
        import pandas as pd

        data = {YEAR: [p.year for p in self.points], VALUE: [p.value for p in self.points],
                POST: [p.post for p in self.points]}
        if self.offset:
            data[POPULATION] = [p.population for p in self.points]
        return pd.DataFrame(data)

    def source_changes(self) -> list[dict]:
        """Where the source of the values changes from one year to the next: ``[{year, before, after}]``."""
        changes = []
        for previous, current in zip(self.points, self.points[1:]):
            if previous.source != current.source:
                changes.append({"year": current.year, "before": previous.source, "after": current.source})
        return changes

    def gaps(self) -> list[int]:
        """Years missing inside the series (between its first and last year)."""
        years = set(self.years)
        return [y for y in range(min(years), max(years) + 1) if y not in years] if years else []

    def check(self) -> None:
        """Raise ``Refusal`` when the series cannot hold an interruption at ``first_post_year``.

        Too few years before the event is left to the engine, which owns that
        threshold (``InsufficientData`` below 8).
        """
        if not self.points:
            raise Refusal("no_data", f"no yearly values of {self.indicator.code} for {self.country.iso3}")
        first, last = self.points[0].year, self.points[-1].year
        if self.first_post_year > last:
            raise Refusal("event_after_series", f"the series ends in {last}, before the first year after the "
                          f"event ({self.first_post_year})", first=first, last=last)
        if self.first_post_year <= first:
            raise Refusal("event_before_series", f"the series starts in {first}, not before the first year after "
                          f"the event ({self.first_post_year})", first=first, last=last)

    def fingerprint(self) -> dict:
        """Everything the analysis and its wording depend on, as plain data (hashed into the cache key)."""
        return {
            "indicator": [self.indicator.code, self.indicator.name_en, self.indicator.name_ru, self.indicator.unit_en,
                          self.indicator.unit_ru, self.indicator.decimals],
            "country": self.country.iso3,
            "event": _event_fingerprint(self.event),
            "measure": self.measure, "family": self.family, "family_chosen": self.family_chosen,
            "offset": self.offset, "population_missing": self.population_missing,
            "first_post_year": self.first_post_year,
            "points": [[p.year, p.value, p.source, p.population, p.post] for p in self.points],
            "excluded_years": self.excluded_years,
            "sources": sorted([k, s.publisher, s.publisher_ru, s.dataset, s.edition, s.url]
                              for k, s in self.sources.items()),
            "population_sources": self.population_sources,
            "nearby": [_event_fingerprint(e) for e in self.nearby_events],
        }

    def digest(self, options: dict) -> str:
        """A SHA-256 of the data, the event and ``options``: the analysis's data version."""
        payload = json.dumps({"data": self.fingerprint(), "options": options}, sort_keys=True, ensure_ascii=False,
                             default=str, separators=(",", ":"))
        return hashlib.sha256(payload.encode()).hexdigest()


def _event_fingerprint(event: PolicyEvent) -> list:
    return [event.slug, event.date.isoformat(), event.precision, event.type, event.title_en, event.title_ru]


def outcome_indicator_get(*, code: str) -> Indicator:
    """A numeric indicator that can be an outcome; ``NotFound`` otherwise (population is the offset, not an outcome)."""
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None or indicator.kind != Indicator.Kind.NUMERIC or indicator.code == rules.POPULATION_CODE:
        raise NotFound(f"no numeric outcome indicator {code!r}")
    return indicator


def study_parts(*, indicator_code: str, iso3: str, event_slug: str) -> tuple[Indicator, Country, PolicyEvent]:
    """The outcome indicator, the country and its published event of a study; ``NotFound`` if they do not fit."""
    indicator = outcome_indicator_get(code=indicator_code)
    country = country_get(iso3=iso3)
    if country is None:
        raise NotFound(f"no country {iso3!r}")
    event = event_get(slug=event_slug)
    if event is None:
        raise NotFound(f"no published policy event {event_slug!r}")
    if event.country_id != country.pk:
        raise NotFound(f"event {event_slug!r} is an event of {event.country.iso3}, not of {country.iso3}")
    return indicator, country, event


def its_dataset(*, indicator_code: str, iso3: str, event_slug: str, family: str | None = None) -> ItsDataset:
    """The yearly series of ``indicator_code`` in ``iso3`` interrupted by the published event ``event_slug``.

    ``family`` overrides the default of the indicator's measure (counts:
    quasipoisson; rates and percentages: gaussian). Raises ``NotFound`` for an
    unknown or categorical indicator, an unknown country, an unpublished or
    unknown event, or an event of another country; ``InvalidInput`` for an
    unknown family. A series too short for the event is not an error here:
    ``ItsDataset.check`` and the engine refuse it.
    """
    if family is not None and family not in rules.FAMILIES:
        raise InvalidInput(f"family must be one of {', '.join(rules.FAMILIES)}, not {family!r}")
    indicator, country, event = study_parts(indicator_code=indicator_code, iso3=iso3, event_slug=event_slug)

    measure = rules.measure_of(indicator.unit_en)
    chosen = family is not None
    family = family or rules.default_family(measure)
    offset = rules.uses_offset(measure, family)
    fpy = rules.first_post_year(event.date, event.precision)

    series = indicator_series(indicator=indicator, countries=[country.iso3])
    population: dict[int, tuple[float, str]] = {}
    if offset:
        population_indicator = Indicator.objects.filter(code=rules.POPULATION_CODE).first()
        if population_indicator is not None:
            population = {p["year"]: (p["value"], p["source"]) for p in
                          indicator_series(indicator=population_indicator, countries=[country.iso3])
                          if p["value"] and p["value"] > 0}
    population_missing = offset and not population
    if population_missing:
        offset = False  # no population at all: model the count itself and say so
    points, excluded, population_keys = [], [], set()
    for row in series:
        people = population.get(row["year"]) if offset else None
        if offset and people is None:
            excluded.append(row["year"])
            continue
        if people is not None:
            population_keys.add(people[1])
        points.append(SeriesPoint(year=row["year"], value=float(row["value"]), source=row["source"],
                                  population=people[0] if people else None, post=int(row["year"] >= fpy)))
    keys = {p.source for p in points} | population_keys
    sources = {s.key: s for s in Source.objects.filter(key__in=keys)}
    nearby = [e for e in events_for_country(country=country)
              if e.pk != event.pk and abs(e.date.year - event.date.year) <= rules.NEARBY_EVENT_YEARS]
    return ItsDataset(indicator=indicator, country=country, event=event, measure=measure, family=family,
                      family_chosen=chosen, offset=offset, population_missing=population_missing,
                      first_post_year=fpy, points=points, excluded_years=excluded, sources=sources,
                      population_sources=sorted(population_keys), nearby_events=nearby)
