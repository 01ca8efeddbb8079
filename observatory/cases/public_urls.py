"""The public statistics page at the site root (``/<lang>/violations/``), for the project's URLconf to include.

The same view is also served at ``/<lang>/cases/violations/`` by ``observatory.cases.urls``.
"""

from django.urls import path

from observatory.cases.views import public

app_name = "violations"
urlpatterns = [path("", public.violations, name="index")]
