"""Writes to policy events. Each runs in one transaction with its audit entry.

``actor`` is the user doing it, or ``access.SYSTEM`` for an operator at the command line
and for ``observatory setup``. The staff pages, the Django admin and the loader
of the shipped file all write through these functions.

A shipped event (from ``data/events/policy_events.yaml``) that staff change
becomes a staff record: ``observatory setup`` keeps the staff version from then on.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from observatory import access
from observatory.audit.services import audit_record
from observatory.core.loaders import CREATED, KEPT, UNCHANGED, rows_upsert
from observatory.countries.models import Country
from observatory.events import dates
from observatory.events.models import EventSource, Origin, PolicyEvent

EVENT_FIELDS = ("country", "date", "precision", "type", "title_en", "title_ru", "description_en", "description_ru",
                "published")
SOURCE_FIELDS = ("title", "url", "quote")
MAX_SOURCES = 20


def _country(value: Country | str) -> Country:
    if isinstance(value, Country):
        return value
    country = Country.objects.filter(iso3=str(value).strip().upper()).first()
    if country is None:
        raise ValidationError({"country": _("Unknown country: %(code)s.") % {"code": value}})
    return country


def sources_clean(sources: Iterable[dict]) -> list[dict]:
    """Trimmed ``{"title", "url", "quote"}`` rows, in order; rows left entirely empty are dropped.

    Raises ``ValidationError`` on ``sources`` when no source is left, when there are
    more than :data:`MAX_SOURCES`, or when a row lacks a title or a valid web address
    (the message names the row).
    """
    rows = []
    for source in sources or ():
        row = {field: str(source.get(field) or "").strip() for field in SOURCE_FIELDS}
        if any(row.values()):
            rows.append(row)
    errors = []
    if not rows:
        errors.append(_("Give at least one source: a document that states the event, with its link."))
    if len(rows) > MAX_SOURCES:
        errors.append(_("Give at most %(n)s sources.") % {"n": MAX_SOURCES})
    check_url = URLValidator(schemes=["http", "https"])
    for number, row in enumerate(rows, start=1):
        if not row["title"]:
            errors.append(_("Source %(n)s: give the publisher and title of the document.") % {"n": number})
        try:
            check_url(row["url"])
        except ValidationError:
            errors.append(_("Source %(n)s: give the full web address of the document (https://…).") % {"n": number})
    if errors:
        raise ValidationError({"sources": errors})
    return rows


def _current_sources(event: PolicyEvent) -> list[dict]:
    return [{field: getattr(source, field) for field in SOURCE_FIELDS} for source in event.sources.all()]


def _replace_sources(event: PolicyEvent, rows: list[dict]) -> None:
    event.sources.all().delete()
    EventSource.objects.bulk_create([EventSource(event=event, position=i, **row) for i, row in enumerate(rows)])


def _validate(event: PolicyEvent, sources: Iterable[dict] | None) -> list[dict] | None:
    """Check the event and its sources together, so every problem is reported at once."""
    errors: dict[str, list] = {}
    try:
        event.full_clean()
    except ValidationError as error:
        errors.update(error.message_dict)
    rows = None
    if sources is not None:
        try:
            rows = sources_clean(sources)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return rows


def slug_suggest(*, country: Country, date: datetime.date, title: str) -> str:
    """A free identifier in the shipped file's style: ``iso3-year-short-title`` (``ukr-2018-state-funded-ost``)."""
    stem = slugify(title)[:50].rstrip("-") or "event"
    base = f"{country.iso3.lower()}-{date.year}-{stem}"
    slug, n = base, 2
    while PolicyEvent.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def event_create(*, actor, country: Country | str, date: datetime.date, precision: str, type: str, title_en: str,
                 title_ru: str, description_en: str, description_ru: str, sources: Iterable[dict],
                 published: bool = False, slug: str = "") -> PolicyEvent:
    """Add an event with its sources (at least one), audited.

    ``date`` is moved to the first day of its month or year when ``precision`` is
    coarser than a day. Without ``slug`` one is made from the country, year and
    English title. Raises ``ValidationError`` keyed by field name (``sources`` for
    the sources) and ``PermissionDenied`` when ``actor`` may not create events.
    """
    country = _country(country)
    event = PolicyEvent(country=country, date=dates.period_start(date, precision) if date else date,
                        precision=precision, type=type, title_en=title_en.strip(), title_ru=title_ru.strip(),
                        description_en=description_en.strip(), description_ru=description_ru.strip(),
                        published=published, origin=Origin.STAFF)
    access.require(actor, access.Action.CREATE, event)
    event.slug = slug.strip().lower() or (slug_suggest(country=country, date=date, title=title_en) if date else "")
    rows = _validate(event, sources)
    event.save()
    _replace_sources(event, rows)
    audit_record(actor=actor, action="events.event.create", obj=event,
                 details={"country": country.iso3, "type": event.type, "date": event.date_iso,
                          "published": event.published, "sources": len(rows)})
    return event


@transaction.atomic
def event_update(*, actor, event: PolicyEvent, sources: Iterable[dict] | None = None, **changes) -> PolicyEvent:
    """Change an event's fields (any of ``EVENT_FIELDS``) and, when ``sources`` is given, replace its sources.

    The identifier (``slug``) never changes: the API and links depend on it. Only
    what differs is written; a save that changes nothing writes nothing and adds
    no audit entry. Raises ``ValidationError`` keyed by field name and
    ``PermissionDenied`` when ``actor`` may not change the event.
    """
    unknown = set(changes) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"event_update() got unknown fields: {', '.join(sorted(unknown))}")
    access.require(actor, access.Action.CHANGE, event)
    if "country" in changes:
        changes["country"] = _country(changes["country"])
    for key in ("title_en", "title_ru", "description_en", "description_ru"):
        if key in changes:
            changes[key] = (changes[key] or "").strip()
    precision = changes.get("precision", event.precision)
    if "date" in changes or "precision" in changes:
        changes["date"] = dates.period_start(changes.get("date", event.date), precision)
    changed = [key for key, value in changes.items() if getattr(event, key) != value]
    for key in changed:
        setattr(event, key, changes[key])
    rows = _validate(event, sources)
    sources_changed = rows is not None and rows != _current_sources(event)
    if not changed and not sources_changed:
        return event
    event.origin = Origin.STAFF
    event.save()
    if sources_changed:
        _replace_sources(event, rows)
    details: dict = {"fields": sorted(changed), "sources_changed": sources_changed}
    if "published" in changed:
        details["published"] = event.published
    audit_record(actor=actor, action="events.event.change", obj=event, details=details)
    return event


@transaction.atomic
def event_delete(*, actor, event: PolicyEvent) -> None:
    """Delete an event and its sources, audited.

    A shipped event comes back at the next ``observatory setup`` unless it is also
    removed from the data file; to withdraw it from the public, unpublish it instead.
    """
    access.require(actor, access.Action.DELETE, event)
    audit_record(actor=actor, action="events.event.delete", obj=event,
                 details={"country": event.country.iso3, "type": event.type, "date": event.date_iso,
                          "origin": event.origin})
    event.delete()


# Loading the shipped file -------------------------------------------------------------------------

def _parse_date(value) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


@transaction.atomic
def events_load(*, actor, path: Path | None = None) -> dict[str, int]:
    """Create or update the events of ``data/events/policy_events.yaml`` (run by ``observatory setup``).

    Matches events by ``id`` (the slug). Idempotent: a second run changes nothing
    and writes no audit entry. Each event created or changed gets its audit entry,
    by ``actor`` (``access.SYSTEM`` for setup). Sources are replaced only when they
    differ. Events that staff have changed are kept as staff left them; events no
    longer in the file are kept. All or nothing: an invalid entry raises
    ``ValueError`` naming it.
    """
    path = Path(path or settings.DATA_DIR / "events" / "policy_events.yaml")
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    countries = {c.iso3: c for c in Country.objects.all()}
    rows, sources, seen = [], {}, set()
    for item in items:
        slug = item.get("id", "")
        if slug in seen:
            raise ValueError(f"{path.name}: event {slug!r} is listed twice.")
        seen.add(slug)
        if item.get("country") not in countries:
            raise ValueError(f"{path.name}: event {slug!r}: unknown country {item.get('country')!r}.")
        try:
            date = _parse_date(item.get("date"))
        except (TypeError, ValueError):
            raise ValueError(f"{path.name}: event {slug!r}: date {item.get('date')!r} is not YYYY-MM-DD.") from None
        try:
            sources[slug] = sources_clean(item.get("sources"))
        except ValidationError as error:
            raise ValueError(f"{path.name}: event {slug!r}: {error.message_dict}") from None
        try:
            adopted_on = _parse_date(item["adopted_on"]) if item.get("adopted_on") else None
        except (TypeError, ValueError):
            raise ValueError(f"{path.name}: event {slug!r}: adopted_on {item.get('adopted_on')!r} is not "
                             "YYYY-MM-DD.") from None
        rows.append({
            "slug": slug, "country": countries[item["country"]], "date": date, "adopted_on": adopted_on,
            "precision": item.get("precision", ""), "type": item.get("type", ""),
            **{key: str(item.get(key) or "").strip()
               for key in ("title_en", "title_ru", "description_en", "description_ru")},
        })

    def clean(event: PolicyEvent) -> None:
        try:
            event.full_clean()
        except ValidationError as error:
            raise ValueError(f"{path.name}: event {event.slug!r}: {error.message_dict}") from None

    result = rows_upsert(actor=actor, model=PolicyEvent, keys="slug", rows=rows,
                         queryset=PolicyEvent.objects.prefetch_related("sources"),
                         create_defaults={"published": True, "origin": Origin.DATA},
                         protect=lambda event: event.origin == Origin.STAFF, clean=clean)
    counts = {"created": 0, "updated": 0, "unchanged": 0, "staff edits kept": result.counts[KEPT]}
    for outcome in result.rows:
        event = outcome.obj
        if outcome.status == KEPT:
            continue
        created = outcome.status == CREATED
        sources_changed = created or sources[event.slug] != _current_sources(event)
        if outcome.status == UNCHANGED and not sources_changed:
            counts["unchanged"] += 1
            continue
        if outcome.status == UNCHANGED:
            event.save(update_fields=["updated_at"])
        if sources_changed:
            _replace_sources(event, sources[event.slug])
        counts["created" if created else "updated"] += 1
        audit_record(actor=actor, action="events.event.create" if created else "events.event.change", obj=event,
                     details={"file": path.name, "origin": Origin.DATA,
                              "fields": [] if created else sorted(outcome.fields), "sources_changed": sources_changed})
    return counts
