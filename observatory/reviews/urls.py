from django.urls import path

from observatory.reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:code>/", views.process_detail, name="process"),
    path("<slug:code>/rounds/new/", views.round_create, name="round_create"),
    path("<slug:code>/countries/<str:iso3>/", views.country_progress, name="country_progress"),
    path("<slug:code>/<int:year>/", views.round_detail, name="round"),
    path("<slug:code>/<int:year>/settings/", views.round_update, name="round_update"),
    path("<slug:code>/<int:year>/<str:iso3>/", views.shadow_report, name="shadow_report"),
    path("<slug:code>/<int:year>/<str:iso3>/report/", views.report_edit, name="report_edit"),
    path("<slug:code>/<int:year>/<str:iso3>/items/<slug:item>/", views.assessment_edit, name="assessment_edit"),
    path("<slug:code>/<int:year>/<str:iso3>/items/<slug:item>/history/", views.assessment_history,
         name="assessment_history"),
]
