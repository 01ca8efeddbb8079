from django.urls import path

from observatory.indicators import coverage_views

app_name = "data"
urlpatterns = [
    path("coverage/", coverage_views.coverage, name="coverage"),
]
