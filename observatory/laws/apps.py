from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawsConfig(AppConfig):
    name = "observatory.laws"
    label = "laws"
    verbose_name = _("Laws and the model law")
    setup_loaders = [("laws and the model law", "observatory.laws.services.laws_load")]
    search_providers = ["observatory.laws.search.entries"]

    def ready(self):
        from observatory.laws import policies

        policies.register_all()
