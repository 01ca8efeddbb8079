"""What the site search finds among meetings: the published ones, by title, place and description."""

from __future__ import annotations

from django.urls import reverse


def entries():
    from observatory.meetings.models import Meeting

    for meeting in Meeting.objects.filter(published=True).select_related("country").order_by("slug"):
        place = ", ".join(p for p in (meeting.city_name, meeting.country.name) if p)
        yield ("meeting", meeting.slug, meeting.title, f"{meeting.get_kind_display()} {place} "
               f"{meeting.starts_on:%Y} {meeting.organisers} {meeting.description}",
               reverse("meetings:detail", kwargs={"slug": meeting.slug}))
