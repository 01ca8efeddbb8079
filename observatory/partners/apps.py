from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "observatory.partners"
    label = "partners"
    verbose_name = _("Partners and alliances")

    def ready(self):
        from observatory.core.menu import register_menu_entry
        from observatory.partners import policies
        from observatory.partners.models import Partner

        policies.register_all()
        register_menu_entry(label=_("Partners"), url_name="partners:list", model=Partner, order=20)
