import json

from django.core.management.base import BaseCommand

from observatory.countries.selectors import country_dict, country_list


class Command(BaseCommand):
    help = "List the countries the platform covers (the same fields as GET /api/v1/countries)."
    # Changes no schema and serves no page: skip the system checks, which import every page and the API.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args, **options):
        rows = [country_dict(c) for c in country_list()]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            for row in rows:
                self.stdout.write(f"{row['iso3']}\t{row['iso2']}\t{row['subregion']}\t{row['name_en']}\t{row['name_ru']}")
