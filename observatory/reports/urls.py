from django.urls import path

from observatory.reports import submission_views, views

app_name = "reports"
urlpatterns = [
    path("brief/<str:iso3>.pdf", views.brief, name="brief"),
    path("regional.pdf", views.regional, name="regional"),
    path("shadow/<slug:code>/<int:year>/<str:iso3>.pdf", views.shadow, name="shadow"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/<str:iso3>/<str:language>/", views.staff_edit, name="staff_edit"),
    path("submissions/", submission_views.submissions, name="submissions"),
    path("submissions/<int:pk>/", submission_views.submission, name="submission"),
    path("submissions/<int:pk>/submission.<str:fmt>", submission_views.submission_download,
         name="submission_download"),
    path("submissions/<int:pk>/delete/", submission_views.submission_delete, name="submission_delete"),
]
