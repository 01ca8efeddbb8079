"""What the site search finds among policy events: each published event, by title, description and country."""

from __future__ import annotations

from django.urls import reverse

from observatory.core.i18n import translated


def entries():
    from observatory.events.models import PolicyEvent

    for event in PolicyEvent.objects.filter(published=True).select_related("country").order_by("slug"):
        yield ("event", event.slug, f"{translated(event, 'title')} ({event.country.name}, {event.date.year})",
               translated(event, "description"), reverse("events:detail", args=[event.slug]))
