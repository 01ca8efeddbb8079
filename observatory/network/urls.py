from django.urls import path

from observatory.network import views

app_name = "network"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("<uuid:member_id>/", views.member, name="member"),
]
