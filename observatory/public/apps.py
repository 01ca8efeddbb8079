from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "observatory.public"
    label = "public"

    def ready(self):
        from observatory.jobs.services import register_refresher
        from observatory.public.tasks import country_boards_enqueue

        # After an import, every country page is built again in the background.
        register_refresher("public.boards", country_boards_enqueue)
