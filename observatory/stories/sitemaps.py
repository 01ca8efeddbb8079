"""``/sitemap.xml``: the public pages in both languages, each with its hreflang alternates.

Stories are listed in the languages they are published in, so an alternate never points to a missing page.
"""

from __future__ import annotations

from functools import cached_property

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

    @cached_property
    def _live(self) -> dict[str, list[tuple[str, object]]]:
        """slug -> [(language, since)] of the published stories, read once per sitemap request."""
        by_slug: dict[str, list[tuple[str, object]]] = {}
        for slug, language, at in access.public_scope(Story).values_list("slug", "language", "live_from"):
            by_slug.setdefault(slug, []).append((language, at))
        return by_slug

    def items(self):
        return sorted(self._live)

    def get_languages_for_item(self, item):
        return [language for language, _at in self._live[item]]

    def location(self, item):
        return reverse("stories:detail", args=[item])

    def lastmod(self, item):
        return max(at for _language, at in self._live[item])

SITEMAPS = {"pages": PagesSitemap, "countries": CountriesSitemap, "stories": StoriesSitemap}
