from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "observatory.rights"
    label = "rights"
    verbose_name = _("Human rights mechanisms and alternatives to punishment")
    setup_loaders = [("human rights mechanisms", "observatory.rights.loaders.rights_load")]

    def ready(self):
        from observatory.rights import policies

        policies.register_all()
