from django.apps import AppConfig


class ImpactConfig(AppConfig):
    """The platform side of impact analysis: commands and pages around the pure ``observatory.analysis``."""

    name = "observatory.impact"
    label = "impact"

    def ready(self):
        from observatory.impact import policies

        policies.register_all()
