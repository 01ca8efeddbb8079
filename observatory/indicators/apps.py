from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "observatory.indicators"
    label = "indicators"
