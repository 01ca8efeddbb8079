from django.core.management.base import BaseCommand, CommandError

from observatory.audit.models import AuditEntry
from observatory.audit.services import audit_verify


class Command(BaseCommand):
    help = "Inspect the audit trail: 'verify' checks the hash chain; 'head' prints the latest entry's hash."
    # Changes no schema and serves no page: skip the system checks, which import every page and the API.
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("verify", help="Check every entry; exit 1 and name the first broken entry if any.")
        sub.add_parser("head", help="Print the sequence number and hash of the latest entry (keep it elsewhere).")

    def handle(self, *args, subcommand, **options):
        if subcommand == "head":
            last = AuditEntry.objects.order_by("-seq").first()
            self.stdout.write(f"{last.seq} {last.hash}" if last else "0 (empty)")
            return
        result = audit_verify()
        if not result.ok:
            raise CommandError(f"Audit trail broken at entry #{result.broken_seq}: {result.reason}.", returncode=1)
        self.stdout.write(f"Audit trail intact: {result.checked} entries verified.")
