"""Importing an existing member list (CSV or XLSX): all or nothing, with every wrong cell named.

Every write checks the access policy and writes its audit entry in the same
transaction; contacts and an individual's name are encrypted before they
reach the database, and never appear in the audit trail or an error report.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils import timezone

from observatory.access import check_actor, policy_for
from observatory.audit.services import audit_record
from observatory.cases import crypto
from observatory.cases.services.keys import data_key_for
from observatory.core.tables import read_rows
from observatory.countries.models import Country
from observatory.network.models import (
    FOCUS_AREAS,
    LANGUAGES,
    Member,
    MemberKind,
    MemberStatus,
    MemberType,
)
from observatory.network.policies import MemberAction

COLUMNS = ("name", "kind", "type", "country", "email", "phone", "website", "focus", "languages", "public", "joined")
OPTIONAL_COLUMNS = ("contact_name",)
HIDDEN = {"email", "phone", "contact_name"}  # an individual's name too (see _parse)
MAX_ROWS = 5000
YES = {"yes", "y", "true", "1", "да", "д"}
NO = {"no", "n", "false", "0", "нет", "н", ""}


@dataclass
class RowIssue:
    line: int
    column: str
    value: str
    reason: str


@dataclass
class MemberImportResult:
    file: str
    read: int = 0
    created: int = 0
    unchanged: int = 0
    dry_run: bool = False
    message: str = ""
    issues: list[RowIssue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.message and not self.issues


@dataclass
class MemberRow:
    line: int
    name: str
    kind: str
    type: str
    country: Country
    email: str
    phone: str
    website: str
    focus: list[str]
    languages: list[str]
    public: bool
    joined: dt.date | None
    contact_name: str = ""


def members_import(*, actor, path: Path, dry_run: bool = False) -> MemberImportResult:
    """Import a member list (CSV or XLSX, columns in ``COLUMNS``); nothing is written if any row is wrong.

    A member already on the platform (an organisation of the same name and country,
    or an individual with the same e-mail address) is left unchanged, so importing
    the same file twice adds nothing.
    """
    check_actor(actor, "members_import")
    result = MemberImportResult(file=path.name, dry_run=dry_run)
    try:
        header, rows = read_rows(path)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        result.message = f"cannot read {path.name}: {error}"
        return result
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        result.message = f"missing column(s): {', '.join(missing)}; the columns are {', '.join(COLUMNS)}"
        return result
    if len(rows) > MAX_ROWS:
        result.message = f"{len(rows)} rows; at most {MAX_ROWS} are imported at once"
        return result
    result.read = len(rows)
    countries = _country_lookup()
    parsed = [p for p in (_parse(line, row, countries, result.issues) for line, row in rows) if p is not None]
    seen_names: dict[tuple, int] = {}
    for row in parsed:
        if row.kind == MemberKind.ORGANISATION:
            key = (row.country.pk, row.name.casefold())
            if key in seen_names:
                result.issues.append(RowIssue(row.line, "name", row.name, f"repeats line {seen_names[key]}"))
            seen_names.setdefault(key, row.line)
        allowed = policy_for(Member).user_can(actor, MemberAction.CREATE, Member(
            kind=row.kind, country=row.country, status=MemberStatus.APPROVED, joined_on=row.joined))
        if not allowed:
            result.issues.append(RowIssue(row.line, "country", row.country.iso3,
                                          "you may not add members in this country"))
    if result.issues:
        return result
    try:
        with transaction.atomic():
            for row in parsed:
                if _existing(row):
                    result.unchanged += 1
                    continue
                _create(row)
                result.created += 1
            audit_record(actor=actor, action="network.import", object_type="network.member",
                         details={"file": path.name, "read": result.read, "created": result.created,
                                  "unchanged": result.unchanged, "dry_run": dry_run})
            if dry_run:
                transaction.set_rollback(True)
    except ValidationError as error:
        result.message = "; ".join(error.messages)
    return result


def _country_lookup() -> dict[str, Country]:
    lookup = {}
    for country in Country.objects.filter(active=True):
        for label in (country.iso3, country.iso2, country.name_in("en"), country.name_in("ru"), *country.aliases):
            lookup[str(label).strip().casefold()] = country
    return lookup


def _parse(line: int, row: dict[str, str], countries: dict, issues: list[RowIssue]) -> MemberRow | None:
    before = len(issues)

    def problem(column: str, reason: str) -> None:
        value = row.get(column, "")
        hidden = column in HIDDEN or (column == "name" and kind == MemberKind.INDIVIDUAL)
        issues.append(RowIssue(line, column, "(hidden)" if hidden and value else value[:100], reason))

    kind = row["kind"].strip().lower()
    if kind not in MemberKind.values:
        problem("kind", "write organisation or individual")
    name = row["name"].strip()
    if not name:
        problem("name", "a member needs a name")
    elif len(name) > 200:
        problem("name", "at most 200 characters")
    member_type = _choice(row["type"], {c: c for c in MemberType.values} | {str(label).casefold(): c for c, label in
                                                                             MemberType.choices})
    if member_type is None:
        problem("type", f"one of {', '.join(MemberType.values)}, or empty")
    country = countries.get(row["country"].strip().casefold())
    if country is None:
        problem("country", "an ISO3 code (UKR) or the country's name in English or Russian")
    email = row["email"].strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problem("email", "not an e-mail address")
    website = row["website"].strip()
    if website:
        try:
            URLValidator(schemes=["http", "https"])(website)
        except ValidationError:
            problem("website", "a full address starting with https://")
    focus = _codes(row["focus"], {c: c for c in FOCUS_AREAS} | {str(v).casefold(): c for c, v in FOCUS_AREAS.items()})
    if focus is None:
        problem("focus", f"codes separated by ';': {', '.join(FOCUS_AREAS)}")
    languages = _codes(row["languages"], {c: c for c in LANGUAGES} | {v.casefold(): c for c, v in LANGUAGES.items()})
    if languages is None:
        problem("languages", f"language codes separated by ';': {', '.join(sorted(LANGUAGES))}")
    public = row["public"].strip().lower()
    if public not in YES | NO:
        problem("public", "yes or no (empty means no)")
    joined = None
    if row["joined"].strip():
        try:
            joined = dt.date.fromisoformat(row["joined"].strip())
        except ValueError:
            problem("joined", "a date written as 2019-05-31")
        else:
            if joined > timezone.now().date():
                problem("joined", "a date in the future")
    if len(issues) > before:
        return None
    return MemberRow(line=line, name=name, kind=kind, type=member_type, country=country, email=email,
                     phone=row["phone"].strip(), website=website, focus=focus, languages=languages,
                     public=public in YES, joined=joined, contact_name=row.get("contact_name", "").strip())


def _choice(value: str, mapping: dict[str, str]) -> str | None:
    text = value.strip().casefold()
    return "" if not text else mapping.get(text)


def _codes(value: str, mapping: dict[str, str]) -> list[str] | None:
    items = [v.strip().casefold() for v in re.split(r"[;,]", value) if v.strip()]
    codes = [mapping.get(v) for v in items]
    return None if any(c is None for c in codes) else sorted(set(codes))


def email_index(email: str) -> str:
    return crypto.link_index("member_email", email.strip().lower())


def _existing(row: MemberRow) -> bool:
    if row.kind == MemberKind.ORGANISATION:
        return Member.objects.filter(kind=row.kind, country=row.country, name__iexact=row.name).exists()
    return bool(row.email) and Member.objects.filter(kind=row.kind, email_index=email_index(row.email)).exists()


def _create(row: MemberRow) -> Member:
    member = Member(kind=row.kind, type=row.type, country=row.country, focus=row.focus, languages=row.languages,
                    website=row.website, public=row.public, status=MemberStatus.APPROVED, joined_on=row.joined,
                    status_changed_on=row.joined, name=row.name if row.kind == MemberKind.ORGANISATION else "")
    key = data_key_for(country=row.country)
    if row.kind == MemberKind.INDIVIDUAL:
        crypto.seal(member, "person_name", row.name, key=key)
    crypto.seal(member, "contact_name", row.contact_name, key=key)
    crypto.seal(member, "email", row.email, key=key)
    crypto.seal(member, "phone", row.phone, key=key)
    member.email_index = email_index(row.email) if row.email else ""
    member.full_clean(exclude=["person_name_enc", "contact_name_enc", "email_enc", "phone_enc"])
    member.save()
    return member
