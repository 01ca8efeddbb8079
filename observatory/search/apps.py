from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "observatory.search"
    label = "search"
    verbose_name = _("Site search")

    def ready(self):
        from observatory.core.signals import setup_finished
        from observatory.search import policies
        from observatory.search.signals import rebuild_after_setup

        policies.register_all()
        setup_finished.connect(rebuild_after_setup, dispatch_uid="search.rebuild_after_setup")
