from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "observatory.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")

    def ready(self):
        from observatory.core.signals import setup_finished
        from observatory.jobs import policies

        policies.register_all()
        setup_finished.connect(_refresh_after_setup, dispatch_uid="jobs.refresh_after_setup")


def _refresh_after_setup(sender, changed: bool, **kwargs) -> None:
    """Shipped data that changed makes the country pages and briefs stale: rebuild them in the background."""
    if changed:
        from observatory.access import SYSTEM
        from observatory.jobs.services import derived_refresh

        derived_refresh(actor=SYSTEM)
