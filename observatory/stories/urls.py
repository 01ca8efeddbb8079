from django.urls import path

from observatory.stories import manage_views, views

app_name = "stories"
urlpatterns = [
    path("", views.index, name="index"),
    path("feed/", views.StoryFeed(), name="feed"),
    path("manage/", manage_views.manage, name="manage"),
    path("manage/new/", manage_views.new, name="new"),
    path("manage/images/", manage_views.images, name="images"),
    path("manage/<int:pk>/", manage_views.edit, name="edit"),
    path("manage/<int:pk>/preview/", manage_views.preview, name="preview"),
    path("manage/<int:pk>/history/", manage_views.history, name="history"),
    path("manage/<int:pk>/<slug:action>/", manage_views.act, name="act"),
    path("images/<int:pk>/", views.image_file, name="image"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/preview.png", views.preview_image, name="preview_image"),
]
