from django.urls import path

from observatory.figures import views

app_name = "figures"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>/document/", views.document, name="document"),
]
