"""The tidy format read in bulk: a whole CSV file column by column, with exactly the row reader's result.

:func:`frame_read` gives the rows, values, line numbers and errors that
:meth:`TidyAdapter.rows <observatory.indicators.importers.tidy.TidyAdapter.rows>`
gives, as one DataFrame (:data:`base.FRAME_COLUMNS`) and a list of RowErrors.
Each column is read once per distinct cell with the row reader's own functions;
plain numbers (``1234.5``) are converted in bulk; a row with anything unusual
(an error, bounds) goes through :func:`tidy.read_fields` itself, so its errors
read exactly as on the row path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from .base import FLAGS, FRAME_COLUMNS, CountryResolver, RowError
from .columns import Column, csv_columns, row_keys
from .readers import Cell, cell_text, is_blank, is_xlsx
from .tidy import CODE, SEXES, SOURCE_KEY, check_header, column_key, parse_period, read_fields, read_value

# A number that parse_value reads exactly as float() does: no separators, sign words or spaces.
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def frame_read(path: Path, *, resolver: CountryResolver, source: str = ""):
    """A CSV file in the tidy format as ``(DataFrame of the good rows, RowErrors)``, or None.

    None for an XLSX file or a CSV syntax error: the row reader reads those (and
    explains the syntax error). Raises ImportFormatError for a bad header, as the
    row reader does.
    """
    if is_xlsx(path):
        return None
    table = csv_columns(path, few_values=lambda name: column_key(name) in _FEW_VALUES)
    if table is None:
        return None
    header, lines, columns = table
    at, names = check_header(Path(path).name, header, source)
    return _frame(lines, {k: columns[i] for k, i in at.items()}, names, resolver, source)


_BAD = object()  # a cell value that the row-by-row checks must look at
# Columns where most cells repeat: read as distinct cells plus codes.
_FEW_VALUES = {"indicator", "country", "period", "sex", "age_group", "lower", "upper", "flags", "source"}


class _Read:
    """One column read once per distinct cell: the value and ok-mask per row, and a code per distinct value."""

    def __init__(self, cells: Column | None, n: int, read: Callable[[Cell], object]):
        if cells is None:  # a column the file does not have: every row reads as an empty cell
            codes, results = np.zeros(n, dtype=np.int64), [read(None)]
        else:
            codes, results = cells.codes, [read(u) for u in cells.uniques]
        self.index: dict[object, int] = {}
        distinct = np.array([self.index.setdefault(r, len(self.index)) for r in results], dtype=np.int64)
        values = np.empty(len(results), dtype=object)
        values[:] = results
        self.values, self.codes = values[codes], distinct[codes]
        self.ok = np.array([r is not _BAD for r in results], dtype=bool)[codes]

    def set(self, row: int, value: object) -> None:
        self.values[row] = value
        self.codes[row] = self.index.setdefault(value, len(self.index))


def _frame(lines: np.ndarray, cells: dict[str, Column], names: dict[str, str], resolver: CountryResolver,
           default_source: str):
    """Check every row as :func:`tidy.read_fields` and the row reader's duplicate rule do, column by column."""
    n = len(lines)
    resolver = _MemoResolver(resolver)
    readers = {"indicator": _fast_indicator, "country": lambda c: _fast_country(c, resolver),
               "period": _fast_period, "sex": _fast_sex, "age_group": cell_text, "flags": _fast_flags,
               "note": cell_text, "source": lambda c: _fast_source(c, default_source)}
    columns = {key: _Read(cells.get(key), n, read) for key, read in readers.items()}
    values, fast = _fast_values(cells, n)
    for column in columns.values():
        fast &= column.ok

    good = fast.copy()
    problems: dict[int, list[RowError]] = {}
    for r in np.flatnonzero(~fast).tolist():
        line = int(lines[r])
        fields, errors = read_fields(line, {k: cells[k][r] for k in cells}, names, resolver, default_source)
        if errors:
            problems[line] = errors
            continue
        good[r] = True
        fields["flags"] = ";".join(sorted(fields["flags"]))
        for key, column in columns.items():
            column.set(r, fields[key])
        for key in ("value", "lower", "upper"):
            values[key][r] = np.nan if fields[key] is None else fields[key]
        for key in ("value_text", "qualifier", "category"):
            values[key][r] = fields[key]

    # The same indicator, country, period, sex, age group and source twice: the first line wins.
    identity = row_keys(*(columns[k].codes[good] for k in ("indicator", "country", "period", "sex", "age_group",
                                                            "source")))
    repeated = pd.Series(identity).duplicated(keep="first").to_numpy()
    if repeated.any():
        good_lines = lines[good]
        first = pd.Series(good_lines).groupby(identity).transform("first").to_numpy()
        value_cells = cells["value"].cells[good]
        for i in np.flatnonzero(repeated).tolist():
            line = int(good_lines[i])
            problems[line] = [RowError(line=line, column=names["value"], value=cell_text(value_cells[i]),
                                       reason=f"the same indicator, country, period, sex, age group and source "
                                              f"as line {first[i]}")]
        kept = np.flatnonzero(good)[~repeated]
        good = np.zeros(n, dtype=bool)
        good[kept] = True
    out = {"line": lines, **{k: c.values for k, c in columns.items()}, **values}
    if not good.all():
        out = {k: v[good] for k, v in out.items()}
    frame = pd.DataFrame({k: pd.Series(out[k], dtype=out[k].dtype, copy=False) for k in FRAME_COLUMNS}, copy=False)
    return frame, [error for line in sorted(problems) for error in problems[line]]


class _MemoResolver:
    """A resolver that remembers its answers: a misspelt name repeated on many rows is looked up once."""

    def __init__(self, resolver: CountryResolver):
        self._resolver, self._resolved, self._suggested = resolver, {}, {}

    def resolve(self, text: str) -> str | None:
        if text not in self._resolved:
            self._resolved[text] = self._resolver.resolve(text)
        return self._resolved[text]

    def suggest(self, text: str, n: int = 3) -> tuple[str, ...]:
        if (text, n) not in self._suggested:
            self._suggested[text, n] = self._resolver.suggest(text, n)
        return self._suggested[text, n]


def _fast_indicator(cell: Cell):
    code = cell_text(cell).casefold()
    return code if CODE.match(code) else _BAD


def _fast_country(cell: Cell, resolver: CountryResolver):
    text = cell_text(cell)
    return (resolver.resolve(text) if text else None) or _BAD


def _fast_period(cell: Cell):
    try:
        return parse_period(cell)
    except ValueError:
        return _BAD


def _fast_sex(cell: Cell):
    return SEXES.get(cell_text(cell).casefold(), _BAD)


def _fast_flags(cell: Cell):
    flags = {f.strip().casefold() for f in re.split(r"[;,]", cell_text(cell)) if f.strip()}
    return ";".join(sorted(flags)) if flags <= FLAGS.keys() else _BAD


def _fast_source(cell: Cell, default_source: str):
    source = cell_text(cell) or default_source
    return source if source and SOURCE_KEY.match(source) else _BAD


def _fast_values(cells: dict[str, Column], n: int) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """The value columns where the cell is read without looking at its row; ok-mask per row.

    Rows with a lower or upper bound are left to :func:`tidy.read_fields`. A plain
    number is converted in bulk (``float`` reads it exactly as :func:`parse_value`
    does); any other value cell is read once per distinct text by :func:`tidy.read_value`.
    """
    out = {"value": np.full(n, np.nan), "lower": np.full(n, np.nan), "upper": np.full(n, np.nan),
           "value_text": np.full(n, "", dtype=object), "qualifier": np.full(n, "", dtype=object),
           "category": np.full(n, "", dtype=object)}
    ok = np.ones(n, dtype=bool)
    for column in ("lower", "upper"):
        if column in cells:
            ok &= _Read(cells[column], n, lambda c: True if is_blank(c) else _BAD).ok
    text = cells["value"].cells
    candidates = np.flatnonzero(ok)
    plain = np.zeros(n, dtype=bool)
    plain[candidates] = np.fromiter(map(bool, map(_PLAIN_NUMBER.fullmatch, text[candidates])), dtype=bool,
                                    count=len(candidates))
    rows = np.flatnonzero(plain)
    numbers = text[rows].astype(float)
    finite = np.isfinite(numbers)
    if not finite.all():  # 1e999: parse_value explains why it is not a value
        plain[rows[~finite]] = False
        rows, numbers = rows[finite], numbers[finite]
    out["value"][rows] = numbers
    out["value_text"][rows] = text[rows]
    others = np.flatnonzero(ok & ~plain)
    if len(others):
        codes, uniques = pd.factorize(text[others])
        parsed = [_parsed_value(u) for u in uniques]
        for r, code in zip(others.tolist(), codes.tolist()):
            value = parsed[code]
            if value is _BAD:
                ok[r] = False
                continue
            for key, field in (("value", value.value), ("lower", value.lower), ("upper", value.upper)):
                out[key][r] = np.nan if field is None else field
            out["value_text"][r], out["qualifier"][r], out["category"][r] = value.text, value.qualifier, value.category
    return out, ok


def _parsed_value(cell: Cell):
    """What :func:`tidy.read_value` makes of a value cell without bounds, or _BAD when it reports a problem."""
    problems = []
    parsed = read_value({"value": cell}, lambda *args, **kwargs: problems.append(args))
    return _BAD if problems or parsed is None else parsed
