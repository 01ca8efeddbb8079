from django.urls import path

from observatory.meetings import staff_views, views

app_name = "meetings"
urlpatterns = [
    path("", views.index, name="index"),
    path("manage/", staff_views.manage, name="manage"),
    path("manage/new/", staff_views.meeting_new, name="new"),
    path("manage/<slug:slug>/", staff_views.meeting_edit, name="edit"),
    path("manage/<slug:slug>/participants/", staff_views.participants, name="participants"),
    path("manage/<slug:slug>/checkin/<str:code>/", staff_views.checkin, name="checkin"),
    path("manage/<slug:slug>/certificate/<str:code>.pdf", staff_views.certificate, name="certificate"),
    path("manage/recommendations/<uuid:uuid>/", staff_views.follow_up, name="follow_up"),
    path("certificates/verify/", views.verify, name="verify"),
    path("registration/<str:token>/", views.registration, name="registration"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/calendar.ics", views.calendar, name="calendar"),
]
