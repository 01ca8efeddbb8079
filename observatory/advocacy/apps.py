from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvocacyConfig(AppConfig):
    name = "observatory.advocacy"
    label = "advocacy"
    verbose_name = _("Advocacy log")

    def ready(self):
        from observatory.advocacy import policies
        from observatory.advocacy.models import AdvocacyAction
        from observatory.core.menu import register_menu_entry

        policies.register_all()
        from observatory.advocacy.selectors import touch_member_actions
        from observatory.network.signals import listing_changed

        listing_changed.connect(touch_member_actions, dispatch_uid="advocacy.touch_member_actions")
        register_menu_entry(label=_("Advocacy log"), url_name="advocacy:list", model=AdvocacyAction, order=30)
