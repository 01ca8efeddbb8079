"""Public pages of stories: the list, a story, its preview image, the feed and the public question."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext_lazy

from observatory import access
from observatory.countries.selectors import country_get, country_list_by_name
from observatory.stories import markup, selectors
from observatory.stories.models import Story, StoryImage, StoryKind


def index(request):
    country = country_get(iso3=request.GET.get("country", "")) if request.GET.get("country") else None
    kind = request.GET.get("kind", "")
    kind = kind if kind in (StoryKind.STORY, StoryKind.NEWS) else ""
    stories = selectors.live_stories(language=get_language(), kind=kind or None, country=country).exclude(
        kind=StoryKind.PAGE)
    return render(request, "stories/index.html", {
        "stories": stories, "country": country, "kind": kind, "kinds": selectors.kinds_listed(),
        "countries": country_list_by_name()})


def detail(request, slug: str):
    story = selectors.live_story(language=get_language(), slug=slug)
    if story is None:
        elsewhere = access.public_scope(Story).filter(slug=slug).select_related("live_revision").first()
        if elsewhere is None:
            raise Http404
        return render(request, "stories/not_translated.html", {"other": elsewhere}, status=404)
    page = markup.render(story.live_revision.body)
    return render(request, "stories/detail.html", {
        "story": story, "revision": story.live_revision, "page": page,
        "translations": selectors.translations(story), "outdated_against": selectors.this_translation_outdated(story),
        "preview_image": reverse("stories:preview_image", args=[story.slug]) if page.has_live_chart else "",
        "scripts": page.has_live_chart})


def preview_image(request, slug: str):
    """The story's first chart as a PNG, for link previews (Open Graph, Twitter cards)."""
    from observatory.charts.render import chart_png

    story = selectors.live_story(language=get_language(), slug=slug)
    if story is None:
        raise Http404
    spec = markup.first_chart_spec(story.live_revision.body)
    if spec is None:
        raise Http404
    response = HttpResponse(chart_png(spec, width=1000, scale=1.2), content_type="image/png")
    response["Cache-Control"] = "public, max-age=3600"
    return response


def image_file(request, pk: int):
    """An image of a story: public once a published story shows it; editors see the others."""
    image = access.access_object(user=request.user, model=StoryImage, pk=pk)
    response = HttpResponse(image.file.open("rb").read(), content_type=image.content_type)
    response["Cache-Control"] = "public, max-age=86400" if image.published else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


class StoryFeed(Feed):
    """An Atom feed of the stories and news in the page's language (``/en/stories/feed/``, ``/ru/stories/feed/``)."""

    feed_type = Atom1Feed
    title = gettext_lazy("Drug Policy Observatory: stories and news")
    subtitle = gettext_lazy("What drug policy does in Central and Eastern Europe and Central Asia, country by country.")

    def link(self):
        return reverse("stories:index")

    def items(self):
        return list(selectors.live_stories(language=get_language()).exclude(kind=StoryKind.PAGE)[:30])

    def item_title(self, item):
        return item.live_revision.title

    def item_description(self, item):
        return item.live_revision.summary

    def item_link(self, item):
        return reverse("stories:detail", args=[item.slug])

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.live_from

    def item_guid(self, item):
        return f"urn:uuid:{item.uuid}"

    item_guid_is_permalink = False

    def item_categories(self, item):
        return [item.country.name] if item.country else []


def question(request):
    """"What impact is your country's drug policy having?": pick a country, see its evidence and stories."""
    country = country_get(iso3=request.GET.get("country", "")) if request.GET.get("country") else None
    stories = members = []
    if country is not None:
        stories = list(selectors.live_stories(language=get_language(), country=country).exclude(kind=StoryKind.PAGE))
        members = _members(country)
    return render(request, "stories/question.html", {
        "countries": country_list_by_name(), "country": country, "stories": stories, "members": members,
        "asked": "country" in request.GET, "languages": settings.LANGUAGES})


def _members(country) -> list:
    """The network's member organisations in the country, from the public directory."""
    from observatory.network.selectors import public_directory

    return list(public_directory(country=country)[:12])


