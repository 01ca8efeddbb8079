"""``observatory setup``: migrate the database and load the shipped reference data.

Safe to run again: every loader is idempotent, so a second run changes nothing.
"""

from __future__ import annotations

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from observatory import access
from observatory.core.signals import setup_finished

_CHANGES = ("created", "updated", "inserted", "removed", "deactivated")


def loaders() -> list[tuple[str, str]]:
    """Each app lists its loaders as ``setup_loaders = [(label, "dotted.path"), ...]`` on its AppConfig.

    A loader is a service taking the keyword-only ``actor`` and returning a dict of counts; setup
    passes ``access.SYSTEM``, so its audit entries name the platform. They run in the order of
    ``INSTALLED_APPS``, so countries load before the data that refers to them.
    """
    return [loader for config in apps.get_app_configs() for loader in getattr(config, "setup_loaders", [])]


def _narrow_var_files() -> None:
    """Files that earlier versions left readable by others in var/ become owner-only (0600)."""
    import os

    from django.conf import settings

    for path in settings.VAR_DIR.iterdir():
        if path.is_file() and path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o077:
            path.chmod(0o600)


class Command(BaseCommand):
    help = "Create or update the database and load the shipped reference data (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--no-static", action="store_true", help="Skip collecting static files.")

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        call_command("createcachetable", verbosity=0)  # the shared cache when REDIS_URL is not set
        _narrow_var_files()
        changed = False
        for name, dotted in loaders():
            counts = import_string(dotted)(actor=access.SYSTEM)
            changed |= any(value for key, value in counts.items()
                           if isinstance(value, int) and any(word in key for word in _CHANGES))
            summary = ", ".join(f"{key} {value}" for key, value in counts.items())
            self.stdout.write(f"{name}: {summary}")
        if not options["no_static"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        # Apps rebuild what depends on the data (country pages, briefs) in the background.
        setup_finished.send(sender=type(self), changed=changed)
        self.stdout.write(self.style.SUCCESS("Setup complete."))
