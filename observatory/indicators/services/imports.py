"""The one import service: command line, staff upload page and ``observatory setup`` all call it.

A file imports all or nothing. Every row is read and checked first; if any row
is rejected, nothing is written and an error report (file, row, column, value,
reason, suggestions) is produced. Otherwise the rows are written in one
transaction: new observations are inserted, changed ones keep their previous
value in the revision history with the batch that changed them, and identical
ones are left alone, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from observatory.audit.services import audit_record
from observatory.countries.models import Country
from observatory.indicators.importers import detect, get_adapter
from observatory.indicators.importers.base import FLAGS, SEXES, ImportFormatError, Row, RowError
from observatory.indicators.importers.countries import resolver_from_records
from observatory.indicators.models import ImportBatch, Indicator, Observation, ObservationRevision, Source
from observatory.indicators.services.latest import latest_refresh

PERIOD = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?$")
BATCH_SIZE = 5000


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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class _Catalogue:
    """Catalogue look-ups cached for one import."""

    def __init__(self):
        self.indicators = {i.code: i for i in Indicator.objects.all()}
        self.sources = {s.key: s for s in Source.objects.all()}
        self.countries = dict(Country.objects.values_list("iso3", "pk"))


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


def _observation_values(row: Row) -> dict:
    return {
        "value": row.value, "value_text": row.value_text[:200], "lower": row.lower, "upper": row.upper,
        "qualifier": row.qualifier, "category": row.category, "flags": sorted(row.flags), "note": row.note,
    }


def observations_import(
    *,
    path: Path | str,
    adapter: str = "auto",
    options: dict | None = None,
    actor=None,
    dry_run: bool = False,
    display_name: str | None = None,
    progress: Callable[[int], None] | None = None,
    report_dir: Path | None = None,
) -> ImportResult:
    """Import one file of observations, all or nothing. See the module docstring.

    ``adapter`` is a format name or ``auto``; ``options`` go to the adapter
    (``source``, ``indicator``, ``column``, ...). ``progress`` is called with the
    number of rows read so far. Returns counts, the rejected rows and the path of
    the error report; raises nothing for bad input.
    """
    path = Path(path)
    result = ImportResult(file=display_name or path.name, dry_run=dry_run)
    try:
        reader = detect(path) if adapter == "auto" else get_adapter(adapter)
        result.adapter = reader.name
        catalogue = _Catalogue()
        rows: dict[tuple, Row] = {}
        first_line: dict[tuple, int] = {}
        resolver = country_resolver()
        for item in reader.rows(path, resolver=resolver, **(options or {})):
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
    if not rows and result.skipped:
        return result  # every row was skipped for a stated reason (e.g. no year): nothing to write
    if not rows:
        result.message = f"{result.file}: no observations found in the file; nothing was imported."
        return result
    _apply(result=result, rows=rows, catalogue=catalogue, path=path, actor=actor, dry_run=dry_run)
    return result


def _apply(*, result: ImportResult, rows: dict[tuple, Row], catalogue: _Catalogue, path: Path, actor,
           dry_run: bool) -> None:
    indicator_ids = {catalogue.indicators[k[0]].pk for k in rows}
    source_ids = {catalogue.sources[k[5]].pk for k in rows}
    country_ids = {catalogue.countries[k[1]] for k in rows}
    with transaction.atomic():
        indicator_code = {i.pk: code for code, i in catalogue.indicators.items()}
        source_key = {s.pk: key for key, s in catalogue.sources.items()}
        country_code = {pk: iso3 for iso3, pk in catalogue.countries.items()}
        existing = {}
        queryset = Observation.objects.filter(indicator_id__in=indicator_ids, source_id__in=source_ids,
                                              country_id__in=country_ids)
        for obs in queryset.iterator(chunk_size=BATCH_SIZE):
            existing[(indicator_code[obs.indicator_id], country_code[obs.country_id], obs.period, obs.sex,
                      obs.age_group, source_key[obs.source_id])] = obs
        batch = None
        if not dry_run:
            batch = ImportBatch.objects.create(
                actor_username=actor.get_username() if actor is not None else "", file_name=result.file,
                file_sha256=_sha256(path), adapter=result.adapter, status=ImportBatch.Status.APPLIED,
            )
            result.batch_id = batch.pk
        new, changed, revisions, touched = [], [], [], set()
        for key, row in rows.items():
            values = _observation_values(row)
            obs = existing.get(key)
            if obs is None:
                year, month = PERIOD.match(row.period).groups()
                new.append(Observation(
                    indicator_id=catalogue.indicators[row.indicator].pk, country_id=catalogue.countries[row.country],
                    period=row.period, year=int(year), month=int(month) if month else None, sex=row.sex,
                    age_group=row.age_group, source_id=catalogue.sources[row.source].pk, batch=batch, **values,
                ))
                touched.add((new[-1].indicator_id, new[-1].country_id))
                continue
            if obs.value_tuple() == tuple(values[f] for f in Observation.VALUE_FIELDS):
                result.unchanged += 1
                continue
            revisions.append(ObservationRevision(
                observation=obs, replaced_by_batch=batch, previous_batch_id=obs.batch_id,
                **{f: getattr(obs, f) for f in Observation.VALUE_FIELDS},
            ))
            for name, value in values.items():
                setattr(obs, name, value)
            obs.batch = batch
            obs.updated_at = timezone.now()
            changed.append(obs)
            touched.add((obs.indicator_id, obs.country_id))
        result.inserted, result.updated = len(new), len(changed)
        if dry_run:
            return
        Observation.objects.bulk_create(new, batch_size=BATCH_SIZE)
        ObservationRevision.objects.bulk_create(revisions, batch_size=BATCH_SIZE)
        Observation.objects.bulk_update(changed, [*Observation.VALUE_FIELDS, "batch", "updated_at"],
                                        batch_size=BATCH_SIZE)
        if touched:
            latest_refresh(pairs=touched)
        batch.counts = result.counts()
        batch.save(update_fields=["counts"])
        audit_record(actor=actor, action="indicators.import", obj=batch,
                     details={"file": result.file, "adapter": result.adapter, **result.counts()})


def manifest_load(*, directory: Path | None = None, progress: Callable[[str], None] | None = None) -> dict[str, int]:
    """Import every file listed under ``loads`` in the catalogue (run by ``observatory setup``).

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
                                     display_name=load["file"])
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
