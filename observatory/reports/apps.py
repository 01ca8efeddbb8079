from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "observatory.reports"
    label = "reports"
    verbose_name = _("Briefs and shadow reports")

    def ready(self):
        from observatory.reports import policies

        policies.register_all()

        from observatory.core.menu import register_menu_entry
        from observatory.reports.models import SubmissionDraft

        register_menu_entry(label=_("Submissions to the UN"), url_name="reports:submissions", model=SubmissionDraft,
                            action="create", order=45)

        from observatory.jobs.services import register_refresher
        from observatory.reports.tasks import briefs_enqueue

        # After an import, every brief is written again in the background (and cached).
        register_refresher("reports.briefs", briefs_enqueue)
