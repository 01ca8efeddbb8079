from django.urls import path

from observatory.network import views

app_name = "network"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("apply/", views.apply, name="apply"),
    path("applications/", views.applications, name="applications"),
    path("applications/<uuid:member_id>/", views.application, name="application"),
    path("manage/", views.manage, name="manage"),
    path("manage/<uuid:member_id>/", views.manage_member, name="manage_member"),
    path("<uuid:member_id>/", views.member, name="member"),
]
