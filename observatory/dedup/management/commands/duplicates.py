"""``observatory duplicates find [--country ISO3] [--json]``: look for possible duplicates across organisations."""

from __future__ import annotations

import json
from dataclasses import asdict

from django.core.management.base import BaseCommand, CommandError

from observatory import access
from observatory.countries.models import Country
from observatory.dedup.services import duplicates_find


class Command(BaseCommand):
    help = ("Look for cases of different organisations that may describe the same violation, and store them for "
            "the country coordinators to review: 'duplicates find [--country ISO3] [--json]'.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        find = sub.add_parser("find", help="Compare each country's cases on their keyed features.")
        find.add_argument("--country", help="ISO3 code (default: every country with cases).")
        find.add_argument("--json", action="store_true", help="Print the result as JSON.")

    def handle(self, *args, **options):
        countries = Country.objects.filter(cases__isnull=False).distinct().order_by("iso3")
        if options["country"]:
            countries = Country.objects.filter(iso3=options["country"].upper())
            if not countries:
                raise CommandError(f"--country {options['country']}: no such country (give an ISO3 code).")
        results = {c.iso3: asdict(duplicates_find(actor=access.SYSTEM, country=c)) for c in countries}
        if options["json"]:
            self.stdout.write(json.dumps(results, indent=2))
            return
        for iso3, result in results.items():
            self.stdout.write(f"{iso3}: {result['cases']} cases in {result['lists']} lists; "
                              f"{result['pairs_found']} possible duplicates, {result['pairs_new']} new "
                              f"({result['method']})")
