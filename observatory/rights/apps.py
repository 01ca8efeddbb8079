from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "observatory.rights"
    label = "rights"
    verbose_name = _("Human rights mechanisms and alternatives to punishment")
    setup_loaders = [("human rights mechanisms", "observatory.rights.loaders.rights_load")]

    def ready(self):
        from observatory.laws.practice import register_practice_provider
        from observatory.rights import policies, selectors

        policies.register_all()
        # The law pages link a country's provisions on diversion and alternatives to its programmes.
        register_practice_provider(selectors.practice_links)
