from django.apps import AppConfig


class CountriesConfig(AppConfig):
    name = "observatory.countries"
    label = "countries"
