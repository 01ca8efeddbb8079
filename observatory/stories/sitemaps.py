"""``/sitemap.xml``: the public pages in both languages, each with its hreflang alternates.

Stories are listed in the languages they are published in, so an alternate never points to a missing page.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from observatory import access
from observatory.stories.models import Story

PUBLIC_PAGES = ("public:home", "stories:index", "your-country", "indicators:catalogue", "events:timeline",
                "laws:index", "scorecard:ranking", "rights:index", "network:directory", "meetings:index",
                "public:about", "public:methodology", "public:glossary")


class PagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return list(PUBLIC_PAGES)

    def location(self, item):
        return reverse(item)


class CountriesSitemap(PagesSitemap):
    def items(self):
        from observatory.countries.selectors import country_list

        return list(country_list().values_list("iso3", flat=True))

    def location(self, item):
        return reverse("public:country", args=[item])


class StoriesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def _live(self) -> list[tuple[str, str, object]]:
        """The published stories' (slug, language, since), read once per sitemap, not once per story."""
        if not hasattr(self, "_live_rows"):
            self._live_rows = list(access.public_scope(Story).values_list("slug", "language", "live_from"))
        return self._live_rows

    def items(self):
        return sorted({slug for slug, _language, _at in self._live()})

    def get_languages_for_item(self, item):
        return [language for slug, language, _at in self._live() if slug == item]

    def location(self, item):
        return reverse("stories:detail", args=[item])

    def lastmod(self, item):
        return max(at for slug, _language, at in self._live() if slug == item)


SITEMAPS = {"pages": PagesSitemap, "countries": CountriesSitemap, "stories": StoriesSitemap}
