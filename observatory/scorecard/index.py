"""The composite index: normalisation, weighting and aggregation, uncertainty, year-over-year change.

Pure: plain dicts and pandas DataFrames in and out, no database. The rules (also in
``docs/scorecard.md``):

* ``minmax`` maps the countries with a value to 0-100, the best at 100:
  ``100 * (x - min) / (max - min)``, or ``100 * (max - x) / (max - min)`` when lower is better.
  When every country has the same value the indicator carries no information and each gets 50.
* ``zscore`` standardises across the countries with a value: ``(x - mean) / sd`` with the population
  standard deviation (``ddof = 0``), the sign flipped when lower is better; ``sd = 0`` gives 0.
* ``target`` gives ``100 * min(x / target, 1)`` when higher is better and ``100 * min(target / x, 1)``
  when lower is better (a value at or below zero then meets the target: 100); never below 0.
* Weights are renormalised within each level (dimensions; indicators within a dimension).
* A missing indicator is dropped and its weight re-spread over the indicators present in its
  dimension, in proportion to their weights; the output lists it as missing. A dimension with no
  indicator present is dropped in the same way at the top level and shown as ``None``.
* ``arithmetic`` aggregation is the weighted mean; ``geometric`` the weighted geometric mean. The
  geometric mean needs positive inputs, so before it: a z-score ``z`` is put on a positive scale as
  ``50 + 10 z`` (mean 50, one standard deviation = 10 points), and every input is floored at
  ``EPSILON = 1`` point. With equal weights, an indicator at 0 next to one at 100 gives 10, not 0.
* Ranks: 1 is the highest score; ties share the lower rank (1, 2, 2, 4). A framework may set an optional
  ``min_coverage`` (0-1, default 0): a country whose inputs with data carry less than that share of the
  framework's weight is scored but not ranked (``rank`` is ``None``).
* Scores are never rounded here; pages round them for display.
* Uncertainty: Monte Carlo draws multiply every weight by an independent uniform factor in
  [1 - 0.25, 1 + 0.25] and pick the normalisation uniformly among "as in the framework", "minmax for
  every indicator" and "zscore for every indicator"; each country's median rank and 90 % interval
  (5th and 95th percentiles) over the draws are reported. A seed makes the draws reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

# The framework's format lives in framework.py; its names stay importable from here.
from observatory.scorecard.framework import (  # noqa: E402,F401
    AGGREGATIONS, DIRECTIONS, METHODS, DimensionSpec, Framework, FrameworkError, IndicatorSpec, framework_parse,
    framework_warnings,
)

EPSILON = 1.0
Z_CENTRE, Z_SCALE = 50.0, 10.0
SCHEMES = (None, "minmax", "zscore")
DEFAULT_SEED = 20240611
DEFAULT_DRAWS = 1000


def normalise(values: pd.Series, *, method: str, direction: str, target: float | None = None) -> pd.Series:
    """Normalise one indicator across countries (index: countries); missing values stay missing."""
    present = values.dropna().astype(float)
    lower = direction == "lower_is_better"
    if method == "minmax":
        low, high = present.min(), present.max()
        if present.empty or high == low:
            out = pd.Series(50.0, index=present.index)
        else:
            out = (((high - present) if lower else (present - low)) / (high - low) * 100.0).clip(0.0, 100.0)
    elif method == "zscore":
        sd = present.std(ddof=0)
        out = (present - present.mean()) / sd if sd > 0 else pd.Series(0.0, index=present.index)
        out = -out if lower else out
    elif method == "target":
        if lower:
            safe = present.where(present > 0, np.nan)
            out = (100.0 * (target / safe).clip(upper=1.0)).fillna(100.0)
        else:
            out = 100.0 * (present / target).clip(lower=0.0, upper=1.0)
    else:
        raise ValueError(f"unknown normalisation {method!r}")
    return out.reindex(values.index).astype(float)


def _wide(framework: Framework, data: pd.DataFrame, countries: list[str] | None) -> pd.DataFrame:
    """The tidy table (country, indicator, value) as a countries x framework-indicators matrix."""
    missing_columns = {"country", "indicator", "value"} - set(data.columns)
    if missing_columns:
        raise FrameworkError([f"the data needs the columns country, indicator, value (missing: "
                              f"{', '.join(sorted(missing_columns))})"])
    table = data[["country", "indicator", "value"]].dropna(subset=["value"])
    table = table.assign(country=table["country"].astype(str), indicator=table["indicator"].astype(str),
                         value=pd.to_numeric(table["value"], errors="coerce"))
    bad = table[table["value"].isna()]
    if not bad.empty:
        raise FrameworkError([f"not a number: {row.country} {row.indicator}" for row in bad.itertuples()][:20])
    duplicated = table[table.duplicated(["country", "indicator"], keep=False)]
    if not duplicated.empty:
        pairs = sorted({f"{r.country} {r.indicator}" for r in duplicated.itertuples()})
        raise FrameworkError([f"more than one value for {p}" for p in pairs][:20])
    wide = table.pivot(index="country", columns="indicator", values="value")
    index = countries if countries is not None else sorted(table["country"].unique())
    return wide.reindex(index=index, columns=framework.codes).astype(float)


def _normalised(framework: Framework, wide: pd.DataFrame, scheme: str | None) -> pd.DataFrame:
    columns = {}
    for spec in framework.indicators:
        method = scheme or spec.normalise
        columns[spec.code] = normalise(wide[spec.code], method=method, direction=spec.direction,
                                       target=spec.target if method == "target" else None)
    return pd.DataFrame(columns, index=wide.index)


def _aggregation_input(framework: Framework, normalised: pd.DataFrame, scheme: str | None) -> pd.DataFrame:
    """The values that enter aggregation: unchanged for arithmetic; positive for geometric (see module note)."""
    if framework.aggregation != "geometric":
        return normalised
    out = normalised.copy()
    for spec in framework.indicators:
        if (scheme or spec.normalise) == "zscore":
            out[spec.code] = Z_CENTRE + Z_SCALE * out[spec.code]
    return out.clip(lower=EPSILON)


def _structure(framework: Framework) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Membership (dimensions x indicators), indicator weights and dimension weights as arrays."""
    codes = framework.codes
    membership = np.zeros((len(framework.dimensions), len(codes)))
    for k, dim in enumerate(framework.dimensions):
        for spec in dim.indicators:
            membership[k, codes.index(spec.code)] = 1.0
    weights = np.array([i.weight for i in framework.indicators], dtype=float)
    dim_weights = np.array([d.weight for d in framework.dimensions], dtype=float)
    return membership, weights, dim_weights


def _aggregate(values: np.ndarray, membership: np.ndarray, weights: np.ndarray, dim_weights: np.ndarray,
               geometric: bool) -> tuple[np.ndarray, np.ndarray]:
    """Dimension scores (draws x countries x dimensions) and composite scores (draws x countries).

    ``values`` is countries x indicators with NaN for missing; ``weights`` draws x indicators and
    ``dim_weights`` draws x dimensions. Dividing by the weight of what is present renormalises the
    weights and re-spreads the weight of a missing indicator (or dimension) in one step.
    """
    present = ~np.isnan(values)
    x = np.where(present, np.log(np.where(present, values, 1.0)) if geometric else values, 0.0)
    mask = present.astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        numerator = np.einsum("di,ci,ki->dck", weights, mask * x, membership)
        denominator = np.einsum("di,ci,ki->dck", weights, mask, membership)
        dims = numerator / denominator
        has = denominator > 0
        dims = np.where(has, dims, 0.0)
        top_weights = dim_weights[:, None, :] * has
        top = (top_weights * dims).sum(axis=2) / top_weights.sum(axis=2)
        if geometric:
            dims, top = np.exp(dims), np.exp(top)
    return np.where(has, dims, np.nan), top


def _ranks(scores: pd.Series) -> pd.Series:
    return scores.rank(ascending=False, method="min")


def _coverage(framework: Framework, wide: pd.DataFrame) -> pd.Series:
    """Per country, the share of the framework's weight carried by the inputs that have data."""
    membership, weights, dim_weights = _structure(framework)
    share = (dim_weights / dim_weights.sum())[:, None] * membership * weights / (membership * weights).sum(
        axis=1, keepdims=True)
    return pd.Series(wide.notna().to_numpy().astype(float) @ share.sum(axis=0), index=wide.index)


@dataclass
class Scorecard:
    """The result of scoring one framework on one data table."""

    framework: Framework
    scores: pd.DataFrame
    dimensions: pd.DataFrame
    contributions: pd.DataFrame
    missing: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, dict]:
        """``{ISO3: {"score", "rank", "dimensions": {code: float | None}, "missing": [codes]}}``, unrounded."""
        result = {}
        for country, row in self.scores.iterrows():
            dims = self.dimensions.loc[country]
            result[country] = {
                "score": None if pd.isna(row["score"]) else float(row["score"]),
                "rank": None if pd.isna(row["rank"]) else int(row["rank"]),
                "dimensions": {code: None if pd.isna(v) else float(v) for code, v in dims.items()},
                "missing": list(self.missing.get(country, [])),
            }
        return result

    def present(self, country: str) -> set[str]:
        return set(self.framework.codes) - set(self.missing.get(country, []))


def score(framework: Framework, data: pd.DataFrame, *, countries: list[str] | None = None) -> Scorecard:
    """Score every country in ``data`` (tidy: country, indicator, value), or in ``countries`` when given.

    Rows for indicators the framework does not use are ignored.
    """
    wide = _wide(framework, data, countries)
    normalised = _normalised(framework, wide, None)
    inputs = _aggregation_input(framework, normalised, None)
    membership, weights, dim_weights = _structure(framework)
    geometric = framework.aggregation == "geometric"
    dims, top = _aggregate(inputs.to_numpy(), membership, weights[None, :], dim_weights[None, :], geometric)
    countries_index = list(wide.index)
    scores = pd.DataFrame({"score": top[0]}, index=countries_index)
    scores["coverage"] = _coverage(framework, wide)
    eligible = scores["coverage"] >= framework.min_coverage - 1e-12
    scores["rank"] = _ranks(scores["score"].where(eligible))
    scores = scores[["score", "rank", "coverage"]]
    codes = framework.codes
    present = ~np.isnan(inputs.to_numpy())
    dimensions = pd.DataFrame(dims[0], index=countries_index, columns=[d.code for d in framework.dimensions])
    missing = {c: [code for j, code in enumerate(codes) if not present[i, j]] for i, c in enumerate(countries_index)}

    rows = []
    for i, country in enumerate(countries_index):
        total = scores.at[country, "score"]
        has_dim = ~np.isnan(dims[0, i])
        top_weight = (dim_weights * has_dim).sum()
        for k, dim in enumerate(framework.dimensions):
            members = [codes.index(s.code) for s in dim.indicators]
            dim_present = [j for j in members if present[i, j]]
            dim_total = sum(weights[j] for j in dim_present)
            for j in members:
                spec = framework.indicators[j]
                row = {"country": country, "dimension": dim.code, "indicator": spec.code,
                       "value": wide.iat[i, j], "normalised": normalised.iat[i, j], "input": inputs.iat[i, j],
                       "weight": np.nan, "dimension_weight": np.nan, "points": np.nan}
                if present[i, j]:
                    w, v = weights[j] / dim_total, dim_weights[k] / top_weight
                    row.update(weight=w, dimension_weight=v)
                    if not geometric:
                        row["points"] = v * w * inputs.iat[i, j]
                    elif total > 1:
                        row["points"] = total * v * w * np.log(inputs.iat[i, j]) / np.log(total)
                    else:
                        row["points"] = v * w * total
                rows.append(row)
    contributions = pd.DataFrame(rows, columns=["country", "dimension", "indicator", "value", "normalised", "input",
                                                "weight", "dimension_weight", "points"])
    return Scorecard(framework=framework, scores=scores, dimensions=dimensions, contributions=contributions,
                     missing=missing)


def uncertainty(framework: Framework, data: pd.DataFrame, *, draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED,
                spread: float = 0.25, countries: list[str] | None = None) -> pd.DataFrame:
    """Each country's median rank and 90 % rank interval over Monte Carlo draws of weights and normalisation.

    Columns ``median_rank``, ``rank_low`` (5th percentile), ``rank_high`` (95th percentile); countries
    with no score, or below the framework's ``min_coverage``, get NaN. The same seed gives the same result.
    """
    wide = _wide(framework, data, countries)
    membership, weights, dim_weights = _structure(framework)
    rng = np.random.default_rng(seed)
    dim_draws = dim_weights * rng.uniform(1 - spread, 1 + spread, size=(draws, len(dim_weights)))
    ind_draws = weights * rng.uniform(1 - spread, 1 + spread, size=(draws, len(weights)))
    scheme_draws = rng.integers(0, len(SCHEMES), size=draws)
    geometric = framework.aggregation == "geometric"
    eligible = (_coverage(framework, wide) >= framework.min_coverage - 1e-12).to_numpy()
    composite = np.full((draws, len(wide.index)), np.nan)
    for s, scheme in enumerate(SCHEMES):
        chosen = scheme_draws == s
        if not chosen.any():
            continue
        inputs = _aggregation_input(framework, _normalised(framework, wide, scheme), scheme).to_numpy()
        _, top = _aggregate(inputs, membership, ind_draws[chosen], dim_draws[chosen], geometric)
        composite[chosen] = np.where(eligible, top, np.nan)
    ranks = pd.DataFrame(composite, columns=wide.index).rank(axis=1, ascending=False, method="min").to_numpy()
    result = pd.DataFrame(index=wide.index, columns=["median_rank", "rank_low", "rank_high"], dtype=float)
    for j, country in enumerate(wide.index):
        column = ranks[:, j]
        column = column[~np.isnan(column)]
        if column.size:
            result.loc[country] = [float(np.median(column)),
                                   float(np.percentile(column, 5, method="inverted_cdf")),
                                   float(np.percentile(column, 95, method="inverted_cdf"))]
    return result


def change(current: Scorecard, previous: Scorecard) -> pd.DataFrame:
    """Year-over-year change per country: score and rank now and before, and whether the inputs were the same.

    A change with ``same_inputs`` False partly reflects data that appeared or disappeared, not policy.
    """
    rows = {}
    for country in current.scores.index:
        now = current.scores.at[country, "score"]
        before = previous.scores.at[country, "score"] if country in previous.scores.index else np.nan
        rank_now = current.scores.at[country, "rank"]
        rank_before = previous.scores.at[country, "rank"] if country in previous.scores.index else np.nan
        rows[country] = {"score": now, "previous_score": before, "change": now - before,
                         "rank": rank_now, "previous_rank": rank_before, "rank_change": rank_before - rank_now,
                         "same_inputs": current.present(country) == previous.present(country)}
    return pd.DataFrame.from_dict(rows, orient="index")
