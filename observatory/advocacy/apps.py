from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvocacyConfig(AppConfig):
    name = "observatory.advocacy"
    label = "advocacy"
    verbose_name = _("Advocacy log")

    def ready(self):
        from observatory.advocacy import policies

        policies.register_all()
