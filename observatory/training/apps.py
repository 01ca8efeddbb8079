from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "observatory.training"
    label = "training"
    verbose_name = _("Training and the toolkit library")
    setup_loaders = [("toolkit library", "observatory.training.services.toolkit_load")]
    search_providers = ["observatory.training.links.entries"]

    def ready(self):
        from observatory.meetings.extensions import register_organiser_links, register_participant_links
        from observatory.training import links, policies

        policies.register_all()

        from observatory.core.menu import register_menu_entry
        from observatory.training.models import Quiz

        register_menu_entry(label=_("Courses and tests"), url_name="training:manage", model=Quiz, action="create",
                            order=36)
        register_participant_links(links.participant_links)
        register_organiser_links(links.organiser_links)
