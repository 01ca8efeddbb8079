from django.urls import path

from observatory.impact import views

app_name = "impact"
urlpatterns = [
    path("<str:iso3>/", views.chooser, name="chooser"),
    path("<str:iso3>/<slug:event>/<slug:indicator>/", views.analysis, name="analysis"),
    path("<str:iso3>/<slug:event>/<slug:indicator>/analysis.json", views.analysis_json, name="analysis_json"),
    path("<str:iso3>/<slug:event>/<slug:indicator>/publish/", views.publish, name="publish"),
    path("<str:iso3>/<slug:event>/<slug:indicator>/synth/", views.synth, name="synth"),
    path("<str:iso3>/<slug:event>/<slug:indicator>/synth/spec.yaml", views.synth_spec, name="synth_spec"),
    path("<str:iso3>/<slug:event>/<slug:indicator>/synth/panel.csv", views.synth_panel, name="synth_panel"),
]
