from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "observatory.audit"
    label = "audit"
    verbose_name = "Audit trail"
