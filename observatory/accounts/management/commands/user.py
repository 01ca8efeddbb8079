import sys

from django.core.management.base import BaseCommand, CommandError

from observatory import access
from observatory.accounts.models import Role, User
from observatory.accounts.services import user_create, user_set_active, user_set_role
from observatory.core.management.base import run_service


class Command(BaseCommand):
    help = "Manage users: 'user create USERNAME --role ROLE [--country ISO3 ...] [--org SLUG]', 'user list', ..."
    # Changes no schema and serves no page: skip the system checks, which import every page and the API.
    requires_system_checks = []

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        create = sub.add_parser("create", help="Create a user; prints a generated password unless --password-stdin.")
        create.add_argument("username")
        create.add_argument("--role", required=True, choices=Role.values)
        create.add_argument("--country", action="append", default=[], help="ISO3; repeat for several (coordinator).")
        create.add_argument("--org", help="Organisation slug (case_manager, documenter).")
        create.add_argument("--email", default="")
        create.add_argument("--password-stdin", action="store_true", help="Read the password from standard input.")
        role = sub.add_parser("set-role", help="Change a user's role and scope.")
        role.add_argument("username")
        role.add_argument("--role", required=True, choices=Role.values)
        role.add_argument("--country", action="append", default=[])
        role.add_argument("--org")
        for name in ("deactivate", "activate"):
            sub.add_parser(name, help=f"{name.capitalize()} a user.").add_argument("username")
        sub.add_parser("list", help="List users with role and scope.")

    def _user(self, username):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        return user

    def handle(self, *args, subcommand, **options):
        if subcommand == "create":
            password = None
            if options["password_stdin"]:
                password = sys.stdin.readline().rstrip("\n")
                if not password:
                    raise CommandError("No password on standard input.")
            user, generated = run_service(
                user_create, actor=access.SYSTEM, username=options["username"], role=options["role"], password=password,
                email=options["email"], organisation=options["org"], countries=options["country"],
            )
            self.stdout.write(f"Created user {user.username} ({user.role}).")
            if generated:
                self.stdout.write(f"Password (shown once, pass it on safely): {generated}")
        elif subcommand == "set-role":
            user = run_service(user_set_role, actor=access.SYSTEM, user=self._user(options["username"]), role=options["role"],
                               organisation=options["org"], countries=options["country"])
            self.stdout.write(f"{user.username} is now {user.role}.")
        elif subcommand in ("activate", "deactivate"):
            user = run_service(user_set_active, actor=access.SYSTEM, user=self._user(options["username"]),
                               active=subcommand == "activate")
            self.stdout.write(f"{user.username} {'activated' if user.is_active else 'deactivated'}.")
        else:
            for user in User.objects.select_related("organisation").prefetch_related("countries").order_by("username"):
                scope = user.organisation.slug if user.organisation else ",".join(c.iso3 for c in user.countries.all())
                state = "" if user.is_active else "\t(inactive)"
                self.stdout.write(f"{user.username}\t{user.role}\t{scope or '-'}{state}")
