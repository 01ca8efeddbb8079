from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "observatory.stories"
    label = "stories"
    verbose_name = _("Stories and news")
    search_providers = ["observatory.stories.search.entries"]
    setup_loaders = [("stories", "observatory.stories.loader.stories_load")]

    def ready(self):
        from observatory.core.menu import register_menu_entry
        from observatory.stories import policies
        from observatory.stories.models import Story

        policies.register_all()
        register_menu_entry(label=_("Stories (editing)"), url_name="stories:manage", model=Story,
                            action="change", order=60)
