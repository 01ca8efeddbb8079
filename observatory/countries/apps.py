from django.apps import AppConfig


class CountriesConfig(AppConfig):
    name = "observatory.countries"
    label = "countries"
    setup_loaders = [("countries", "observatory.countries.services.countries_load")]
    search_providers = ["observatory.countries.search.entries"]

    def ready(self):
        from observatory.countries import policies

        policies.register_all()
