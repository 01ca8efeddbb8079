"""``observatory analyze its|did|synth FILE.csv ...``: the scriptable face of the analysis engine.

``observatory analyze its --indicator CODE --country ISO3 --event EVENT_ID`` runs
the same interrupted time series on the platform's own data (see
``observatory.impact.datasets`` for how the series, offset and intervention
are chosen).
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from observatory.analysis import cli
from observatory.analysis.errors import AnalysisError


class Command(BaseCommand):
    help = "Estimate what a policy change did to an outcome: interrupted time series, staggered DiD, synthetic control."

    def add_arguments(self, parser):
        cli.add_arguments(parser.add_subparsers(dest=cli.METHOD_DEST, required=True), platform=True)

    def handle(self, *args, **options):
        try:
            result = cli.run(_Namespace(options), platform=_platform_its)
        except AnalysisError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False, allow_nan=False, default=str))


def _platform_its(options) -> dict:
    """``its`` on the platform's data: assemble the series, fit (cached), return the JSON shape."""
    from observatory.impact.analyses import its_analysis, platform_output
    from observatory.impact.datasets import its_dataset

    dataset = its_dataset(indicator_code=options.indicator, iso3=options.country, event_slug=options.event,
                          family=options.family)
    analysis = its_analysis(dataset=dataset, slope_change=options.slope_change, hac_lags=options.hac_lags)
    return platform_output(analysis)


class _Namespace:
    """argparse-style attribute access over Django's options dict."""

    def __init__(self, options):
        self.__dict__.update(options)
