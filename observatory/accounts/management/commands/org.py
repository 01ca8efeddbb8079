from django.core.management.base import BaseCommand

from observatory import access
from observatory.accounts.models import Organisation
from observatory.accounts.services import organisation_create
from observatory.core.management.base import run_service


class Command(BaseCommand):
    help = "Manage organisations: 'org create SLUG --name NAME --country ISO3', 'org list'."
    # Changes no schema and serves no page: skip the system checks, which import every page and the API.
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        create = sub.add_parser("create", help="Create an organisation.")
        create.add_argument("slug")
        create.add_argument("--name", required=True)
        create.add_argument("--country", required=True, help="ISO3 code of the country it works in.")
        sub.add_parser("list", help="List organisations.")

    def handle(self, *args, subcommand, **options):
        if subcommand == "create":
            org = run_service(organisation_create, actor=access.SYSTEM, slug=options["slug"], name=options["name"],
                              country=options["country"])
            self.stdout.write(f"Created organisation {org.slug} ({org.name}, {org.country.iso3}).")
        else:
            for org in Organisation.objects.select_related("country").order_by("slug"):
                self.stdout.write(f"{org.slug}\t{org.country.iso3}\t{org.name}")
