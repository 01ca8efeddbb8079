"""``observatory coverage``: what the indicator database holds, per indicator and country."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from observatory.indicators.selectors import coverage_table


class Command(BaseCommand):
    help = "For each indicator and country: the number of observations and the first and latest year."
    # Changes no schema and serves no page: skip the system checks, which import every page and the API.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--indicator", help="Only this indicator code.")

    def handle(self, *args, **options):
        rows = coverage_table(indicator_code=options.get("indicator"))
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=1))
            return
        for row in rows:
            self.stdout.write(f"{row['indicator']}\t{row['country']}\t{row['observations']}\t"
                              f"{row['first_year']}-{row['latest_year']}")
