from django.urls import path

from observatory.rights import views

app_name = "rights"
urlpatterns = [
    path("", views.index, name="index"),
    path("litigation/", views.litigation, name="litigation"),
    path("alternatives/", views.alternatives, name="alternatives"),
    path("recommendations/<slug:key>/", views.recommendation, name="recommendation"),
    path("<str:iso3>/", views.country, name="country"),
]
