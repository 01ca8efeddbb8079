from django.urls import path

from observatory.advocacy import views

app_name = "advocacy"
urlpatterns = [
    path("", views.action_list, name="list"),
    path("new/", views.action_new, name="new"),
    path("<uuid:action_id>/", views.action_detail, name="action"),
]
