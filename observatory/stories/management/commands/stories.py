"""``observatory stories load [DIR]``: stories written as files (front matter and Markdown with blocks), all or
nothing; ``observatory stories check FILE...``: check files without loading them (see docs/stories.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from observatory import access


class Command(BaseCommand):
    help = ("Stories: 'stories load [DIR]' publishes the story files of DIR (default data/stories); "
            "'stories check FILE'.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        load = sub.add_parser("load", help="Create or update the stories of a folder of .md files (all or nothing).")
        load.add_argument("directory", nargs="?")
        check = sub.add_parser("check", help="Check story files: front matter and every block line.")
        check.add_argument("paths", nargs="+")

    def handle(self, *args, subcommand, **options):
        from observatory.stories import markup
        from observatory.stories.loader import StoryDataError, read_story_file, stories_load

        if subcommand == "check":
            problems = 0
            for name in options["paths"]:
                try:
                    _front, body = read_story_file(Path(name))
                except (StoryDataError, FileNotFoundError) as error:
                    self.stderr.write(str(error))
                    problems += 1
                    continue
                for error in markup.errors(body):
                    self.stderr.write(f"{name}: {error}")
                    problems += 1
            if problems:
                raise CommandError(f"{problems} problem(s); fix them and check again.")
            self.stdout.write(f"{len(options['paths'])} file(s) are correct.")
            return
        directory = options.get("directory")
        if directory and not Path(directory).is_dir():
            raise CommandError(f"{directory}: no such folder.")
        try:
            counts = stories_load(actor=access.SYSTEM, directory=Path(directory) if directory else None)
        except StoryDataError as error:
            raise CommandError(f"{error}. Nothing was loaded.") from None
        self.stdout.write(", ".join(f"{key} {value}" for key, value in counts.items()))
