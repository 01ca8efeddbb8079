from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "observatory.cases"
    label = "cases"
    verbose_name = _("Violations registry")
    setup_loaders = [("case vocabularies", "observatory.cases.services.vocabularies_load")]

    def ready(self):
        from observatory.cases import policies

        policies.register_all()
