"""``observatory coverage``: what the indicator database holds, per indicator and country; with ``--grid``,
the latest data year of each core evidence column in each country (``--json`` for a machine)."""

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
        parser.add_argument("--grid", action="store_true",
                            help="The 29 countries × 12 core columns: latest data year, and whether it is an "
                                 "edition year only.")

    def handle(self, *args, **options):
        if options["grid"]:
            return self._grid(options["json"])
        rows = coverage_table(indicator_code=options.get("indicator"))
        if options["json"]:
            self.stdout.write(json.dumps(rows, indent=1))
            return
        for row in rows:
            self.stdout.write(f"{row['indicator']}\t{row['country']}\t{row['observations']}\t"
                              f"{row['first_year']}-{row['latest_year']}")

    def _grid(self, as_json: bool) -> None:
        from observatory.indicators.coverage import coverage_grid, grid_json

        grid = coverage_grid()
        if as_json:
            self.stdout.write(json.dumps(grid_json(grid), indent=1, ensure_ascii=False))
            return
        keys = [c["key"] for c in grid["columns"]]
        self.stdout.write("ISO3 " + " ".join(f"{k[:8]:>8}" for k in keys))
        for row in grid["rows"]:
            marks = [f"{(str(c.latest_year) + ('e' if c.edition_year else '')) if c.latest_year else '-':>8}"
                     for c in row["cells"]]
            self.stdout.write(f"{row['country'].iso3}  " + " ".join(marks))
        s = grid["summary"]
        self.stdout.write(f"{s['cells']} cells: {s['any']:.0%} any value; {s['recent_data_year']:.0%} a data year "
                          f"from {s['recent_from']} (e = edition year only, not counted: {s['edition_only']:.0%})")
