"""``observatory submission ISO3 --mechanism upr|cescr|cedaw|cat|hrc|crc --lang en|ru -o FILE.pdf``."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from observatory.reports.documents.submission import MECHANISMS, WORD_LIMITS, OverWordLimit


class Command(BaseCommand):
    help = "Draft a civil-society submission to a UN human rights mechanism from the platform's data (PDF)."

    def add_arguments(self, parser):
        parser.add_argument("iso3", help="The country's ISO3 code, e.g. UKR.")
        parser.add_argument("--mechanism", required=True, choices=MECHANISMS)
        parser.add_argument("--lang", choices=("en", "ru"), default="en", help="Language (default en).")
        parser.add_argument("-o", "--output", required=True, help="The PDF file to write.")

    def handle(self, *args, iso3, mechanism, lang, output, **options):
        from observatory.countries.selectors import country_get
        from observatory.reports.generate import submission_pdf

        country = country_get(iso3=iso3)
        if country is None:
            raise CommandError(f"No country {iso3.upper()}: see `observatory countries`.")
        try:
            pdf, count = submission_pdf(country=country, mechanism=mechanism, language=lang)
        except OverWordLimit as error:
            raise CommandError(f"The submission does not fit: {error}.") from None
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pdf)
        limit = WORD_LIMITS.get(mechanism)
        self.stdout.write(f"{path} ({len(pdf) // 1024} KB, {count} words"
                          + (f" of at most {limit})" if limit else ")"))
