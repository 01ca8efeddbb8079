"""The one import service: command line, staff upload page and ``observatory setup`` all call it.

A file imports all or nothing. Every row is read and checked first; if any row
is rejected, nothing is written and an error report (file, row, column, value,
reason, suggestions) is produced. Otherwise the rows are written in one
transaction: new observations are inserted, changed ones keep their previous
value in the revision history with the batch that changed them, and identical
ones are left alone, so importing the same file twice changes nothing.

An adapter that reads a whole file at once (:meth:`Adapter.frame`, the tidy
CSV) hands over columns: each check then runs once per distinct value, and only
rows that fail one are looked at singly. Other adapters' rows are checked one by
one. Both ways give the same counts, issues and observations; the writing is
:mod:`import_writes`' business.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from django.conf import settings
from django.utils import timezone

from observatory import access
from observatory.countries.models import Country
from observatory.indicators.importers import detect, get_adapter
from observatory.indicators.importers.base import FLAGS, FRAME_COLUMNS, SEXES, ImportFormatError, Row, RowError
from observatory.indicators.importers.columns import row_keys
from observatory.indicators.importers.countries import resolver_from_records
from observatory.indicators.models import ImportBatch, Indicator, Source
from observatory.indicators.services.import_writes import observations_write

PERIOD = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?$")


@dataclass
class RowIssue:
    """One rejected row, as shown in the error report."""

    file: str
    line: int
    column: str
    value: str
    reason: str
    suggestions: str = ""


@dataclass
class ImportResult:
    file: str
    adapter: str = ""
    dry_run: bool = False
    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    skipped: int = 0
    message: str = ""  # a file-level problem (unreadable, wrong format): nothing was imported
    issues: list[RowIssue] = field(default_factory=list)
    error_report: Path | None = None
    batch_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.message and not self.issues

    def counts(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in ("read", "inserted", "updated", "unchanged", "rejected", "skipped")}


def country_resolver():
    """The resolver for every country in the database, with CLDR and ISO names and the aliases."""
    return resolver_from_records(
        {"iso3": c.iso3, "iso2": c.iso2, "aliases": c.aliases} for c in Country.objects.all()
    )


class _Catalogue:
    """Catalogue look-ups cached for one import."""

    def __init__(self):
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.sources = {s.key: s for s in Source.objects.all()}
        self.countries = dict(Country.objects.values_list("iso3", "pk"))

    def kind(self, code: str) -> str:
        indicator = self.indicators.get(code)
        return indicator.kind if indicator is not None else ""


def _check(row: Row, catalogue: _Catalogue) -> tuple[str, str, str] | None:
    """(column, value, reason) when a row does not fit the catalogue, else None."""
    indicator = catalogue.indicators.get(row.indicator)
    if indicator is None:
        return "indicator", row.indicator, "unknown indicator code; see the catalogue at /indicators/"
    if row.source not in catalogue.sources:
        return "source", row.source, "unknown source key; add the source to data/catalogue/ first"
    if row.country not in catalogue.countries:
        return "country", row.country, "not a country the platform covers"
    if not PERIOD.match(row.period):
        return "period", row.period, "a period is a year (2017) or a month (2017-03)"
    if row.sex not in SEXES:
        return "sex", row.sex, "sex is empty, 'male' or 'female'"
    unknown_flags = sorted(set(row.flags) - set(FLAGS))
    if unknown_flags:
        return "flags", ";".join(unknown_flags), f"unknown flag; use {', '.join(FLAGS)}"
    has_number = row.value is not None or row.lower is not None or row.upper is not None
    if indicator.kind == Indicator.Kind.NUMERIC and not has_number:
        return "value", row.value_text or row.category, f"{indicator.code} takes a number, a range or an inequality"
    if indicator.kind == Indicator.Kind.CATEGORICAL and not row.category:
        return "value", row.value_text or str(row.value), f"{indicator.code} takes a category such as yes or no"
    if row.lower is not None and row.upper is not None and row.lower > row.upper:
        return "value", row.value_text, "the lower bound is above the upper bound"
    return None


def _write_report(result: ImportResult, directory: Path | None) -> Path:
    directory = directory or settings.VAR_DIR / "import-reports"
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
    path = directory / f"{stamp}-{Path(result.file).stem}.errors.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "line", "column", "value", "reason", "suggestions"])
        writer.writeheader()
        for issue in result.issues:
            writer.writerow(asdict(issue))
    return path


def observations_import(
    *,
    path: Path | str,
    adapter: str = "auto",
    options: dict | None = None,
    actor,
    dry_run: bool = False,
    skip_unchanged: bool = False,
    display_name: str | None = None,
    progress: Callable[[int], None] | None = None,
    report_dir: Path | None = None,
) -> ImportResult:
    """Import one file of observations, all or nothing. See the module docstring.

    ``adapter`` is a format name or ``auto``; ``options`` go to the adapter
    (``source``, ``indicator``, ``column``, ...). ``progress`` is called with the
    number of rows read so far (once all are read, for a file read in bulk).
    With ``skip_unchanged`` a file whose observations are all already stored as
    they are writes nothing: no import batch and no audit entry (setup runs twice
    without a trace).
    Returns counts, the rejected rows and the path of the error report; raises
    nothing for bad input. Raises ``PermissionDenied`` unless the access policy
    lets ``actor`` import (network staff, or ``access.SYSTEM`` for setup and operators).
    """
    access.require(actor, access.Action.CREATE, ImportBatch())
    path = Path(path)
    result = ImportResult(file=display_name or path.name, dry_run=dry_run)
    try:
        reader = detect(path) if adapter == "auto" else get_adapter(adapter)
        result.adapter = reader.name
        catalogue = _Catalogue()
        resolver = country_resolver()
        table = reader.frame(path, resolver=resolver, **(options or {}))
        if table is None:
            accepted = _accept_rows(reader.rows(path, resolver=resolver, **(options or {})), result=result,
                                    catalogue=catalogue, progress=progress)
        else:
            accepted = _accept_frame(*table, result=result, catalogue=catalogue)
        result.skipped = len(getattr(reader, "skipped", ()) or ())
    except ImportFormatError as error:
        result.message = str(error)
        return result
    if progress:
        progress(result.read)
    if result.issues:
        result.rejected = len(result.issues)
        result.error_report = _write_report(result, report_dir)
        return result
    if not len(accepted) and result.skipped:
        return result  # every row was skipped for a stated reason (e.g. no year): nothing to write
    if not len(accepted):
        result.message = f"{result.file}: no observations found in the file; nothing was imported."
        return result
    observations_write(result=result, rows=_observation_columns(accepted, catalogue), path=path, actor=actor,
                       dry_run=dry_run, skip_unchanged=skip_unchanged)
    return result


def _accept_rows(items: Iterable[Row | RowError], *, result: ImportResult, catalogue: _Catalogue,
                 progress: Callable[[int], None] | None) -> _Columns:
    """Check the rows an adapter yields one by one; return the accepted ones (a frame with FRAME_COLUMNS)."""
    rows: dict[tuple, Row] = {}
    first_line: dict[tuple, int] = {}
    for item in items:
        result.read += 1
        if progress and result.read % 10000 == 0:
            progress(result.read)
        if isinstance(item, RowError):
            result.issues.append(RowIssue(result.file, item.line, item.column, str(item.value), item.reason,
                                          ", ".join(item.suggestions)))
            continue
        problem = _check(item, catalogue)
        if problem:
            column, value, reason = problem
            result.issues.append(RowIssue(result.file, item.line, column, value, reason))
            continue
        key = (item.indicator, item.country, item.period, item.sex, item.age_group, item.source)
        if key in rows:
            result.issues.append(RowIssue(result.file, item.line, "period", item.period,
                                          f"the same observation appears twice (also on line {first_line[key]})"))
            continue
        rows[key] = item
        first_line[key] = item.line
    records = [(r.line, r.indicator, r.country, r.period, r.sex, r.age_group, r.source,
                np.nan if r.value is None else r.value, r.value_text, np.nan if r.lower is None else r.lower,
                np.nan if r.upper is None else r.upper, r.qualifier, r.category, ";".join(sorted(r.flags)), r.note)
               for r in rows.values()]
    return _Columns(pd.DataFrame.from_records(records, columns=FRAME_COLUMNS) if records else pd.DataFrame(
        columns=FRAME_COLUMNS))


def _accept_frame(frame: pd.DataFrame, errors: list[RowError], *, result: ImportResult,
                  catalogue: _Catalogue) -> _Columns:
    """The checks of :func:`_accept_rows` on an adapter's bulk frame, giving the same issues in line order.

    Each check runs once per distinct value. Rows that fail one are turned back
    into :class:`Row` objects and given to :func:`_check`, so that their issues
    read exactly as on the row path.
    """
    result.read = len(frame) + len(errors)
    issues = [RowIssue(result.file, e.line, e.column, str(e.value), e.reason, ", ".join(e.suggestions))
              for e in errors]
    columns = _Columns(frame)
    if len(frame):
        kind = columns.per_value("indicator", catalogue.kind, object)
        value, lower, upper = (frame[c].to_numpy(dtype=float) for c in ("value", "lower", "upper"))
        has_number = ~(np.isnan(value) & np.isnan(lower) & np.isnan(upper))
        ok = ((kind != "")
              & columns.per_value("source", lambda c: c in catalogue.sources, bool)
              & columns.per_value("country", lambda c: c in catalogue.countries, bool)
              & columns.per_value("period", lambda c: PERIOD.match(c) is not None, bool)
              & columns.per_value("sex", lambda c: c in SEXES, bool)
              & columns.per_value("flags", lambda c: set(_flag_list(c)) <= FLAGS.keys(), bool)
              & ~((kind == Indicator.Kind.NUMERIC) & ~has_number)
              & ~((kind == Indicator.Kind.CATEGORICAL) & (frame["category"].to_numpy(dtype=object) == ""))
              & ~(lower > upper))
        for i in np.flatnonzero(~ok).tolist():
            row = _frame_row(frame, i)
            if problem := _check(row, catalogue):
                column, text, reason = problem
                issues.append(RowIssue(result.file, row.line, column, text, reason))
            else:
                ok[i] = True
        keys = row_keys(*(columns.codes(c) for c in ("indicator", "country", "period", "sex", "age_group", "source")))
        twice = np.zeros(len(frame), dtype=bool)
        twice[ok] = pd.Series(keys[ok]).duplicated(keep="first").to_numpy()
        if twice.any():
            lines = frame["line"].to_numpy()
            first = pd.Series(lines[ok]).groupby(keys[ok]).first()
            for i in np.flatnonzero(twice).tolist():
                issues.append(RowIssue(result.file, int(lines[i]), "period", frame["period"].iat[i],
                                       f"the same observation appears twice (also on line {first[keys[i]]})"))
            ok &= ~twice
        if not ok.all():
            columns = columns.take(ok)
    # Issues in the order the row path gives them: by line, and within a line as the adapter listed them.
    result.issues.extend(sorted(issues, key=lambda issue: issue.line))
    return columns


def _frame_row(frame: pd.DataFrame, i: int) -> Row:
    record = {c: frame[c].iat[i] for c in FRAME_COLUMNS}
    for name in ("value", "lower", "upper"):
        record[name] = None if np.isnan(record[name]) else float(record[name])
    record["flags"] = frozenset(_flag_list(record["flags"]))
    record["line"] = int(record["line"])
    return Row(**record)


def _flag_list(flags: str) -> list[str]:
    return flags.split(";") if flags else []


class _Columns:
    """A frame of accepted rows whose text columns are each factorised once, for checks per distinct value."""

    def __init__(self, frame: pd.DataFrame, codes: dict | None = None):
        self.frame = frame
        self._codes: dict[str, tuple[np.ndarray, np.ndarray]] = codes or {}

    def __len__(self) -> int:
        return len(self.frame)

    def codes(self, name: str) -> np.ndarray:
        return self._factorised(name)[0]

    def per_value(self, name: str, read: Callable, dtype) -> np.ndarray:
        """``read`` applied once per distinct value of a column, spread back over the rows."""
        codes, uniques = self._factorised(name)
        return np.array([read(u) for u in uniques], dtype=dtype)[codes] if len(uniques) else np.zeros(0, dtype)

    def take(self, mask: np.ndarray) -> _Columns:
        return _Columns(self.frame[mask], {k: (codes[mask], uniques) for k, (codes, uniques) in self._codes.items()})

    def _factorised(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        if name not in self._codes:
            self._codes[name] = pd.factorize(self.frame[name].to_numpy(dtype=object))
        return self._codes[name]


def _observation_columns(columns: _Columns, catalogue: _Catalogue) -> dict[str, np.ndarray]:
    """The accepted rows as the observation table's columns (ids instead of codes, year and month, JSON flags)."""
    frame = columns.frame
    value_text = frame["value_text"].to_numpy(dtype=object)
    long = np.flatnonzero(np.fromiter(map(len, value_text), dtype=np.int64, count=len(value_text)) > 200)
    if len(long):
        value_text = value_text.copy()
        value_text[long] = [text[:200] for text in value_text[long]]
    return {
        "indicator_id": columns.per_value("indicator", lambda c: catalogue.indicators[c].pk, np.int64),
        "country_id": columns.per_value("country", catalogue.countries.__getitem__, np.int64),
        "source_id": columns.per_value("source", lambda c: catalogue.sources[c].pk, np.int64),
        "period": frame["period"].to_numpy(dtype=object),
        "year": columns.per_value("period", lambda p: int(p[:4]), np.int64),
        "month": columns.per_value("period", lambda p: int(p[5:7]) if len(p) > 4 else 0, np.int64),
        "sex": frame["sex"].to_numpy(dtype=object),
        "age_group": frame["age_group"].to_numpy(dtype=object),
        "value": frame["value"].to_numpy(dtype=float),
        "value_text": value_text,
        "lower": frame["lower"].to_numpy(dtype=float),
        "upper": frame["upper"].to_numpy(dtype=float),
        "qualifier": frame["qualifier"].to_numpy(dtype=object),
        "category": frame["category"].to_numpy(dtype=object),
        "flags": columns.per_value("flags", lambda c: json.dumps(sorted(_flag_list(c))), object),
        "note": frame["note"].to_numpy(dtype=object),
    }


def manifest_load(*, actor, directory: Path | None = None, progress: Callable[[str], None] | None = None
                  ) -> dict[str, int]:
    """Import every file listed under ``loads`` in the catalogue (run by ``observatory setup``), as ``actor``.

    Each file goes through :func:`observations_import`, which audits it; a file
    whose observations are all already in the database writes nothing.

    Raises ``ValueError`` naming the file when one cannot be imported, because
    shipped data that does not load is a defect to fix, not to skip.
    """
    from observatory.indicators.services.catalogue import catalogue_read

    totals = {"files": 0, "inserted": 0, "updated": 0, "unchanged": 0}
    for load in catalogue_read(directory)["loads"]:
        options = dict(load.get("options") or {})
        if load.get("source"):
            options.setdefault("source", load["source"])
        path = settings.BASE_DIR / load["file"] if not Path(load["file"]).is_absolute() else Path(load["file"])
        if not path.exists():
            path = settings.DATA_DIR.parent / load["file"]
        result = observations_import(path=path, adapter=load.get("adapter", "auto"), options=options,
                                     actor=actor, display_name=load["file"], skip_unchanged=True)
        if not result.ok:
            detail = result.message or "; ".join(
                f"line {i.line} {i.column}={i.value!r}: {i.reason}" for i in result.issues[:5])
            raise ValueError(f"{load['file']} could not be imported: {detail}")
        totals["files"] += 1
        for key in ("inserted", "updated", "unchanged"):
            totals[key] += getattr(result, key)
        if progress:
            progress(load["file"])
    return totals
