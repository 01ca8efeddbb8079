"""The specification of a synthetic control study, as Abadie's ``Synth`` takes it.

A specification names the panel's columns, the treated unit and the treatment
time, the donors, the fitting window (the years whose outcome gap is
minimised; ``time.optimize.ssr`` in Synth), the predictors (each a column
summarised by an operation over its own years; Synth's ``predictors`` with
``time.predictors.prior`` and its ``special.predictors``), and optionally how
the predictor weights ``V`` are chosen:

- by default jointly with the donor weights (nested), as Synth does;
- ``v: {train: {fit: ..., predictors: [...]}}``: from a training fit on other
  windows, then held fixed (the cross-validation of Abadie, Diamond &
  Hainmueller 2015; the training predictors must be as many as the main ones);
- ``v: {custom: [...]}``: given, one non-negative number per predictor.

``spec_from_mapping`` validates a parsed YAML or JSON mapping and names the
field at fault in every error, e.g. ``predictors[2].from: expected a year``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from observatory.analysis.errors import InvalidInput

OPERATIONS = ("mean", "median")
TOP_LEVEL_KEYS = {"unit", "time", "outcome", "treated", "treatment_time", "donors", "exclude", "fit",
                  "predictors", "v"}
MAX_YEARS = 1000


@dataclass(frozen=True)
class Predictor:
    """One predictor row: ``op`` of ``column`` over ``years``."""

    column: str
    years: tuple[int, ...]
    op: str = "mean"

    @property
    def label(self) -> str:
        return f"{self.column} ({self.op} {years_text(self.years)})"

    def to_dict(self) -> dict[str, Any]:
        return {"column": self.column, "op": self.op, "years": list(self.years), "label": self.label}


@dataclass(frozen=True)
class FitPlan:
    """The predictors and the fitting window of one fit."""

    predictors: tuple[Predictor, ...]
    fit_years: tuple[int, ...]


@dataclass(frozen=True)
class SynthSpec:
    unit: str
    time: str
    outcome: str
    treated: Any
    treatment_time: float
    main: FitPlan
    donors: tuple[Any, ...] | None = None
    exclude: tuple[Any, ...] = ()
    train: FitPlan | None = None
    custom_v: tuple[float, ...] | None = None

    @property
    def v_source(self) -> str:
        if self.train is not None:
            return "train"
        if self.custom_v is not None:
            return "custom"
        return "nested"


def years_text(years: Sequence[int]) -> str:
    """``1964-1969`` for a run of consecutive years, otherwise the years listed."""
    if len(years) > 2 and list(years) == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}-{years[-1]}"
    return ", ".join(str(y) for y in years)


def spec_from_mapping(data: Any) -> SynthSpec:
    """Validate a parsed specification; raise ``InvalidInput`` naming the field at fault."""
    if not isinstance(data, Mapping):
        raise InvalidInput("the specification must be a mapping of keys (unit, time, outcome, ...)")
    unknown = sorted(set(map(str, data)) - TOP_LEVEL_KEYS)
    if unknown:
        raise InvalidInput(f"unknown key(s) in the specification: {', '.join(unknown)}; "
                           f"allowed: {', '.join(sorted(TOP_LEVEL_KEYS))}")
    for key in ("unit", "time", "outcome", "treated", "treatment_time", "fit"):
        if data.get(key) in (None, ""):
            raise InvalidInput(f"{key}: required")
    unit, time, outcome = (_text(data, key) for key in ("unit", "time", "outcome"))
    treatment_time = _year(data["treatment_time"], "treatment_time")
    main = _plan(data, "", treatment_time)
    train = custom_v = None
    if data.get("v") is not None:
        v = data["v"]
        if not isinstance(v, Mapping) or len(v) != 1 or next(iter(v)) not in ("train", "custom"):
            raise InvalidInput("v: expected either {train: {fit: ..., predictors: [...]}} or {custom: [numbers]}")
        if "train" in v:
            train = _plan(v["train"], "v.train.", treatment_time)
            if len(train.predictors) != len(main.predictors):
                raise InvalidInput(
                    f"v.train.predictors: {len(train.predictors)} given, but V weights the main fit's "
                    f"{len(main.predictors)} predictors one for one; give as many, in the same order"
                )
        else:
            custom_v = _custom_v(v["custom"], len(main.predictors))
    donors = _labels(data, "donors") if data.get("donors") is not None else None
    exclude = _labels(data, "exclude") if data.get("exclude") is not None else ()
    return SynthSpec(
        unit=unit, time=time, outcome=outcome, treated=data["treated"], treatment_time=treatment_time,
        main=main, donors=donors, exclude=exclude, train=train, custom_v=custom_v,
    )


def _plan(data: Any, prefix: str, treatment_time: float) -> FitPlan:
    if not isinstance(data, Mapping):
        raise InvalidInput(f"{prefix.rstrip('.') or 'specification'}: expected a mapping with fit and predictors")
    fit_years = _window(data.get("fit"), f"{prefix}fit", allow_list=False)
    late = [y for y in fit_years if y > treatment_time]
    if late:
        raise InvalidInput(f"{prefix}fit: the fitting window may not use years after the treatment time "
                           f"{treatment_time:g}; it includes {late[0]}")
    items = data.get("predictors")
    if not isinstance(items, list) or not items:
        raise InvalidInput(f"{prefix}predictors: give a list of at least one predictor "
                           "({column: ..., from: ..., to: ...} or {column: ..., years: [...]})")
    predictors = tuple(_predictor(item, f"{prefix}predictors[{i}]", treatment_time) for i, item in enumerate(items))
    labels = [p.label for p in predictors]
    repeated = sorted({label for label in labels if labels.count(label) > 1})
    if repeated:
        raise InvalidInput(f"{prefix}predictors: {repeated[0]} is given twice")
    return FitPlan(predictors=predictors, fit_years=fit_years)


def _predictor(item: Any, where: str, treatment_time: float) -> Predictor:
    if not isinstance(item, Mapping):
        raise InvalidInput(f"{where}: expected a mapping such as {{column: gdp, from: 1960, to: 1969}}")
    unknown = sorted(set(map(str, item)) - {"column", "from", "to", "years", "op"})
    if unknown:
        raise InvalidInput(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: column, from, to, years, op")
    column = _text(item, "column", where=where)
    op = item.get("op", "mean")
    if op not in OPERATIONS:
        raise InvalidInput(f"{where}.op: {op!r} is not one of {', '.join(OPERATIONS)}")
    years = _window(item, where, allow_list=True)
    late = [y for y in years if y > treatment_time]
    if late:
        raise InvalidInput(f"{where}: a predictor may not use years after the treatment time "
                           f"{treatment_time:g}; it includes {late[0]}")
    return Predictor(column=column, years=years, op=op)


def _window(data: Any, where: str, *, allow_list: bool) -> tuple[int, ...]:
    if not isinstance(data, Mapping):
        raise InvalidInput(f"{where}: expected {{from: YEAR, to: YEAR}}")
    if allow_list and data.get("years") is not None:
        if "from" in data or "to" in data:
            raise InvalidInput(f"{where}: give either years or from/to, not both")
        years = data["years"]
        if not isinstance(years, list) or not years:
            raise InvalidInput(f"{where}.years: expected a list of years such as [1961, 1963, 1965]")
        values = tuple(sorted({_year(y, f"{where}.years") for y in years}))
    else:
        if data.get("from") is None or data.get("to") is None:
            raise InvalidInput(f"{where}: give from and to (years, inclusive)"
                               + (" or a list of years" if allow_list else ""))
        start, end = _year(data["from"], f"{where}.from"), _year(data["to"], f"{where}.to")
        if end < start:
            raise InvalidInput(f"{where}: from {start} is after to {end}")
        if end - start >= MAX_YEARS:
            raise InvalidInput(f"{where}: a window of more than {MAX_YEARS} periods")
        values = tuple(range(start, end + 1))
    return values


def _year(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise InvalidInput(f"{where}: expected a year (a whole number), got {value!r}")
    if not -100_000 < value < 100_000:
        raise InvalidInput(f"{where}: {value!r} is out of range")
    return int(value)


def _text(data: Mapping, key: str, *, where: str = "") -> str:
    value = data.get(key)
    name = f"{where}.{key}" if where else key
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{name}: expected a column name, got {value!r}")
    return value


def _labels(data: Mapping, key: str) -> tuple[Any, ...]:
    value = data[key]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) and not isinstance(v, bool)
                                              for v in value):
        raise InvalidInput(f"{key}: expected a list of unit names")
    return tuple(value)


def _custom_v(value: Any, n_predictors: int) -> tuple[float, ...]:
    if not isinstance(value, list) or len(value) != n_predictors:
        raise InvalidInput(f"v.custom: expected a list of {n_predictors} numbers, one per predictor")
    numbers = []
    for i, item in enumerate(value):
        if isinstance(item, bool) or not isinstance(item, int | float) or not item >= 0 or item == float("inf"):
            raise InvalidInput(f"v.custom[{i}]: expected a non-negative number, got {item!r}")
        numbers.append(float(item))
    if sum(numbers) <= 0:
        raise InvalidInput("v.custom: at least one weight must be positive")
    return tuple(n / sum(numbers) for n in numbers)
