from django.urls import path

from observatory.training import views

app_name = "training"
urlpatterns = [
    path("", views.index, name="index"),
    path("toolkit/", views.toolkit, name="toolkit"),
    path("manage/", views.manage, name="manage"),
    path("results/<slug:slug>/", views.results, name="results"),
    path("r/<str:token>/test/<slug:quiz>/<str:phase>/", views.take, name="take"),
    path("r/<str:token>/feedback/", views.feedback, name="feedback"),
]
