from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "observatory.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")

    def ready(self):
        from observatory.jobs import policies

        policies.register_all()
