from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "observatory.public"
    label = "public"
