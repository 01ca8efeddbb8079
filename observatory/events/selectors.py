"""Reads of policy events. Every read starts from the access policy's queryset.

Without a ``user`` (``access.VISITOR``) a read is the public's: published events only. The
public timeline, the charts and the API read that way, so a page or chart never
shows a draft; admins see drafts on the staff pages and the detail page.

Lists come with their country and sources loaded in a fixed number of queries
(``select_related`` and ``prefetch_related``), whatever the number of events.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from itertools import groupby

from django.db.models import Count, Max, Q, QuerySet
from django.urls import reverse
from django.utils import translation

from observatory import access
from observatory.core.i18n import language_code
from observatory.countries.models import Country
from observatory.events import dates
from observatory.events.models import DatePrecision, EventType, PolicyEvent


def _as_start(value: datetime.date | int) -> datetime.date:
    return datetime.date(value, 1, 1) if isinstance(value, int) else value


def _as_end(value: datetime.date | int) -> datetime.date:
    return datetime.date(value, 12, 31) if isinstance(value, int) else value


def event_list(*, user=access.VISITOR, country: Country | str | None = None, types: Iterable[str] | str | None = None,
               start: datetime.date | int | None = None,
               end: datetime.date | int | None = None) -> QuerySet[PolicyEvent]:
    """The events ``user`` may see (``None``: the published ones), oldest first, filtered as asked.

    ``country`` is a ``Country`` or an ISO3 code; ``types`` one event type code or
    several (``None`` or empty: every type). ``start`` and ``end`` (dates, or years
    as ``int``, both inclusive) keep the events whose period overlaps them: an
    event dated only "2010" is in a range that starts on 1 June 2010.
    """
    queryset = access.scope(user, access.Action.VIEW, PolicyEvent)
    if country is not None:
        queryset = queryset.filter(country=country) if isinstance(country, Country) else \
            queryset.filter(country__iso3=str(country).upper())
    if types:
        queryset = queryset.filter(type__in=[types] if isinstance(types, str) else list(types))
    if end is not None:
        queryset = queryset.filter(date__lte=_as_end(end))
    if start is not None:
        # Partial dates are stored as the first day of their period, so an event overlaps a
        # range that starts at ``start`` when it starts on or after the first day of the
        # period (of its own precision) that contains ``start``.
        start = _as_start(start)
        queryset = queryset.filter(
            Q(precision=DatePrecision.DAY, date__gte=start)
            | Q(precision=DatePrecision.MONTH, date__gte=dates.period_start(start, dates.MONTH))
            | Q(precision=DatePrecision.YEAR, date__gte=dates.period_start(start, dates.YEAR))
        )
    return queryset.select_related("country").prefetch_related("sources").order_by("date", "slug")


def published_events() -> QuerySet[PolicyEvent]:
    """Every published event, oldest first; no user needed (the public timeline, charts, API, exports)."""
    return event_list()


def events_for_country(*, country: Country | str, types: Iterable[str] | str | None = None,
                       user=access.VISITOR) -> QuerySet[PolicyEvent]:
    """One country's events, oldest first (published only unless ``user`` may see drafts)."""
    return event_list(user=user, country=country, types=types)


def events_between(*, start: datetime.date | int | None, end: datetime.date | int | None,
                   country: Country | str | None = None, types: Iterable[str] | str | None = None,
                   user=access.VISITOR) -> QuerySet[PolicyEvent]:
    """Events whose period overlaps ``start``..``end`` (dates or years, inclusive; ``None`` is open)."""
    return event_list(user=user, country=country, types=types, start=start, end=end)


def event_get(*, slug: str, user=access.VISITOR) -> PolicyEvent | None:
    """The event ``slug`` if it exists and ``user`` (``None``: the public) may see it, else ``None``."""
    return event_list(user=user).filter(slug=slug).first()


def events_by_year(events: Iterable[PolicyEvent]) -> list[tuple[int, list[PolicyEvent]]]:
    """``events`` (already in date order) grouped by year: ``[(2010, [...]), (2013, [...])]``."""
    return [(year, list(group)) for year, group in groupby(events, key=lambda e: e.date.year)]


def event_markers(*, country: Country | str, types: Iterable[str] | str | None = None,
                  start: datetime.date | int | None = None, end: datetime.date | int | None = None,
                  language: str | None = None) -> list[dict]:
    """A country's published events as plain, JSON-ready rows for chart markers, oldest first.

    Each row: ``id`` (slug), ``country`` (ISO3), ``date`` (ISO, the first day of the
    period), ``year`` (int), ``precision``, ``type``, and in ``language`` (default:
    the active one) ``type_label``, ``title``, ``date_label`` ("March 2014") and
    ``url`` (the event's page).
    """
    language = language_code(language)
    rows = []
    with translation.override(language):
        for event in event_list(country=country, types=types, start=start, end=end).prefetch_related(None):
            rows.append({
                "id": event.slug,
                "country": event.country.iso3,
                "date": event.date.isoformat(),
                "year": event.date.year,
                "precision": event.precision,
                "type": event.type,
                "type_label": str(EventType(event.type).label),
                "title": event.title,
                "date_label": event.date_label,
                "url": reverse("events:detail", kwargs={"slug": event.slug}),
            })
    return rows


def events_version() -> str:
    """A short token that changes whenever any event is added, changed or deleted (for chart cache keys)."""
    summary = PolicyEvent.objects.aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    raw = f"{summary['n']}:{summary['last'].isoformat() if summary['last'] else ''}:{summary['top'] or 0}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]
