from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "observatory.accounts"
    label = "accounts"

    def ready(self):
        from observatory.accounts import policies, signals  # noqa: F401  (signals: the login audit receivers)

        policies.register_all()
