"""The project's URLs plus the impact pages, for tests run before ``observatory/urls.py`` mounts them."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import URLResolver, include, path

from observatory import urls as project


def _mounted(patterns) -> bool:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "impact" or _mounted(pattern.url_patterns):
                return True
    return False


urlpatterns = list(project.urlpatterns)
if not _mounted(urlpatterns):
    urlpatterns += i18n_patterns(path("impact/", include("observatory.impact.urls")), prefix_default_language=True)
