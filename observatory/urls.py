from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.urls import include, path

from observatory.api.urls import api
from observatory.charts import views as chart_views
from observatory.core import views as core_views
from observatory.core.metrics import metrics as metrics_view
from observatory.stories import views as story_views
from observatory.stories.sitemaps import SITEMAPS

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    path("metrics", metrics_view, name="metrics"),
    path("robots.txt", core_views.robots),
    # Browsers and feed readers ask for /favicon.ico whatever the page links to.
    path("favicon.ico", core_views.favicon),
    path("api/v1/", api.urls),
    path("sitemap.xml", sitemap_view, {"sitemaps": SITEMAPS}, name="sitemap"),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("observatory.accounts.urls")),
    path("indicators/", include("observatory.indicators.urls")),
    path("events/", include("observatory.events.urls")),
    path("impact/", include("observatory.impact.urls")),
    path("cases/duplicates/", include("observatory.dedup.urls")),
    path("cases/", include("observatory.cases.urls")),
    path("laws/", include("observatory.laws.urls")),
    path("scorecard/", include("observatory.scorecard.urls")),
    path("reviews/", include("observatory.reviews.urls")),
    path("reports/", include("observatory.reports.urls")),
    path("jobs/", include("observatory.jobs.urls")),
    path("violations/estimates/", include("observatory.dedup.public_urls")),
    path("violations/", include("observatory.cases.public_urls")),
    path("charts/<slug:key>.svg", chart_views.narrow, name="chart-narrow"),
    path("search/", include("observatory.search.urls")),
    path("network/", include("observatory.network.urls")),
    path("advocacy/", include("observatory.advocacy.urls")),
    path("partners/", include("observatory.partners.urls")),
    path("rights/", include("observatory.rights.urls")),
    path("meetings/", include("observatory.meetings.urls")),
    path("training/", include("observatory.training.urls")),
    path("figures/", include("observatory.figures.urls")),
    path("data/", include("observatory.indicators.data_urls")),
    path("stories/", include("observatory.stories.urls")),
    path("your-country/", story_views.question, name="your-country"),
    path("", include("observatory.public.urls")),
    prefix_default_language=True,
)
