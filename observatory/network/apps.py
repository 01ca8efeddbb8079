from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "observatory.network"
    label = "network"
    verbose_name = _("The network: members")

    def ready(self):
        from observatory.core.menu import register_menu_entry
        from observatory.network import policies
        from observatory.network.models import Member

        policies.register_all()
        register_menu_entry(label=_("Members"), url_name="network:manage", model=Member,
                            action=policies.MemberAction.CHANGE, order=10)
