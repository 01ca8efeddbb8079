from django.urls import path

from observatory.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("import/", views.upload, name="upload"),
    path("template.csv", views.template_csv, name="template"),
    path("<slug:code>/", views.detail, name="detail"),
]
