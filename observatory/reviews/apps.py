from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "observatory.reviews"
    label = "reviews"
