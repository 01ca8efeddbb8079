from django.urls import path

from observatory.network import views

app_name = "network"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("apply/", views.apply, name="apply"),
    path("applications/", views.applications, name="applications"),
    path("applications/<uuid:member_id>/", views.application, name="application"),
    path("manage/", views.manage, name="manage"),
    path("manage/export/", views.manage_export, name="manage_export"),
    path("manage/<uuid:member_id>/", views.manage_member, name="manage_member"),
    path("manage/<uuid:member_id>/edit/", views.manage_member_edit, name="manage_member_edit"),
    path("<uuid:member_id>/", views.member, name="member"),
]
