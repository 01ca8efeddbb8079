"""``observatory backup``: encrypted backups that are verified and restored, and the keys they need."""

from __future__ import annotations

import base64
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

KEYS = {"master": ("OBSERVATORY_MASTER_KEY", "MASTER_KEY"), "audit": ("OBSERVATORY_AUDIT_KEY", "AUDIT_KEY")}


class Command(BaseCommand):
    help = ("Backups: 'create' an encrypted backup, 'verify' or 'restore' one; 'key' makes the backup key; "
            "'split-key' and 'join-key' share a key 2-of-3 (SLIP-39).")
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        create = sub.add_parser("create", help="Write an encrypted backup; print its path and contents.")
        create.add_argument("--to", type=Path, metavar="DIR", help=f"Folder (default {settings.BACKUP_DIR}).")
        verify = sub.add_parser("verify", help="Decrypt and check every part of a backup; exit 1 if damaged.")
        verify.add_argument("file", type=Path)
        restore = sub.add_parser("restore", help="Replace the database and uploads with a backup's. Stop the "
                                                 "web server and worker first.")
        restore.add_argument("file", type=Path)
        restore.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")
        sub.add_parser("key", help=f"Create the backup key in {settings.BACKUP_KEY_FILE} if there is none.")
        split = sub.add_parser("split-key", help="Print a key as 3 shares, any 2 of which rebuild it.")
        split.add_argument("--key", choices=[*KEYS, "backup"], default="master")
        split.add_argument("--shares", type=int, default=3)
        split.add_argument("--threshold", type=int, default=2)
        join = sub.add_parser("join-key", help="Rebuild a key from shares, one per line on standard input.")
        join.add_argument("--share", action="append", default=[], help="A share (instead of standard input).")

    def handle(self, *args, subcommand, **options):
        from observatory.backups import services

        try:
            getattr(self, subcommand.replace("-", "_"))(services, **options)
        except services.BackupError as error:
            raise CommandError(str(error), returncode=1) from error

    def create(self, services, to=None, **options):
        report = services.backup_create(directory=to)
        m = report.manifest
        rows = sum(t["rows"] for t in m["tables"].values())
        media = f", {len(m['media'])} uploaded file(s)" if m["media"] is not None else ", uploads not included"
        self.stdout.write(f"Backup written to {report.path}: {m['engine']} database, {len(m['tables'])} tables, "
                          f"{rows} rows{media}, audit trail to entry #{m['audit']['seq']}.")

    def verify(self, services, file, **options):
        report = services.backup_verify(file)
        if not report.ok:
            raise CommandError("The backup is damaged: " + "; ".join(report.problems) + ".", returncode=1)
        m = report.manifest
        self.stdout.write(f"Backup intact: made {m['created_at']}, {len(m['tables'])} tables match the manifest, "
                          f"audit trail to entry #{m['audit']['seq']}.")

    def restore(self, services, file, yes=False, **options):
        if not yes:
            answer = input(f"Replace the database {settings.DATABASES['default']['NAME']} with {file}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("Nothing restored.")
        report = services.backup_restore(file)
        if not report.ok:
            raise CommandError("Restored, but the database differs from the backup: " + "; ".join(report.problems)
                               + ".", returncode=1)
        self.stdout.write(f"Restored {file}: {len(report.manifest['tables'])} tables match the backup. Run "
                          f"`observatory audit verify` and `observatory keys status` next.")

    def key(self, services, **options):
        path = services.backup_key_create()
        self.stdout.write(f"The backup key is in {path}. Keep a copy apart from the backups (see docs/backups.md).")

    def _key_bytes(self, services, name: str) -> bytes:
        if name == "backup":
            return services.backup_key()
        text = getattr(settings, KEYS[name][1])
        return base64.urlsafe_b64decode(text.strip() + "==")

    def split_key(self, services, key="master", shares=3, threshold=2, **options):
        import shamir_mnemonic

        if not 1 < threshold <= shares <= 16:
            raise CommandError("Use 2 ≤ threshold ≤ shares ≤ 16.")
        secret = self._key_bytes(services, key)
        [group] = shamir_mnemonic.generate_mnemonics(1, [(threshold, shares)], secret)
        self.stdout.write(f"The {key} key in {shares} shares; any {threshold} rebuild it "
                          f"(`observatory backup join-key`). Give each to a different person; never store two "
                          f"together.\n")
        for number, words in enumerate(group, start=1):
            self.stdout.write(f"Share {number}:\n{words}\n")

    def join_key(self, services, share=(), **options):
        import shamir_mnemonic
        from shamir_mnemonic import MnemonicError

        lines = list(share) or [line.strip() for line in sys.stdin if line.strip()]
        lines = [line for line in lines if not line.lower().startswith("share ")]
        try:
            secret = shamir_mnemonic.combine_mnemonics(lines)
        except (MnemonicError, ValueError) as error:
            raise CommandError(f"The shares do not rebuild a key: {error}") from error
        self.stdout.write(base64.urlsafe_b64encode(secret).decode())
