from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "observatory.indicators"
    label = "indicators"
    setup_loaders = [
        ("indicator catalogue", "observatory.indicators.services.catalogue_load"),
        ("shipped observations", "observatory.indicators.services.manifest_load"),
    ]
    search_providers = ["observatory.indicators.search.entries"]

    def ready(self):
        from observatory.indicators import policies

        policies.register_all()
