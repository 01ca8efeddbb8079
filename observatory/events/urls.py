from django.urls import path

from observatory.events import views

app_name = "events"
urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_create, name="staff_create"),
    path("staff/<slug:slug>/", views.staff_edit, name="staff_edit"),
    path("staff/<slug:slug>/delete/", views.staff_delete, name="staff_delete"),
    path("<slug:slug>/", views.detail, name="detail"),
]
