"""Public API of policy events (no token needed): published events only, oldest first."""

from __future__ import annotations

from django.http import Http404
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from observatory import access
from observatory.core.apitools import year_query
from observatory.countries.models import Country
from observatory.events import selectors
from observatory.events.models import EventType

router = Router()


class EventSourceOut(Schema):
    title: str
    url: str


class EventOut(Schema):
    id: str
    country: str
    date: str
    precision: str
    type: str
    title_en: str
    title_ru: str
    description_en: str
    description_ru: str
    sources: list[EventSourceOut]


def event_dict(event) -> dict:
    # Source quotes are for staff to check an event and are never published.
    return {
        "id": event.slug, "country": event.country.iso3, "date": event.date.isoformat(),
        "precision": event.precision, "type": event.type, "title_en": event.title_en, "title_ru": event.title_ru,
        "description_en": event.description_en, "description_ru": event.description_ru,
        "sources": [{"title": s.title, "url": s.url} for s in event.sources.all()],
    }


@router.get("/events", response=list[EventOut],
            summary="Published policy events, filtered by country, type (repeatable) and years")
def events(request, country: str | None = None, type: list[str] = Query(None),
           year_from: int | None = year_query(alias="from"), year_to: int | None = year_query(alias="to")):
    """``date`` is the first day of the event's period; ``precision`` (day, month, year) says how much of it holds."""
    types = [code for value in (type or []) for code in value.split(",") if code]
    unknown = sorted(set(types) - set(EventType.values))
    if unknown:
        raise HttpError(400, f"Unknown event type. Types: {', '.join(EventType.values)}.")
    if country is not None and not access.public_scope(Country).filter(iso3=country.upper()).exists():
        raise HttpError(400, "Unknown country. Use an ISO3 code from /api/v1/countries.")
    queryset = selectors.events_between(start=year_from, end=year_to, country=country, types=types or None)
    return [event_dict(event) for event in queryset]


@router.get("/events/{slug}", response=EventOut, summary="One published policy event")
def event_detail(request, slug: str):
    event = selectors.event_get(slug=slug)
    if event is None:
        raise Http404
    return event_dict(event)
