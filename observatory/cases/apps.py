from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "observatory.cases"
    label = "cases"
