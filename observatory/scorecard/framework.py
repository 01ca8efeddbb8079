"""The scorecard framework as data: its format, parsed and checked (see ``docs/scorecard.md``).

Pure: a mapping (read from YAML or JSON) in, a ``Framework`` out; every problem is reported at once.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from observatory.core.i18n import translated

AGGREGATIONS = ("arithmetic", "geometric")
DIRECTIONS = ("higher_is_better", "lower_is_better")
METHODS = ("minmax", "zscore", "target")


class FrameworkError(ValueError):
    """A framework or a data table that cannot be scored; ``problems`` lists every reason."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    weight: float
    direction: str
    normalise: str
    target: float | None = None


@dataclass(frozen=True)
class DimensionSpec:
    code: str
    name_en: str
    name_ru: str
    weight: float
    indicators: tuple[IndicatorSpec, ...]

    def name(self, language: str = "en") -> str:
        return translated(self, "name", language)


@dataclass(frozen=True)
class Framework:
    aggregation: str
    dimensions: tuple[DimensionSpec, ...]
    min_coverage: float = 0.0

    @property
    def indicators(self) -> list[IndicatorSpec]:
        return [i for d in self.dimensions for i in d.indicators]

    @property
    def codes(self) -> list[str]:
        return [i.code for i in self.indicators]

    def dimension_of(self, code: str) -> DimensionSpec:
        return next(d for d in self.dimensions if any(i.code == code for i in d.indicators))


def _positive(value, where: str, problems: list[str]) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        problems.append(f"{where}: weight must be a number")
        return 1.0
    if not number > 0 or not math.isfinite(number):
        problems.append(f"{where}: weight must be greater than 0")
        return 1.0
    return number


def framework_parse(spec: Mapping) -> Framework:
    """Check and read a framework (the parsed YAML or JSON); raise ``FrameworkError`` listing every problem."""
    problems: list[str] = []
    if not isinstance(spec, Mapping):
        raise FrameworkError(["the framework must be a mapping with 'aggregation' and 'dimensions'"])
    aggregation = spec.get("aggregation")
    if aggregation not in AGGREGATIONS:
        problems.append(f"aggregation must be one of {', '.join(AGGREGATIONS)}")
    dimensions, seen_dims, seen_codes = [], set(), set()
    if not isinstance(spec.get("dimensions"), list) or not spec["dimensions"]:
        problems.append("dimensions must be a non-empty list")
    for d_number, dim in enumerate(spec.get("dimensions") or [], 1):
        where = f"dimension {dim.get('code') or d_number}" if isinstance(dim, Mapping) else f"dimension {d_number}"
        if not isinstance(dim, Mapping) or not dim.get("code"):
            problems.append(f"{where}: needs a code")
            continue
        if dim["code"] in seen_dims:
            problems.append(f"{where}: the code is used twice")
        seen_dims.add(dim["code"])
        weight = _positive(dim.get("weight", 1), where, problems)
        indicators = []
        if not isinstance(dim.get("indicators"), list) or not dim["indicators"]:
            problems.append(f"{where}: indicators must be a non-empty list")
        for i_number, ind in enumerate(dim.get("indicators") or [], 1):
            if not isinstance(ind, Mapping) or not ind.get("code"):
                problems.append(f"{where}, indicator {i_number}: needs a code")
                continue
            code = str(ind["code"])
            here = f"indicator {code}"
            if code in seen_codes:
                problems.append(f"{here}: used twice (an indicator belongs to one dimension)")
            seen_codes.add(code)
            direction = ind.get("direction", "higher_is_better")
            method = ind.get("normalise", "minmax")
            if direction not in DIRECTIONS:
                problems.append(f"{here}: direction must be one of {', '.join(DIRECTIONS)}")
            if method not in METHODS:
                problems.append(f"{here}: normalise must be one of {', '.join(METHODS)}")
            target = ind.get("target")
            if method == "target":
                try:
                    target = float(target)
                    if not target > 0:
                        raise ValueError
                except (TypeError, ValueError):
                    problems.append(f"{here}: normalise 'target' needs a target greater than 0")
                    target = None
            elif target is not None:
                problems.append(f"{here}: a target is only used with normalise 'target'")
            indicators.append(IndicatorSpec(code=code, weight=_positive(ind.get("weight", 1), here, problems),
                                            direction=direction, normalise=method, target=target))
        dimensions.append(DimensionSpec(code=str(dim["code"]), name_en=str(dim.get("name_en") or dim["code"]),
                                        name_ru=str(dim.get("name_ru") or ""), weight=weight,
                                        indicators=tuple(indicators)))
    min_coverage = spec.get("min_coverage", 0) or 0
    try:
        min_coverage = float(min_coverage)
        if not 0 <= min_coverage <= 1:
            raise ValueError
    except (TypeError, ValueError):
        problems.append("min_coverage must be a number between 0 and 1")
        min_coverage = 0.0
    if problems:
        raise FrameworkError(problems)
    return Framework(aggregation=aggregation, dimensions=tuple(dimensions), min_coverage=min_coverage)


def framework_warnings(framework: Framework) -> list[str]:
    """Choices that are allowed but probably unintended (z-scores are not on the 0-100 scale of the others)."""
    methods = {i.normalise for i in framework.indicators}
    if "zscore" in methods and methods != {"zscore"}:
        return ["z-scores are mixed with 0-100 scores (minmax, target); with arithmetic aggregation they "
                "weigh far less than their weights say"]
    return []
