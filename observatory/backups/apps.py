from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "observatory.backups"
    label = "backups"
    verbose_name = "Backups"
