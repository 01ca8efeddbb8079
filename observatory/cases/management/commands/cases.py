"""``observatory cases export|import``: the registry at the command line."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from observatory import access
from observatory.accounts.models import User
from observatory.cases.services.exports import cases_export
from observatory.cases.services.imports import cases_import
from observatory.core.management.base import run_service


def _account(username: str | None):
    """The named account to act as, or SYSTEM (the operator) when none is named."""
    if not username:
        return access.SYSTEM
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"--as {username}: no active account with that name.")
    return user


class Command(BaseCommand):
    help = ("The violations registry: 'cases export --country ISO3 --out FILE.xlsx [--with-identities --as USER]', "
            "'cases import FILE [--as USER | --org SLUG] [--dry-run]'.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        export = sub.add_parser("export", help="Write a country's cases to an XLSX workbook.")
        export.add_argument("--country", required=True, help="ISO3 code.")
        export.add_argument("--out", required=True, help="The .xlsx file to write (created readable by you only).")
        export.add_argument("--with-identities", action="store_true",
                            help="Add names, contacts, dates of birth, addresses, client codes and narratives; "
                                 "needs --as with a role that may see them. Every case exported is audited.")
        export.add_argument("--as", dest="as_user", help="Export as this account: its scope and its rights.")
        imp = sub.add_parser("import", help="Import cases from a CSV or XLSX file (all or nothing).")
        imp.add_argument("path")
        imp.add_argument("--as", dest="as_user", help="Record the cases as this account (its organisation).")
        imp.add_argument("--org", help="Organisation slug, when importing as the operator.")
        imp.add_argument("--dry-run", action="store_true", help="Check every row but write nothing.")

    def handle(self, *args, subcommand, **options):
        actor = _account(options.get("as_user"))
        if subcommand == "export":
            if options["with_identities"] and access.is_system(actor):
                raise CommandError("--with-identities needs --as USERNAME: identities leave only under a named "
                                   "account that may see them.")
            result = run_service(cases_export, actor=actor, country=options["country"], path=Path(options["out"]),
                                 with_identities=options["with_identities"])
            note = f", identities for {result.with_identities}" if options["with_identities"] else ""
            self.stdout.write(f"Wrote {result.cases} cases{note} to {result.path}.")
            return
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"{path}: no such file.")
        result = cases_import(path=path, actor=actor, organisation=options.get("org"), dry_run=options["dry_run"])
        if result.message:
            raise CommandError(result.message)
        if result.issues:
            for issue in result.issues[:20]:
                hint = f" (did you mean {issue.suggestions}?)" if issue.suggestions else ""
                self.stderr.write(f"  line {issue.line}, {issue.column} = {issue.value!r}: {issue.reason}{hint}")
            if len(result.issues) > 20:
                self.stderr.write(f"  ... and {len(result.issues) - 20} more")
            raise CommandError(f"{result.file}: {len(result.issues)} problems, nothing imported. "
                               f"Error report: {result.error_report}")
        prefix = "Dry run (nothing written): " if options["dry_run"] else ""
        self.stdout.write(f"{prefix}{result.file}: rows {result.read}, cases {result.cases}, created {result.created}, "
                          f"already imported {result.unchanged}.")
