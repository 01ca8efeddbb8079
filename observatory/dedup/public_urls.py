from django.urls import path

from observatory.dedup import public_views

app_name = "estimates"
urlpatterns = [path("", public_views.estimates, name="index")]
