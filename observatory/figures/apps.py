from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "observatory.figures"
    label = "figures"
    verbose_name = _("National figures supplied by members")

    def ready(self):
        from observatory.core.menu import register_menu_entry
        from observatory.figures import policies
        from observatory.figures.models import FigureSubmission

        policies.register_all()
        register_menu_entry(label=_("National figures"), url_name="figures:index", model=FigureSubmission,
                            action="create", order=50)
