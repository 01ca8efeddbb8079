"""Importing cases from a CSV or XLSX spreadsheet (REAct-style), all or nothing, through ``case_create``.

One row is one act ("who did what to whom"). Rows with the same ``case_key``
form one case; the case and victim columns are read from the first row of the
group. Every row is checked first; if any is rejected, nothing is written and
an error report (file, line, column, value, reason, suggestions) is written
like the indicator imports'. Identity values never appear in the report.
Re-importing the same rows creates nothing new: each case's idempotency key
is its ``idempotency_key`` column or, failing that, derived from the
organisation and ``case_key`` (or the file's content and line).
"""

from __future__ import annotations

import csv
import difflib
import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from observatory.access import check_actor
from observatory.accounts.models import Organisation
from observatory.audit.services import audit_record
from observatory.cases.models import (
    AGE_GROUPS,
    CONSEQUENCES,
    INTAKE_CHANNELS,
    KEY_POPULATIONS,
    PERPETRATORS,
    PLACE_TYPES,
    SEXES,
    VIOLATIONS,
)
from observatory.cases.services.cases import case_create, case_validate
from observatory.cases.services.common import (
    ActData,
    CaseData,
    Consent,
    Terms,
    VictimData,
)
from observatory.cases.values import parse_bool
from observatory.core.tables import read_rows

COLUMNS = [
    "case_key", "occurred_on", "region", "channel", "narrative", "consent_document", "consent_share_network",
    "consent_advocacy", "consent_contact", "victim_name", "victim_contact", "victim_date_of_birth",
    "victim_address", "client_code", "sex", "age_group", "key_populations", "violation", "perpetrators",
    "place_type", "consequences", "status", "idempotency_key",
]
IDENTITY_COLUMNS = {"victim_name", "victim_contact", "victim_date_of_birth", "victim_address", "client_code",
                    "narrative"}
VOCABULARY_COLUMNS = {"channel": INTAKE_CHANNELS, "sex": SEXES, "age_group": AGE_GROUPS,
                      "key_populations": KEY_POPULATIONS, "violation": VIOLATIONS, "perpetrators": PERPETRATORS,
                      "place_type": PLACE_TYPES, "consequences": CONSEQUENCES}
MULTI = {"key_populations", "perpetrators", "consequences"}
# Service error keys -> spreadsheet columns.
FIELD_COLUMNS = {"occurred_on": "occurred_on", "region": "region", "channel": "channel", "narrative": "narrative",
                 "consent.document": "consent_document", "victim.name": "victim_name",
                 "victim.contact": "victim_contact", "victim.date_of_birth": "victim_date_of_birth",
                 "victim.address": "victim_address", "victim.client_code": "client_code", "victim.sex": "sex",
                 "victim.age_group": "age_group", "victim.key_populations": "key_populations"}
MAX_ROWS = 20000


@dataclass
class RowIssue:
    """One rejected value, as shown in the error report (the same columns as the indicator imports')."""

    file: str
    line: int
    column: str
    value: str
    reason: str
    suggestions: str = ""


@dataclass
class CaseImportResult:
    file: str
    read: int = 0
    cases: int = 0
    created: int = 0
    unchanged: int = 0
    message: str = ""
    issues: list[RowIssue] = field(default_factory=list)
    error_report: Path | None = None
    references: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.message and not self.issues


class _Lookup:
    """Vocabulary values by code, English or Russian name (case-insensitive)."""

    def __init__(self, terms: Terms):
        self.maps: dict[str, dict[str, str]] = {}
        for vocabulary, by_code in terms.by_vocabulary.items():
            mapping = {}
            for code, term in by_code.items():
                for label in (code, term.name_en, term.name_ru):
                    mapping[label.strip().lower()] = code
            self.maps[vocabulary] = mapping

    def code(self, vocabulary: str, value: str) -> str | None:
        return self.maps.get(vocabulary, {}).get(value.strip().lower())

    def suggest(self, vocabulary: str, value: str) -> str:
        return ", ".join(difflib.get_close_matches(value.strip().lower(), list(self.maps.get(vocabulary, {})), n=3))


def _shown(column: str, value: str) -> str:
    return "(hidden)" if column in IDENTITY_COLUMNS and value else value[:100]


def _convert(rows: list[tuple[int, dict]], lookup: _Lookup, issues: list[RowIssue], file: str):
    """One group of rows -> (CaseData, submit, idempotency key) or None after recording issues."""
    first_line, first = rows[0]
    ok = True

    def issue(line, column, value, reason, suggestions=""):
        nonlocal ok
        ok = False
        issues.append(RowIssue(file, line, column, _shown(column, value), reason, suggestions))

    def vocab(line, row, column):
        raw = row.get(column, "")
        values = [v for v in raw.replace(",", ";").split(";") if v.strip()] if column in MULTI else \
            ([raw] if raw else [])
        codes = []
        for value in values:
            code = lookup.code(VOCABULARY_COLUMNS[column], value)
            if code is None:
                issue(line, column, value, "not in the vocabulary", lookup.suggest(VOCABULARY_COLUMNS[column], value))
            else:
                codes.append(code)
        return codes

    consent = {}
    for name in ("document", "share_network", "advocacy", "contact"):
        column = f"consent_{name}"
        try:
            consent[name] = parse_bool(first.get(column, ""))
        except ValueError:
            issue(first_line, column, first.get(column, ""), "answer yes or no (да or нет)")
            consent[name] = False
    status = (first.get("status") or "submitted").strip().lower()
    if status not in ("draft", "submitted"):
        issue(first_line, "status", status, "status is draft or submitted (verification happens in the registry)")
    victim = VictimData(
        name=first.get("victim_name", ""), contact=first.get("victim_contact", ""),
        date_of_birth=first.get("victim_date_of_birth", ""), address=first.get("victim_address", ""),
        client_code=first.get("client_code", ""), sex=(vocab(first_line, first, "sex") or [""])[0],
        age_group=(vocab(first_line, first, "age_group") or [""])[0],
        key_populations=vocab(first_line, first, "key_populations"),
    )
    acts = []
    for line, row in rows:
        for column in ("occurred_on", "channel", "narrative", "victim_name", "client_code"):
            if row is not first and row.get(column) and row.get(column) != first.get(column):
                issue(line, column, row[column], f"differs from line {first_line}, the first row of this case_key")
        acts.append(ActData(violation=(vocab(line, row, "violation") or [""])[0],
                            perpetrators=vocab(line, row, "perpetrators"),
                            place_type=(vocab(line, row, "place_type") or [""])[0],
                            consequences=vocab(line, row, "consequences")))
    data = CaseData(occurred_on=first.get("occurred_on", ""), region=first.get("region", ""),
                    channel=(vocab(first_line, first, "channel") or [""])[0], narrative=first.get("narrative", ""),
                    consent=Consent(**consent), victim=victim, acts=acts)
    return (data, status == "submitted", first.get("idempotency_key", "")) if ok else None


def _error_rows(error: ValidationError, rows, issues, file):
    for key, messages in error.message_dict.items():
        line, column = rows[0][0], FIELD_COLUMNS.get(key, key)
        if key.startswith("acts."):
            _, index, name = key.split(".", 2)
            line, column = rows[min(int(index), len(rows) - 1)][0], name
        value = rows[[r[0] for r in rows].index(line)][1].get(column, "")
        issues.append(RowIssue(file, line, column, _shown(column, value), " ".join(messages)))


def _write_report(result: CaseImportResult, directory: Path | None) -> Path:
    directory = directory or settings.VAR_DIR / "import-reports"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{timezone.now():%Y%m%dT%H%M%S}-{Path(result.file).stem}.errors.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "line", "column", "value", "reason", "suggestions"])
        writer.writeheader()
        for issue in result.issues:
            writer.writerow(asdict(issue))
    return path


def cases_import(*, path: Path | str, actor, organisation: str | None = None, dry_run: bool = False,
                 report_dir: Path | None = None) -> CaseImportResult:
    """Import a spreadsheet of cases for ``actor``'s organisation (or ``organisation``, a slug, for operators).

    All or nothing: any rejected value means nothing is written and the result
    lists the issues and the path of the error report. Raises nothing for bad input.
    """
    check_actor(actor, "cases_import")
    path = Path(path)
    result = CaseImportResult(file=path.name)
    org = Organisation.objects.select_related("country").filter(slug=organisation).first() if organisation else \
        getattr(actor, "organisation", None)
    if org is None:
        result.message = "no organisation: import as a member of one (--as) or name it (--org)"
        return result
    try:
        header, rows = read_rows(path)
    except (OSError, UnicodeDecodeError, csv.Error, KeyError, ValueError) as error:
        result.message = f"the file could not be read as CSV (UTF-8) or XLSX: {error.__class__.__name__}"
        return result
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown or "violation" not in header:
        missing = "" if "violation" in header else " the column 'violation' is required;"
        result.message = f"unexpected columns: {', '.join(unknown) or 'none'};{missing} expected: {', '.join(COLUMNS)}"
        return result
    if len(rows) > MAX_ROWS:
        result.message = f"at most {MAX_ROWS} rows per file"
        return result
    result.read = len(rows)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    groups: dict[str, list] = {}
    for line, row in rows:
        groups.setdefault(row.get("case_key") or f"line:{line}", []).append((line, row))
    terms = Terms()
    lookup = _Lookup(terms)
    prepared = []
    for key, group in groups.items():
        converted = _convert(group, lookup, result.issues, result.file)
        if converted is None:
            continue
        data, submit, idempotency = converted
        try:
            case_validate(data=data, submit=submit, terms=terms)
        except ValidationError as error:
            _error_rows(error, group, result.issues, result.file)
            continue
        basis = f"{org.slug}|{key}" if not key.startswith("line:") else f"{digest}|{key}"
        idempotency = idempotency or "import-" + hashlib.sha256(basis.encode()).hexdigest()[:40]
        prepared.append((group[0][0], data, submit, idempotency))
    result.cases = len(groups)
    if result.issues:
        result.error_report = _write_report(result, report_dir)
        return result
    if dry_run:
        return result
    try:
        with transaction.atomic():
            for line, data, submit, idempotency in prepared:
                case, created = case_create(actor=actor, data=data, submit=submit, idempotency_key=idempotency,
                                            organisation=org, terms=terms)
                result.created += created
                result.unchanged += not created
                result.references.append(case.reference)
            audit_record(actor=actor, action="cases.import", object_type="cases.case",
                         details={"file": result.file, "organisation": org.slug, "created": result.created,
                                  "unchanged": result.unchanged})
    except PermissionDenied:
        result.message = "not allowed: this account may not record cases for that organisation"
        result.created = result.unchanged = 0
        result.references = []
    except ValidationError as error:
        result.issues.append(RowIssue(result.file, 0, "", "", "; ".join(error.messages)))
        result.created = result.unchanged = 0
        result.references = []
        result.error_report = _write_report(result, report_dir)
    return result
