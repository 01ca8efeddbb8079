from django.urls import path

from observatory.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.partner_list, name="list"),
    path("new/", views.partner_new, name="new"),
    path("alliances/", views.alliance_list, name="alliances"),
    path("alliances/new/", views.alliance_new, name="alliance_new"),
    path("alliances/<uuid:alliance_id>/", views.alliance_detail, name="alliance"),
    path("alliances/<uuid:alliance_id>/edit/", views.alliance_edit, name="alliance_edit"),
    path("<uuid:partner_id>/", views.partner_detail, name="partner"),
    path("<uuid:partner_id>/edit/", views.partner_edit, name="partner_edit"),
]
