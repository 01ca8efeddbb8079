from django.urls import path

from observatory.scorecard import views

app_name = "scorecard"
urlpatterns = [
    path("", views.ranking, name="ranking"),
    path("survey/", views.survey_home, name="survey"),
    path("survey/answer/<int:assignment_id>/", views.survey_answer, name="survey_answer"),
    path("survey/review/<slug:code>/<str:iso3>/<int:year>/", views.survey_review, name="survey_review"),
    path("<str:iso3>/", views.country, name="country"),
]
