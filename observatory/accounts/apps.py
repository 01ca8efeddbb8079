from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "observatory.accounts"
    label = "accounts"

    def ready(self):
        from observatory.accounts import signals  # noqa: F401  (connects the login audit receivers)
