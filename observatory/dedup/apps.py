from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DedupConfig(AppConfig):
    name = "observatory.dedup"
    label = "dedup"
    verbose_name = _("Duplicates across organisations")

    def ready(self):
        from observatory.dedup import policies

        policies.register_all()
