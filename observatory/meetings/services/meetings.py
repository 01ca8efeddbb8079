"""Keeping meetings: creating and changing them, their programme, outcome documents, recommendations and the
follow-up of each recommendation, and loading the shipped meetings (``data/meetings/``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from observatory.access import require
from observatory.audit.services import audit_record
from observatory.core.loaders import full_clean, load_audit, rows_upsert
from observatory.countries.models import Country
from observatory.meetings.models import (
    FollowUp,
    FollowUpStatus,
    Meeting,
    MeetingKind,
    MeetingRecommendation,
    Outcome,
    Session,
)

MEETING_FIELDS = ("slug", "kind", "title_en", "title_ru", "description_en", "description_ru", "starts_on",
                  "ends_on", "city", "city_ru", "venue", "online", "country", "organisers", "published",
                  "registration_open")


@dataclass
class MeetingData:
    slug: str
    kind: str
    title_en: str
    title_ru: str
    starts_on: dt.date
    country: Country
    ends_on: dt.date | None = None
    description_en: str = ""
    description_ru: str = ""
    city: str = ""
    city_ru: str = ""
    venue: str = ""
    online: bool = False
    organisers: str = ""
    published: bool = False
    registration_open: bool = False
    partners: list = field(default_factory=list)


def meeting_errors(data: MeetingData, *, meeting: Meeting | None = None) -> dict[str, str]:
    errors = {}
    if not data.slug or slugify(data.slug) != data.slug:
        errors["slug"] = _("Lower-case letters, digits and hyphens only, e.g. kyiv-2016-forum.")
    elif Meeting.objects.filter(slug=data.slug).exclude(pk=getattr(meeting, "pk", None)).exists():
        errors["slug"] = _("Another meeting has this short name; choose another.")
    if data.kind not in MeetingKind.values:
        errors["kind"] = _("Choose forum, workshop, training or webinar.")
    if not data.title_en.strip():
        errors["title_en"] = _("Give the title in English.")
    if not data.title_ru.strip():
        errors["title_ru"] = _("Give the title in Russian.")
    if data.ends_on and data.ends_on < data.starts_on:
        errors["ends_on"] = _("The last day cannot be before the first.")
    if data.registration_open and not data.published:
        errors["registration_open"] = _("Publish the meeting to open its registration.")
    return errors


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError({key: [message] for key, message in errors.items()})


@transaction.atomic
def meeting_save(*, actor, data: MeetingData, meeting: Meeting | None = None) -> Meeting:
    """Create a meeting, or change ``meeting``; audited as ``meetings.create`` or ``meetings.update``."""
    _raise(meeting_errors(data, meeting=meeting))
    created = meeting is None
    meeting = meeting or Meeting()
    before = {name: getattr(meeting, name, None) for name in MEETING_FIELDS} if not created else {}
    if not created:
        require(actor, "change", meeting)  # the meeting as it was: a coordinator may not take another's
    for name in MEETING_FIELDS:
        value = getattr(data, name)
        setattr(meeting, name, value.strip() if isinstance(value, str) else value)
    meeting.ends_on = data.ends_on or data.starts_on
    require(actor, "create" if created else "change", meeting)
    meeting.full_clean()
    meeting.save()
    meeting.partners.set(data.partners)
    changed = [name for name in MEETING_FIELDS if before.get(name) != getattr(meeting, name)]
    audit_record(actor=actor, action="meetings.create" if created else "meetings.update", obj=meeting,
                 details={"slug": meeting.slug, "country": meeting.country.iso3, "fields": changed})
    return meeting


@transaction.atomic
def session_add(*, actor, meeting: Meeting, starts_at: dt.datetime, title_en: str, title_ru: str = "",
                ends_at: dt.datetime | None = None, speakers: str = "", language: str = "",
                interpretation: str = "") -> Session:
    session = Session(meeting=meeting, starts_at=starts_at, ends_at=ends_at, title_en=title_en.strip(),
                      title_ru=title_ru.strip(), speakers=speakers.strip(), language=language.strip(),
                      interpretation=interpretation.strip())
    if ends_at and ends_at <= starts_at:
        raise ValidationError({"ends_at": [_("A session ends after it starts.")]})
    require(actor, "create", session)
    session.full_clean()
    session.save()
    audit_record(actor=actor, action="meetings.session_add", obj=session, details={"meeting": meeting.slug})
    return session


@transaction.atomic
def recommendation_add(*, actor, meeting: Meeting, text_en: str, text_ru: str = "", review_items=(),
                       source_url: str = "") -> MeetingRecommendation:
    if not text_en.strip():
        raise ValidationError({"text_en": [_("Write the recommendation in English.")]})
    recommendation = MeetingRecommendation(meeting=meeting, text_en=text_en.strip(), text_ru=text_ru.strip(),
                                           source_url=source_url, position=meeting.recommendations.count() + 1)
    require(actor, "create", recommendation)
    recommendation.full_clean()
    recommendation.save()
    recommendation.review_items.set(review_items)
    audit_record(actor=actor, action="meetings.recommendation_add", obj=recommendation,
                 details={"meeting": meeting.slug, "review_items": sorted(i.code for i in review_items)})
    return recommendation


@transaction.atomic
def follow_up_record(*, actor, recommendation: MeetingRecommendation, status: str, evidence: str,
                     evidence_url: str = "") -> FollowUp:
    """Add a follow-up; the newest is the recommendation's status and the earlier ones its history."""
    errors = {}
    if status not in FollowUpStatus.values:
        errors["status"] = _("Choose a status from the list.")
    if not evidence.strip():
        errors["evidence"] = _("Say what shows this status: a decision, a law, a report, a meeting.")
    _raise(errors)
    follow_up = FollowUp(recommendation=recommendation, status=status, evidence=evidence.strip(),
                         evidence_url=evidence_url.strip(),
                         recorded_by=actor if getattr(actor, "is_authenticated", False) else None)
    require(actor, "create", follow_up)
    follow_up.full_clean()
    follow_up.save()
    audit_record(actor=actor, action="meetings.follow_up", obj=recommendation,
                 details={"meeting": recommendation.meeting.slug, "status": status})
    return follow_up


class MeetingDataError(ValueError):
    """A shipped meeting record is wrong; the message names the file, the record and the field."""


@transaction.atomic
def meetings_load(*, actor, directory: Path | None = None) -> dict[str, int]:
    """Create or update the shipped meetings and their outcome documents (``data/meetings/*.yaml``).

    All or nothing and idempotent, like every shipped-data loader. Shipped meetings are published with
    registration closed: they are records of what took place.
    """
    directory = Path(directory or settings.DATA_DIR / "meetings")
    countries = {c.iso3: c for c in Country.objects.all()}
    rows, outcomes = [], []
    for path in sorted(directory.glob("*.yaml")):
        for number, record in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or [], start=1):
            where = f"{path.name} record {number} ({record.get('slug', '?')})"
            missing = [k for k in ("slug", "kind", "title_en", "title_ru", "starts_on", "country", "sources")
                       if not record.get(k)]
            if missing:
                raise MeetingDataError(f"{where}: missing {', '.join(missing)}")
            if record["kind"] not in MeetingKind.values:
                raise MeetingDataError(f"{where}: kind {record['kind']!r} not in {', '.join(MeetingKind.values)}")
            country = countries.get(str(record["country"]).upper())
            if country is None:
                raise MeetingDataError(f"{where}: country {record['country']!r} is not one of the platform's")
            if not all(isinstance(s, dict) and s.get("url") and s.get("title") for s in record["sources"]):
                raise MeetingDataError(f"{where}: every source needs a title and a url")
            rows.append({
                "slug": record["slug"], "kind": record["kind"], "title_en": record["title_en"],
                "title_ru": record["title_ru"], "title_ru_translated": bool(record.get("title_ru_translated")),
                "description_en": record.get("description_en") or "",
                "description_ru": record.get("description_ru") or "", "starts_on": record["starts_on"],
                "ends_on": record.get("ends_on") or record["starts_on"], "city": record.get("city") or "",
                "city_ru": record.get("city_ru") or "",
                "venue": record.get("venue") or "", "online": bool(record.get("online")), "country": country,
                "organisers": record.get("organisers") or "", "published": True, "registration_open": False,
                "sources": record["sources"]})
            outcomes += [(record["slug"], o) for o in record.get("outcomes") or []]
    upsert = rows_upsert(actor=actor, model=Meeting, keys="slug", rows=rows, clean=full_clean)
    meetings = {m.slug: m for m in Meeting.objects.filter(slug__in=[r["slug"] for r in rows])}
    documents = rows_upsert(actor=actor, model=Outcome, keys=("meeting", "url"), rows=[
        {"meeting": meetings[slug], "url": o["url"], "title_en": o["title_en"], "title_ru": o.get("title_ru") or "",
         "published_on": o.get("published_on")} for slug, o in outcomes], clean=full_clean)
    counts = {"meetings created": upsert.counts["created"], "meetings updated": upsert.counts["updated"],
              "outcome documents created": documents.counts["created"],
              "unchanged": upsert.counts["unchanged"] + documents.counts["unchanged"]}
    load_audit(actor=actor, action="meetings.load", counts=counts, upserts=[upsert, documents])
    return counts
