from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "observatory.core"
    label = "core"
