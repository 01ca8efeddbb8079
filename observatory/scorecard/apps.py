from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScorecardConfig(AppConfig):
    name = "observatory.scorecard"
    label = "scorecard"
    verbose_name = _("Policy scorecard")
    setup_loaders = [("expert survey questions", "observatory.scorecard.services.survey_questions_load")]

    def ready(self):
        from observatory.scorecard import policies

        policies.register_all()
