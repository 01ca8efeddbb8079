from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "observatory.events"
    label = "events"
    verbose_name = _("Policy events")
    # Runs after the countries loader (INSTALLED_APPS order): every event refers to a country.
    setup_loaders = [("policy events", "observatory.events.services.events_load")]
    search_providers = ["observatory.events.search.entries"]

    def ready(self):
        from observatory.events import policies

        policies.register_all()
