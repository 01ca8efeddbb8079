"""``observatory submission ISO3 --mechanism upr|cescr|cedaw|cat|hrc|crc --lang en|ru -o FILE.pdf|FILE.docx``."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from observatory.reports.documents.submission import MECHANISMS, WORD_LIMITS, OverWordLimit


class Command(BaseCommand):
    help = ("Draft a civil-society submission to a UN human rights mechanism from the platform's data: a PDF, or a "
            "DOCX to edit when the file name ends in .docx.")

    def add_arguments(self, parser):
        parser.add_argument("iso3", help="The country's ISO3 code, e.g. UKR.")
        parser.add_argument("--mechanism", required=True, choices=MECHANISMS)
        parser.add_argument("--lang", choices=("en", "ru"), default="en", help="Language (default en).")
        parser.add_argument("-o", "--output", required=True, help="The file to write: FILE.pdf or FILE.docx.")

    def handle(self, *args, iso3, mechanism, lang, output, **options):
        from observatory.countries.selectors import country_get
        from observatory.reports.generate import submission_file

        path = Path(output)
        fmt = path.suffix.lower().lstrip(".")
        if fmt not in ("pdf", "docx"):
            raise CommandError(f"{output}: the file name must end in .pdf or .docx.")
        country = country_get(iso3=iso3)
        if country is None:
            raise CommandError(f"No country {iso3.upper()}: see `observatory countries`.")
        try:
            content, count = submission_file(country=country, mechanism=mechanism, language=lang, fmt=fmt)
        except OverWordLimit as error:
            raise CommandError(f"The submission does not fit: {error}.") from None
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        limit = WORD_LIMITS.get(mechanism)
        self.stdout.write(f"{path} ({len(content) // 1024} KB, {count} words"
                          + (f" of at most {limit})" if limit else ")"))
