"""``observatory keys rotate|status|new``: the master key and the data keys it wraps."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from observatory.cases import crypto
from observatory.cases.services.keys import keys_rotate, keys_status


class Command(BaseCommand):
    help = ("Encryption keys: 'keys new' prints a new master key; 'keys status' shows which master key wraps the "
            "data keys; 'keys rotate [--old-key-file FILE] [--new-data-keys]' re-wraps every data key under the "
            "current master key (OBSERVATORY_MASTER_KEY or var/master.key). See docs/security.md.")
    # Changes no schema and serves no page: skip the system checks, which import every page and the API.
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("new", help="Print a new random master key (URL-safe base64 of 32 bytes).")
        sub.add_parser("status", help="Data keys per master key, and blind indexes still to recompute.")
        rotate = sub.add_parser("rotate", help="Re-wrap the data keys under the current master key.")
        rotate.add_argument("--old-key-file", action="append", default=[],
                            help="A file holding the previous master key (also read: "
                                 "OBSERVATORY_MASTER_KEY_PREVIOUS, var/master.key.previous).")
        rotate.add_argument("--new-data-keys", action="store_true",
                            help="Also start a new data-key version per organisation for new records.")

    def handle(self, *args, subcommand, **options):
        if subcommand == "new":
            self.stdout.write(crypto.new_master_key_text())
            return
        if subcommand == "status":
            self.stdout.write(json.dumps(keys_status(), indent=2))
            return
        old = []
        for name in options["old_key_file"]:
            try:
                old.append(crypto.parse_master_key(Path(name).read_text(), what=f"key in {name}"))
            except (OSError, ImproperlyConfigured) as error:
                raise CommandError(f"--old-key-file {name}: {error}") from None
        result = keys_rotate(old_keys=old, new_data_keys=options["new_data_keys"])
        self.stdout.write(f"Master key {result.current}: re-wrapped {result.rewrapped} data keys "
                          f"({result.already_current} already current), recomputed {result.reindexed} blind indexes, "
                          f"{result.new_data_keys} new data-key versions.")
        if not result.ok:
            raise CommandError(f"{len(result.unreadable)} data keys are wrapped by a master key that was not given "
                               f"(--old-key-file or OBSERVATORY_MASTER_KEY_PREVIOUS); they were left unchanged.")
