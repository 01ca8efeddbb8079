"""The platform's own import format: one observation per row, CSV or XLSX.

Required columns: ``indicator, country, period, value``. Optional: ``sex,
age_group, lower, upper, flags, note, source``. Column names ignore case and
spaces ("Age group" = ``age_group``); other columns are ignored unless their
name is close to a known one, which is reported as a likely typo. The format,
with examples, is documented in ``docs/import-format.md``; the template is
``data/templates/observations-template.csv``.

Each bad row yields one :class:`RowError` per problem (line, column, the value
as typed, the reason, and suggestions for a misspelt country or flag); good rows
yield a :class:`Row`. Blank rows are ignored. :meth:`TidyAdapter.frame` reads a
CSV file in bulk with the same result (see :data:`base.FRAME_COLUMNS`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from pathlib import Path

from .base import FLAGS, Adapter, CountryResolver, ImportFormatError, Row, RowError
from .common import YEAR_MAX, YEAR_MIN
from .readers import Cell, cell_text, is_blank, open_table, sniff_header
from .values import ParsedValue, format_number, parse_value

REQUIRED = ("indicator", "country", "period", "value")
OPTIONAL = ("sex", "age_group", "lower", "upper", "flags", "note", "source")
SEXES = {"": "", "total": "", "both": "", "all": "", "both sexes": "", "оба пола": "", "всего": "",
         "male": "male", "m": "male", "men": "male", "мужчины": "male", "муж": "male",
         "female": "female", "f": "female", "women": "female", "женщины": "female", "жен": "female"}
CODE = re.compile(r"^[a-z][a-z0-9_]*$")
SOURCE_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")
_ARTICLE = {"range": "a range", "inequality": "an inequality", "category": "a category"}
DOCS = "See docs/import-format.md or start from data/templates/observations-template.csv."


def column_key(name: str) -> str:
    """A header cell as a column key: ``"Age group"`` → ``age_group``."""
    return re.sub(r"[\s\-]+", "_", str(name or "").strip()).casefold()


def parse_period(cell: Cell) -> str:
    """``YYYY`` or ``YYYY-MM`` from a text, number or date cell; ``ValueError`` with the reason otherwise."""
    if isinstance(cell, (dt.date, dt.datetime)):
        text = f"{cell.year:04d}-{cell.month:02d}"
    else:
        text = cell_text(cell)
    match = _PERIOD.match(text)
    if not match:
        raise ValueError("the period must be a year (2017) or a year and month (2017-03)")
    year, month = int(match.group(1)), match.group(2)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueError(f"the year must be between {YEAR_MIN} and {YEAR_MAX}")
    if month is None:
        return f"{year:04d}"
    if not 1 <= int(month) <= 12:
        raise ValueError("the month must be between 01 and 12")
    return f"{year:04d}-{int(month):02d}"


class TidyAdapter(Adapter):
    """Reads the platform's tidy CSV/XLSX import format."""

    name = "tidy"

    def sniff(self, path: Path) -> bool:
        keys = {column_key(h) for h in sniff_header(path) or ()}
        return set(REQUIRED) <= keys

    def rows(self, path: Path, *, resolver: CountryResolver, source: str = "",
             sheet: str | None = None) -> Iterator[Row | RowError]:
        """Yield a Row per good line and RowErrors for bad ones.

        ``source`` is the source key for rows whose ``source`` cell is empty
        (or for every row when the file has no ``source`` column); ``sheet``
        picks the sheet of an XLSX file (default: the first).
        """
        header, lines = open_table(path, sheet=sheet)
        try:
            at, names = check_header(Path(path).name, header, source)
        except ImportFormatError:
            lines.close()
            raise
        return self._rows(lines, at=at, names=names, resolver=resolver, default_source=source)

    def frame(self, path: Path, *, resolver: CountryResolver, source: str = "",
              sheet: str | None = None):
        """The bulk form of :meth:`rows` for CSV files: ``(DataFrame of the good rows, RowErrors)``.

        The same rows, values, line numbers and errors as :meth:`rows`, in line
        order. Each cell is checked once per distinct value, plain numbers
        (``1234.5``) are converted in bulk, and only rows with something unusual
        (an error, bounds) go through the row-by-row checks. Returns None for an
        XLSX file or a CSV syntax error: :meth:`rows` reads those.
        """
        from .tidy_bulk import frame_read  # pandas and NumPy are loaded only for bulk reading

        return frame_read(path, resolver=resolver, source=source)

    def _rows(self, lines, *, at, names, resolver, default_source) -> Iterator[Row | RowError]:
        seen: dict[tuple[str, ...], int] = {}
        for line, cells in lines:
            if all(is_blank(c) for c in cells):
                continue
            cell = {k: (cells[i] if i < len(cells) else None) for k, i in at.items()}
            fields, errors = read_fields(line, cell, names, resolver, default_source)
            if errors:
                yield from errors
                continue
            identity = tuple(str(fields[k]) for k in ("indicator", "country", "period", "sex", "age_group", "source"))
            if (first := seen.setdefault(identity, line)) != line:
                yield RowError(line=line, column=names["value"], value=cell_text(cell["value"]),
                               reason=f"the same indicator, country, period, sex, age group and source "
                                      f"as line {first}")
                continue
            yield Row(line=line, **fields)


def check_header(name: str, header: list[str], source: str) -> tuple[dict[str, int], dict[str, str]]:
    """Check the header; return each known column's position and its name as written in the file."""
    keys = [column_key(h) for h in header]
    if missing := [c for c in REQUIRED if c not in keys]:
        raise ImportFormatError(
            f"{name} lacks the required column(s) {', '.join(missing)}. The first row must name the "
            f"columns {', '.join(REQUIRED)} (optional: {', '.join(OPTIONAL)}). {DOCS}"
        )
    known = REQUIRED + OPTIONAL
    if repeated := sorted({k for k in keys if k in known and keys.count(k) > 1}):
        raise ImportFormatError(f"{name} has the column(s) {', '.join(repeated)} more than once. {DOCS}")
    for original, k in zip(header, keys):
        if k and k not in known and (close := difflib.get_close_matches(k, known, n=1, cutoff=0.75)):
            raise ImportFormatError(
                f"{name} has a column {original!r} that is not part of the format; did you mean "
                f"{close[0]!r}? Rename it (or remove it). {DOCS}"
            )
    if "source" not in keys and not source:
        raise ImportFormatError(
            f"{name} has no source column: add a 'source' column with the source key of each row, "
            f"or give one source key for the whole file with the import. {DOCS}"
        )
    at = {k: i for i, k in enumerate(keys) if k in known}
    return at, {k: header[i] for k, i in at.items()}


def read_fields(line: int, cell: dict[str, Cell], names: dict[str, str], resolver: CountryResolver,
                 default_source: str) -> tuple[dict, list[RowError]]:
    """Check one row's cells; return the Row fields and the list of problems found."""
    errors: list[RowError] = []

    def error(column: str, reason: str, suggestions: tuple[str, ...] = ()) -> None:
        errors.append(RowError(line=line, column=names.get(column, column), value=cell_text(cell.get(column)),
                               reason=reason, suggestions=suggestions))

    fields: dict = {}
    indicator = cell_text(cell["indicator"]).casefold()
    if not CODE.match(indicator):
        error("indicator", "an indicator code is required: lower-case letters, digits and underscores "
                           "(e.g. drug_induced_deaths)")
    fields["indicator"] = indicator

    country = cell_text(cell["country"])
    fields["country"] = resolver.resolve(country) if country else None
    if not country:
        error("country", "the country is empty: give an ISO3 code (UKR) or a name (Ukraine)")
    elif fields["country"] is None:
        suggestions = resolver.suggest(country)
        # The suggestions travel in their own column (and the command line adds them once).
        error("country", "unknown country" if suggestions else "unknown country: use an ISO3 code such as UKR",
              suggestions)

    try:
        fields["period"] = parse_period(cell["period"])
    except ValueError as exc:
        error("period", str(exc))

    parsed = read_value(cell, error)
    if parsed is not None:
        fields.update(value=parsed.value, value_text=parsed.text, lower=parsed.lower, upper=parsed.upper,
                      qualifier=parsed.qualifier, category=parsed.category)

    sex = cell_text(cell.get("sex")).casefold()
    if sex not in SEXES:
        error("sex", "sex must be male, female, or empty for both sexes")
    fields["sex"] = SEXES.get(sex, "")
    fields["age_group"] = cell_text(cell.get("age_group"))

    flags = [f.strip().casefold() for f in re.split(r"[;,]", cell_text(cell.get("flags"))) if f.strip()]
    for flag in flags:
        if flag not in FLAGS:
            close = tuple(difflib.get_close_matches(flag, list(FLAGS), n=2, cutoff=0.6))
            hint = "" if close else f"; the flags are {', '.join(FLAGS)}"
            error("flags", f"unknown flag {flag!r}{hint}", close)
    fields["flags"] = frozenset(flags)
    fields["note"] = cell_text(cell.get("note"))

    source = cell_text(cell.get("source")) or default_source
    if not source:
        error("source", "the source is empty: give the key of a source in the catalogue")
    elif not SOURCE_KEY.match(source):
        error("source", "a source key has no spaces (e.g. emcdda_statbulletin_2019)")
    fields["source"] = source
    return fields, errors


def read_value(cell: dict[str, Cell], error) -> ParsedValue | None:
    """The value with its bounds merged in, or None after reporting the problem."""
    try:
        parsed = parse_value(cell["value"])
    except ValueError as exc:
        error("value", str(exc))
        return None
    bounds = {}
    for column in ("lower", "upper"):
        if is_blank(cell.get(column)):
            continue
        try:
            bound = parse_value(cell[column])
        except ValueError as exc:
            error(column, str(exc))
            return None
        if bound.kind != "number" or bound.qualifier:
            error(column, f"the {column} bound must be a plain number")
            return None
        bounds[column] = bound.value
    if not bounds:
        if parsed.is_missing:
            error("value", "the value is empty: give a number, a range (10-20), an inequality (<1) or a "
                           "category (yes/no); leave out rows without data")
            return None
        return parsed
    if parsed.kind in ("range", "inequality", "category"):
        error("lower" if "lower" in bounds else "upper",
              f"the value is already {_ARTICLE[parsed.kind]}; leave lower and upper empty")
        return None
    if len(bounds) == 1 and parsed.is_missing:
        error("value", "without a value give both lower and upper, or write an inequality (<5) as the value")
        return None
    lower, upper = bounds.get("lower"), bounds.get("upper")
    if lower is not None and upper is not None and lower > upper:
        error("lower", "the lower bound is above the upper bound")
        return None
    point = parsed.value
    if point is not None and ((lower is not None and point < lower) or (upper is not None and point > upper)):
        error("value", "the value lies outside its lower and upper bounds")
        return None
    text = parsed.text or f"{format_number(lower)}-{format_number(upper)}"
    return ParsedValue(text=text, value=point, lower=lower, upper=upper, qualifier=parsed.qualifier,
                       percent=parsed.percent)
