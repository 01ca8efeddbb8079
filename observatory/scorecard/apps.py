from django.apps import AppConfig


class ScorecardConfig(AppConfig):
    name = "observatory.scorecard"
    label = "scorecard"
