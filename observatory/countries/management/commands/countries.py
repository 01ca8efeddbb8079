import json

from django.core.management.base import BaseCommand

from observatory.countries.apis import country_dict
from observatory.countries.selectors import country_list


class Command(BaseCommand):
    help = "List the countries the platform covers (the same fields as GET /api/v1/countries)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print JSON.")

    def handle(self, *args, **options):
        rows = [country_dict(c) for c in country_list()]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            for row in rows:
                self.stdout.write(f"{row['iso3']}\t{row['iso2']}\t{row['subregion']}\t{row['name_en']}\t{row['name_ru']}")
