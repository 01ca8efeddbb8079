"""Public API of the scorecard: the ranking of a year and one country's score traced to its inputs."""

from __future__ import annotations

import math

from ninja import Router
from ninja.errors import HttpError

from observatory.scorecard import selectors

router = Router()


def _num(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def _year(platform, year):
    if year is None:
        return platform.latest_year
    if year not in platform.cards:
        raise HttpError(404, f"No scorecard for {year}; years: {platform.years[0]}-{platform.years[-1]}.")
    return year


@router.get("/scorecard", summary="The scorecard of a year: score, rank, dimensions, missing inputs, rank interval")
def scorecard(request, year: int | None = None):
    """Scores are unrounded; ``rank_low``-``rank_high`` is the 90 % Monte Carlo interval (weights ±25 %,
    normalisation method); ``change`` is the score change since the year before."""
    platform = selectors.scorecard_platform()
    year = _year(platform, year)
    card = platform.cards[year]
    mc = selectors.scorecard_uncertainty(platform=platform, year=year)
    change = platform.change(year)
    countries = card.to_dict()
    for iso3, entry in countries.items():
        entry["coverage"] = float(card.scores.at[iso3, "coverage"])
        entry |= {k: _num(mc.at[iso3, k]) for k in ("median_rank", "rank_low", "rank_high")}
        entry["change"] = _num(change.at[iso3, "change"]) if change is not None else None
    framework = platform.framework
    return {
        "year": year, "years": platform.years, "aggregation": framework.aggregation,
        "dimensions": [{"code": d.code, "name_en": d.name_en, "name_ru": d.name_ru, "weight": d.weight,
                        "indicators": [{"code": i.code, "weight": i.weight, "direction": i.direction,
                                        "normalise": i.normalise, "target": i.target} for i in d.indicators]}
                       for d in framework.dimensions],
        "countries": countries,
    }


@router.get("/scorecard/{iso3}", summary="One country's score with every input's value, year, source and "
                                         "contribution")
def scorecard_country(request, iso3: str, year: int | None = None):
    platform = selectors.scorecard_platform()
    year = _year(platform, year)
    card = platform.cards[year]
    iso3 = iso3.upper()
    if iso3 not in card.scores.index:
        raise HttpError(404, "Unknown country code; see /api/v1/countries.")
    inputs = []
    rows = card.contributions[card.contributions["country"] == iso3]
    for row in rows.itertuples():
        trace = platform.traces[year].get((iso3, row.indicator))
        inputs.append({
            "dimension": row.dimension, "code": row.indicator, "value": _num(row.value),
            "normalised": _num(row.normalised), "weight": _num(row.weight), "points": _num(row.points),
            "year": trace.year if trace else None, "kind": trace.kind if trace else None,
            "as_printed": trace.raw if trace else None,
            "source": (trace.source or None) if trace else None,
            "parts": [{"code": p.code, "value": p.value, "year": p.year, "source": p.source}
                      for p in trace.parts] if trace else [],
            "law": trace.extra if trace and trace.kind == "law" else None,
            "survey": trace.extra if trace and trace.kind == "survey" else None,
        })
    entry = card.to_dict()[iso3]
    return {"country": iso3, "year": year, **entry, "coverage": float(card.scores.at[iso3, "coverage"]),
            "inputs": inputs}
