from django.apps import AppConfig


class LawsConfig(AppConfig):
    name = "observatory.laws"
    label = "laws"
