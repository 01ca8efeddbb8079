from django.urls import path

from observatory.public import views, work

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("countries/<str:iso3>/", views.country_detail, name="country"),
    path("work/", work.my_work, name="work"),
]
