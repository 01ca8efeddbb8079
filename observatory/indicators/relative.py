"""Relative views of a series: per 100,000 population and an index (first year = 100). Pure functions.

A count such as prisoners for drug offences is dominated by the largest country (Russia's 130,000
against Montenegro's 184). Per 100,000 population puts countries of every size on one scale; an
index shows how each country changed against its own starting point.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

PER = 100_000


def per_capita(points: Iterable[Mapping], population: Mapping[tuple[str, int], tuple[float, str]], *,
               per: int = PER) -> tuple[list[dict], list[dict]]:
    """Each value divided by the population of its country in the same year, times ``per``.

    ``population`` maps (ISO3, year) to (people, source key). Only the same year's population is
    used (no interpolation); values without one are returned separately, as ``missing``, so that
    the page can say how many were left out.
    """
    scaled, missing = [], []
    for point in points:
        people = population.get((point["country"], point["year"]))
        if not people or not people[0]:
            missing.append(dict(point))
            continue
        factor = per / people[0]
        row = {**point, "value": point["value"] * factor, "population": people[0], "population_source": people[1]}
        for bound in ("lower", "upper"):
            if point.get(bound) is not None:
                row[bound] = point[bound] * factor
        scaled.append(row)
    return scaled, missing


def indexed(points: Iterable[Mapping]) -> list[dict]:
    """Each country's values as an index of its first value in the series (= 100).

    A country whose first value is zero cannot be indexed and is left out. Each point keeps the
    base year it is compared with (``base_year``).
    """
    by_country: dict[str, list[Mapping]] = {}
    for point in points:
        by_country.setdefault(point["country"], []).append(point)
    result = []
    for series in by_country.values():
        series = sorted(series, key=lambda p: p["year"])
        base = series[0]
        if not base["value"]:
            continue
        for point in series:
            result.append({**point, "value": point["value"] / base["value"] * 100, "base_year": base["year"]})
    return sorted(result, key=lambda p: (p["country"], p["year"]))


def population_lookup(population_points: Iterable[Mapping]) -> dict[tuple[str, int], tuple[float, str]]:
    """``(ISO3, year) → (people, source key)`` from a population series, for :func:`per_capita`."""
    return {(p["country"], p["year"]): (p["value"], p["source"]) for p in population_points}


def trend_series(points: list[dict], population_points: Iterable[Mapping], *, is_count: bool
                 ) -> tuple[list[dict], bool]:
    """A trend chart's series: a count per 100,000 population (so that one large country does not
    flatten every other line), anything else as published. Returns the series and whether it was divided."""
    if not is_count:
        return points, False
    scaled, _missing = per_capita(points, population_lookup(population_points))
    return scaled, True
