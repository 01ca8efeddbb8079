from django.urls import path

from observatory.public import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("countries/<str:iso3>/", views.country_detail, name="country"),
]
