from django.urls import path

from observatory.reports import views

app_name = "reports"
urlpatterns = [
    path("brief/<str:iso3>.pdf", views.brief, name="brief"),
    path("regional.pdf", views.regional, name="regional"),
    path("shadow/<slug:code>/<int:year>/<str:iso3>.pdf", views.shadow, name="shadow"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/<str:iso3>/<str:language>/", views.staff_edit, name="staff_edit"),
]
