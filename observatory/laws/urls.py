app_name = "laws"
urlpatterns: list = []
