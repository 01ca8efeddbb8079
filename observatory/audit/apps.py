from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "observatory.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self):
        from observatory.audit import policies

        policies.register_all()
