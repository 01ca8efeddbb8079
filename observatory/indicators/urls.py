from django.urls import path

from observatory.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("import/", views.upload, name="upload"),
    path("template.csv", views.template_csv, name="template"),
    path("<slug:code>/", views.detail, name="detail"),
    path("<slug:code>/embed/", views.embed, name="embed"),
    path("<slug:code>/chart.<str:fmt>", views.chart_file, name="chart"),
]
