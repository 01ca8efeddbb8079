from django.urls import path

from observatory.public import pages, views, work

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("countries/<str:iso3>/", views.country_detail, name="country"),
    path("work/", work.my_work, name="work"),
    path("about/", pages.about, name="about"),
    path("methodology/", pages.methodology, name="methodology"),
    path("glossary/", pages.glossary, name="glossary"),
]
