from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "observatory.meetings"
    label = "meetings"
    verbose_name = _("Meetings, forums and trainings")
    setup_loaders = [("meetings", "observatory.meetings.services.meetings.meetings_load")]
    search_providers = ["observatory.meetings.search.entries"]

    def ready(self):
        from observatory.core.menu import register_menu_entry
        from observatory.meetings import policies
        from observatory.meetings.models import Meeting

        policies.register_all()
        register_menu_entry(label=_("Organise meetings"), url_name="meetings:manage", model=Meeting, action="change",
                            order=35)
