"""The network's members at the command line.

``observatory members import FILE [--dry-run] [--as USER]``,
``observatory members list [--country ISO3] --json`` and
``observatory members export FILE.xlsx --as USER [--country ISO3] [--status STATUS]`` (contacts: a named account).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from observatory import access
from observatory.accounts.models import User
from observatory.countries.selectors import country_get
from observatory.network.models import MemberStatus
from observatory.network.selectors import member_list, member_public_dict
from observatory.network.services import members_export, members_import


class Command(BaseCommand):
    help = ("The network's members: 'members import FILE [--dry-run] [--as USER]', "
            "'members list [--country ISO3] --json', 'members export FILE.xlsx --as USER'.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        imp = sub.add_parser("import", help="Import a member list (CSV or XLSX; columns in docs/network.md).")
        imp.add_argument("path")
        imp.add_argument("--dry-run", action="store_true", help="Check every row and write nothing.")
        imp.add_argument("--as", dest="as_user", help="Import as this account (its countries); default: operator.")
        lst = sub.add_parser("list", help="List members (without contacts).")
        lst.add_argument("--country", help="ISO3 code.")
        lst.add_argument("--json", action="store_true", help="Print JSON.")
        exp = sub.add_parser("export", help="Write the member list with contacts to an XLSX file (the secretariat).")
        exp.add_argument("path")
        exp.add_argument("--as", dest="as_user", required=True,
                         help="The secretariat account the export is made and audited for.")
        exp.add_argument("--country", help="ISO3 code.")
        exp.add_argument("--status", choices=MemberStatus.values)

    def handle(self, *args, **options):
        if options["subcommand"] == "import":
            return self._import(options)
        country = None
        if options.get("country"):
            country = country_get(iso3=options["country"].upper())
            if country is None:
                raise CommandError(f"--country {options['country']}: no such country (give an ISO3 code).")
        if options["subcommand"] == "export":
            return self._export(options, country)
        rows = [member_public_dict(m) for m in member_list(actor=access.SYSTEM, country=country)]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            self.stdout.write(f"{row['country']}  {row['kind']:<12}  {row['status']:<9}  "
                              f"{row['name'] or '(individual)'}")

    @staticmethod
    def _actor(options):
        if not options.get("as_user"):
            return access.SYSTEM
        actor = User.objects.filter(username=options["as_user"], is_active=True).first()
        if actor is None:
            raise CommandError(f"--as {options['as_user']}: no active account with that name.")
        return actor

    def _export(self, options, country):
        actor = self._actor(options)
        try:
            export = members_export(actor=actor, country=country, status=options.get("status") or "")
        except PermissionDenied:
            raise CommandError(f"--as {options['as_user']}: only the secretariat (admin) exports members.") from None
        path = Path(options["path"])
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # contacts: readable by the owner only
        with os.fdopen(fd, "wb") as handle:
            handle.write(export.content)
        self.stdout.write(f"{export.members} members written to {path} (recorded in the audit trail).")

    def _import(self, options):
        actor = self._actor(options)
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        result = members_import(actor=actor, path=path, dry_run=options["dry_run"])
        if result.message:
            raise CommandError(result.message)
        if result.issues:
            for issue in result.issues:
                self.stderr.write(f"{result.file}:{issue.line}: {issue.column} = {issue.value!r}: {issue.reason}")
            raise CommandError(f"{len(result.issues)} problem(s); nothing was imported. Correct the rows and "
                               "run the import again.")
        verb = "would create" if result.dry_run else "created"
        self.stdout.write(f"{result.read} rows read; {verb} {result.created} members; "
                          f"{result.unchanged} already on the platform.")
