"""``observatory analyze its|did|synth FILE.csv ...``: the scriptable face of the analysis engine."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from observatory.analysis import cli
from observatory.analysis.errors import AnalysisError


class Command(BaseCommand):
    help = "Estimate what a policy change did to an outcome: interrupted time series, staggered DiD, synthetic control."

    def add_arguments(self, parser):
        cli.add_arguments(parser.add_subparsers(dest=cli.METHOD_DEST, required=True))

    def handle(self, *args, **options):
        try:
            result = cli.run(_Namespace(options))
        except AnalysisError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False, allow_nan=False, default=str))


class _Namespace:
    """argparse-style attribute access over Django's options dict."""

    def __init__(self, options):
        self.__dict__.update(options)
