app_name = "scorecard"
urlpatterns: list = []
