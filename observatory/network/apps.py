from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "observatory.network"
    label = "network"
    verbose_name = _("The network: members")

    def ready(self):
        from observatory.network import policies

        policies.register_all()
