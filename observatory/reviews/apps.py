from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "observatory.reviews"
    label = "reviews"
    verbose_name = _("Review tracker")
    setup_loaders = [("review processes", "observatory.reviews.services.reviews_load")]

    def ready(self):
        from observatory.reviews import policies

        policies.register_all()
