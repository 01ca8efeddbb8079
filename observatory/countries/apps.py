from django.apps import AppConfig


class CountriesConfig(AppConfig):
    name = "observatory.countries"
    label = "countries"
    setup_loaders = [("countries", "observatory.countries.services.countries_load")]
