from django.urls import path

from observatory.dedup import views

app_name = "dedup"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("find/", views.find, name="find"),
    path("<uuid:pair_id>/", views.pair_detail, name="pair"),
    path("<uuid:pair_id>/decide/", views.pair_decide, name="decide"),
]
