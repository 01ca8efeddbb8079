"""A meeting as an iCalendar file (RFC 5545): one all-day event for the meeting and one event per session."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation


def meeting_ics(meeting, *, language: str) -> bytes:
    import icalendar

    with translation.override(language):
        url = settings.SITE_URL + reverse("meetings:detail", kwargs={"slug": meeting.slug})
        title = meeting.title
        place = ", ".join(p for p in (meeting.venue, meeting.city_name, meeting.country.name) if p)
        sessions = list(meeting.sessions.all())
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//Drug Policy Observatory//meetings//EN")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", title)
        event = icalendar.Event()
        event.add("uid", f"{meeting.uuid}@drug-policy-observatory")
        event.add("dtstamp", timezone.now())
        event.add("summary", title)
        event.add("dtstart", meeting.starts_on)
        event.add("dtend", meeting.ends_on + dt.timedelta(days=1))  # all-day events end the day after
        event.add("url", url)
        if meeting.description:
            event.add("description", f"{meeting.description}\n\n{url}")
        event.add("location", "Online" if meeting.online else place)
        calendar.add_component(event)
        for session in sessions:
            part = icalendar.Event()
            part.add("uid", f"{meeting.uuid}-{session.pk}@drug-policy-observatory")
            part.add("dtstamp", timezone.now())
            part.add("summary", f"{session.title} · {title}")
            part.add("dtstart", session.starts_at)
            if session.ends_at:
                part.add("dtend", session.ends_at)
            if session.speakers:
                part.add("description", session.speakers)
            part.add("location", "Online" if meeting.online else place)
            calendar.add_component(part)
        return calendar.to_ical()
