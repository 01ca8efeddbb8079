"""``observatory laws compare ISO3 [ISO3 ...] [--date YYYY-MM-DD] [--json]`` and ``observatory laws load``."""

from __future__ import annotations

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from observatory import access
from observatory.countries.selectors import country_get
from observatory.laws import export, selectors
from observatory.laws.services import laws_load


class Command(BaseCommand):
    help = "Compare countries' drug laws with the model non-repressive law, or reload the shipped law data."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        compare = sub.add_parser("compare", help="Judge each provision against the model law.")
        compare.add_argument("countries", nargs="+", metavar="ISO3")
        compare.add_argument("--date", help="State of the law on this day (YYYY-MM-DD); default: latest known.")
        compare.add_argument("--json", action="store_true", help="Print JSON.")
        compare.add_argument("--language", default="en", choices=["en", "ru"], help="Language of the table.")
        sub.add_parser("load", help="Load data/laws/ (as 'observatory setup' does).")

    def handle(self, *args, **options):
        if options["action"] == "load":
            counts = laws_load(actor=access.SYSTEM)
            self.stdout.write(", ".join(f"{k} {v}" for k, v in counts.items()))
            return
        at = None
        if options["date"]:
            try:
                at = datetime.date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date: {error}") from None
        countries = []
        for code in options["countries"]:
            country = country_get(iso3=code)
            if country is None:
                raise CommandError(f"Unknown country code {code!r}.")
            countries.append(country)
        results = [export.country_dict(country=c, cells=selectors.country_assessment(country=c, at=at), at=at)
                   for c in countries]
        if options["json"]:
            self.stdout.write(json.dumps({"date": at.isoformat() if at else None,
                                          "countries": {r["country"]: r for r in results}},
                                         ensure_ascii=False, indent=2))
            return
        gap = f"gap_{options['language']}"
        with translation.override(options["language"]):
            for result in results:
                self.stdout.write(f"{result['country']} ({result['date'] or 'latest known state'}): "
                                  + ", ".join(f"{k} {v}" for k, v in result["summary"].items()))
                for p in result["provisions"]:
                    citation = (p["version"] or {}).get("citation") or ""
                    self.stdout.write(f"  {p['provision']:<24} {p['status']:<14} {p[gap]}"
                                      + (f" [{citation}]" if citation else ""))
