from django.urls import path

from observatory.laws import views

app_name = "laws"
urlpatterns = [
    path("", views.index, name="index"),
    path("model/", views.model_law, name="model"),
    path("compare/", views.compare, name="compare"),
    path("<str:iso3>/", views.country, name="country"),
    path("<str:iso3>/reform/", views.reform, name="reform"),
]
