from django.core.management.base import BaseCommand, CommandError

from observatory import access
from observatory.accounts.models import ApiToken, User
from observatory.accounts.services import token_create, token_revoke
from observatory.core.management.base import run_service


class Command(BaseCommand):
    help = "Manage API tokens: 'token create USERNAME', 'token list USERNAME', 'token revoke PREFIX'."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        create = sub.add_parser("create", help="Print a new API token for a user (shown once).")
        create.add_argument("username")
        create.add_argument("--name", default="")
        sub.add_parser("list", help="List a user's tokens.").add_argument("username")
        sub.add_parser("revoke", help="Revoke a token by its prefix.").add_argument("prefix")

    def handle(self, *args, subcommand, **options):
        if subcommand == "revoke":
            tokens = list(ApiToken.objects.filter(prefix=options["prefix"], revoked_at__isnull=True))
            if len(tokens) != 1:
                raise CommandError(f"{len(tokens)} active tokens have the prefix {options['prefix']!r}; need exactly one.")
            run_service(token_revoke, actor=access.SYSTEM, token=tokens[0])
            self.stdout.write(f"Revoked {options['prefix']}.")
            return
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user named {options['username']!r}.")
        if subcommand == "create":
            _, secret = run_service(token_create, actor=access.SYSTEM, user=user, name=options["name"])
            self.stdout.write(secret)
        else:
            for token in user.api_tokens.all():
                state = "revoked" if token.revoked_at else "active"
                self.stdout.write(f"{token.prefix}\t{token.name or '-'}\t{state}\tcreated {token.created_at:%Y-%m-%d}")
