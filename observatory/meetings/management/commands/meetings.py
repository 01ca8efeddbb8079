"""Meetings at the command line.

``observatory meetings create SLUG --kind K --title-en T --title-ru T --starts-on YYYY-MM-DD [--ends-on D]
[--city C] [--country ISO3] [--open]`` publishes a meeting (``--open`` opens its registration);
``observatory meetings certificate SLUG --participant EMAIL --lang en|ru -o FILE.pdf --as USER``;
``observatory meetings remind [--days N]`` queues the reminders of meetings starting within N days.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from observatory import access
from observatory.accounts.models import User
from observatory.countries.selectors import country_get
from observatory.meetings.models import Meeting, MeetingKind


def _date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option} {text}: a date as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = "Meetings: 'meetings create SLUG ...', 'meetings certificate SLUG --participant EMAIL ...', " \
           "'meetings remind'."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        create = sub.add_parser("create", help="Create and publish a meeting.")
        create.add_argument("slug")
        create.add_argument("--kind", required=True, choices=MeetingKind.values)
        create.add_argument("--title-en", required=True)
        create.add_argument("--title-ru", required=True)
        create.add_argument("--starts-on", required=True, help="YYYY-MM-DD")
        create.add_argument("--ends-on", help="YYYY-MM-DD (default: the first day)")
        create.add_argument("--city", default="")
        create.add_argument("--country", help="ISO3 of the country that hosts it (default UKR)", default="UKR")
        create.add_argument("--online", action="store_true")
        create.add_argument("--open", action="store_true", help="Open registration.")
        cert = sub.add_parser("certificate", help="Write a participant's certificate of attendance (PDF).")
        cert.add_argument("slug")
        cert.add_argument("--participant", required=True, help="The e-mail address the participant registered with.")
        cert.add_argument("--lang", choices=("en", "ru"), default="en")
        cert.add_argument("-o", "--output", required=True)
        cert.add_argument("--as", dest="as_user", help="The organiser's account it is issued for (default: the "
                                                       "platform operator).")
        remind = sub.add_parser("remind", help="Queue reminders for meetings starting within --days days.")
        remind.add_argument("--days", type=int, default=2)

    def handle(self, *args, subcommand, **options):
        return {"create": self._create, "certificate": self._certificate, "remind": self._remind}[subcommand](options)

    def _create(self, options):
        from observatory.meetings.services.meetings import MeetingData, meeting_save

        country = country_get(iso3=options["country"])
        if country is None:
            raise CommandError(f"--country {options['country']}: no such country (give an ISO3 code).")
        starts = _date(options["starts_on"], "--starts-on")
        data = MeetingData(slug=options["slug"], kind=options["kind"], title_en=options["title_en"],
                           title_ru=options["title_ru"], starts_on=starts,
                           ends_on=_date(options["ends_on"], "--ends-on") if options.get("ends_on") else None,
                           city=options["city"], country=country, online=options["online"], published=True,
                           registration_open=options["open"])
        try:
            meeting = meeting_save(actor=access.SYSTEM, data=data,
                                   meeting=Meeting.objects.filter(slug=data.slug).first())
        except ValidationError as error:
            raise CommandError("; ".join(f"--{k.replace('_', '-')}: {' '.join(v)}"
                                         for k, v in error.message_dict.items())) from None
        self.stdout.write(f"{meeting.slug}: published{', registration open' if meeting.registration_open else ''}")

    def _certificate(self, options):
        from observatory.meetings.certificate import certificate_pdf
        from observatory.meetings.services.certificates import (
            certificate_issue,
            registration_by_email,
        )

        meeting = Meeting.objects.filter(slug=options["slug"]).first()
        if meeting is None:
            raise CommandError(f"No meeting {options['slug']}.")
        actor = access.SYSTEM
        if options.get("as_user"):
            actor = User.objects.filter(username=options["as_user"], is_active=True).first()
            if actor is None:
                raise CommandError(f"--as {options['as_user']}: no such active account.")
        try:
            registration = registration_by_email(meeting=meeting, email=options["participant"])
            certificate = certificate_issue(actor=actor, registration=registration)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        except PermissionDenied:
            raise CommandError(f"{options['as_user']} does not organise this meeting.") from None
        pdf = certificate_pdf(certificate, language=options["lang"])
        path = Path(options["output"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pdf)
        path.chmod(0o600)  # it names a person
        self.stdout.write(f"{path} (code {certificate.code})")

    def _remind(self, options):
        from observatory.meetings.services.registrations import reminders_send

        self.stdout.write(f"{reminders_send(days=options['days'])} reminders queued")
