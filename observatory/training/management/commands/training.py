"""``observatory training load FILE.yaml``: curricula with modules, tests (questions and answers as data) and
toolkit documents, all or nothing (see docs/meetings.md for the file's layout)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from observatory import access


class Command(BaseCommand):
    help = "Training: 'training load FILE.yaml' loads curricula, modules, tests and toolkit documents."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        load = sub.add_parser("load", help="Load a training data file (all or nothing; idempotent).")
        load.add_argument("path")

    def handle(self, *args, path, **options):
        from observatory.training.services import TrainingDataError, training_load

        try:
            counts = training_load(actor=access.SYSTEM, path=path)
        except FileNotFoundError:
            raise CommandError(f"{path}: no such file.") from None
        except TrainingDataError as error:
            raise CommandError(f"{error}. Nothing was loaded.") from None
        self.stdout.write(", ".join(f"{key} {value}" for key, value in counts.items()))
