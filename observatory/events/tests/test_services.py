"""The loader of the shipped file and the staff writes: idempotent, validated, audited."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from observatory.access import SYSTEM
from observatory.audit.models import AuditEntry
from observatory.audit.services import audit_verify
from observatory.events import services
from observatory.events.models import EventSource, EventType, Origin, PolicyEvent

SHIPPED = Path(settings.DATA_DIR) / "events" / "policy_events.yaml"

VALID = {
    "country": "GEO", "date": datetime.date(2015, 10, 24), "precision": "day", "type": "court_ruling",
    "title_en": "Test ruling", "title_ru": "Тестовое решение", "description_en": "Synthetic test event.",
    "description_ru": "Вымышленное событие для теста.",
    "sources": [{"title": "Test publisher, test document, 2015", "url": "https://example.org/ruling", "quote": "q"}],
}


def _shipped_items():
    return yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))


# Loader ------------------------------------------------------------------------------------------

def test_loader_loads_every_shipped_event_with_its_sources(shipped_events):
    items = _shipped_items()
    assert shipped_events == {"created": 65, "updated": 0, "unchanged": 0, "staff edits kept": 0}
    assert PolicyEvent.objects.count() == len(items) == 65
    assert not PolicyEvent.objects.filter(sources__isnull=True).exists()
    assert EventSource.objects.count() == sum(len(item["sources"]) for item in items)
    assert PolicyEvent.objects.filter(published=True, origin=Origin.DATA).count() == 65
    assert PolicyEvent.objects.values("country").distinct().count() == 29  # every country has an event
    assert set(PolicyEvent.objects.values_list("type", flat=True)) == set(EventType.values)


def test_loader_keeps_each_field_as_the_file_has_it(shipped_events):
    item = next(i for i in _shipped_items() if i["id"] == "cze-2010-threshold-quantities")
    event = PolicyEvent.objects.get(slug=item["id"])
    assert (event.country.iso3, event.date.isoformat(), event.precision, event.type) == \
        ("CZE", "2010-01-01", "day", "law_change")
    assert (event.title_en, event.title_ru) == (item["title_en"], item["title_ru"])
    assert (event.description_en, event.description_ru) == (item["description_en"], item["description_ru"])
    assert [(s.title, s.url, s.quote) for s in event.sources.all()] == \
        [(s["title"], s["url"], s["quote"]) for s in item["sources"]]


def test_loader_is_idempotent(shipped_events):
    before = {e.slug: e.updated_at for e in PolicyEvent.objects.all()}
    source_ids = set(EventSource.objects.values_list("pk", flat=True))
    audit_count = AuditEntry.objects.count()
    assert services.events_load(actor=SYSTEM) == {"created": 0, "updated": 0, "unchanged": 65, "staff edits kept": 0}
    assert {e.slug: e.updated_at for e in PolicyEvent.objects.all()} == before
    assert set(EventSource.objects.values_list("pk", flat=True)) == source_ids
    assert AuditEntry.objects.count() == audit_count
    assert audit_verify().ok


def test_loader_updates_only_what_changed_and_replaces_sources_only_when_they_change(shipped_events, tmp_path):
    items = _shipped_items()
    items[0]["title_en"] = "Corrected title"
    items[1]["sources"][0]["url"] = "https://example.org/corrected"
    path = tmp_path / "events.yaml"
    path.write_text(yaml.safe_dump(items, allow_unicode=True), encoding="utf-8")
    untouched = set(EventSource.objects.exclude(event__slug=items[1]["id"]).values_list("pk", flat=True))

    assert services.events_load(actor=SYSTEM, path=path) == {"created": 0, "updated": 2, "unchanged": 63,
                                                              "staff edits kept": 0}
    assert PolicyEvent.objects.get(slug=items[0]["id"]).title_en == "Corrected title"
    assert PolicyEvent.objects.get(slug=items[1]["id"]).sources.first().url == "https://example.org/corrected"
    assert set(EventSource.objects.exclude(event__slug=items[1]["id"]).values_list("pk", flat=True)) == untouched
    changes = AuditEntry.objects.filter(action="events.event.change")
    assert {e.object_repr.split(" ", 1)[0] for e in changes} == {"1999", "2010-01-01"}
    assert sorted(changes.get(object_id=str(PolicyEvent.objects.get(slug=items[0]["id"]).pk)).details["fields"]) == \
        ["title_en"]


def test_loader_keeps_staff_edits(shipped_events, personas):
    event = PolicyEvent.objects.get(slug="cze-2013-constitutional-court-thresholds")
    services.event_update(actor=personas["admin"], event=event, published=False)
    assert services.events_load(actor=SYSTEM)["staff edits kept"] == 1
    event.refresh_from_db()
    assert event.published is False and event.origin == Origin.STAFF


def test_loader_rejects_an_invalid_entry_and_writes_nothing(countries, tmp_path):
    items = _shipped_items()
    items[5]["type"] = "war_on_drugs"
    path = tmp_path / "events.yaml"
    path.write_text(yaml.safe_dump(items, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match=items[5]["id"]):
        services.events_load(actor=SYSTEM, path=path)
    assert PolicyEvent.objects.count() == 0


def test_loader_rejects_an_event_without_sources(countries, tmp_path):
    items = _shipped_items()[:1]
    items[0]["sources"] = []
    path = tmp_path / "events.yaml"
    path.write_text(yaml.safe_dump(items, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="sources"):
        services.events_load(actor=SYSTEM, path=path)


# Staff writes ------------------------------------------------------------------------------------

def test_create_is_audited_in_the_same_transaction(personas):
    event = services.event_create(actor=personas["admin"], **VALID)
    assert event.slug == "geo-2015-test-ruling"
    assert event.published is False and event.origin == Origin.STAFF
    assert [s.url for s in event.sources.all()] == ["https://example.org/ruling"]
    entry = AuditEntry.objects.get(action="events.event.create")
    assert entry.actor_username == "admin" and entry.object_id == str(event.pk)
    assert entry.details == {"country": "GEO", "type": "court_ruling", "date": "2015-10-24", "published": False,
                             "sources": 1}


def test_create_stores_a_partial_date_as_the_start_of_its_period(personas):
    event = services.event_create(actor=personas["admin"], **{**VALID, "date": datetime.date(2014, 3, 17),
                                                                "precision": "month"})
    assert event.date == datetime.date(2014, 3, 1) and event.date_label_in("en") == "March 2014"


def test_create_requires_a_source_and_names_every_bad_field(personas):
    with pytest.raises(ValidationError) as caught:
        services.event_create(actor=personas["admin"], **{**VALID, "title_ru": "", "type": "war_on_drugs",
                                                         "sources": [{"title": "", "url": ""}]})
    errors = caught.value.message_dict
    assert set(errors) == {"title_ru", "type", "sources"}
    assert not PolicyEvent.objects.exists() and not AuditEntry.objects.filter(action__startswith="events.").exists()


def test_create_names_the_bad_source_row(personas):
    sources = [VALID["sources"][0], {"title": "No link", "url": "not a web address"},
               {"title": "", "url": "https://x.org"}]
    with pytest.raises(ValidationError) as caught:
        services.event_create(actor=personas["admin"], **{**VALID, "sources": sources})
    messages = caught.value.message_dict["sources"]
    assert any(m.startswith("Source 2:") for m in messages) and any(m.startswith("Source 3:") for m in messages)


def test_slug_is_unique_and_reserved_paths_are_refused(personas):
    services.event_create(actor=personas["admin"], slug="geo-2015-ruling", **VALID)
    with pytest.raises(ValidationError) as caught:
        services.event_create(actor=personas["admin"], slug="geo-2015-ruling", **VALID)
    assert "slug" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.event_create(actor=personas["admin"], slug="staff", **VALID)
    assert "slug" in caught.value.message_dict
    assert services.event_create(actor=personas["admin"], **VALID).slug == "geo-2015-test-ruling"
    assert services.event_create(actor=personas["admin"], **VALID).slug == "geo-2015-test-ruling-2"


@pytest.mark.parametrize("persona", ["coordinator_ukr", "case_manager_ukr", "documenter_ukr", "analyst"])
def test_only_admins_write(personas, make_event, persona):
    with pytest.raises(PermissionDenied):
        services.event_create(actor=personas[persona], **VALID)
    event = make_event("ukr-2015-test")
    with pytest.raises(PermissionDenied):
        services.event_update(actor=personas[persona], event=event, title_en="Changed")
    with pytest.raises(PermissionDenied):
        services.event_delete(actor=personas[persona], event=event)
    assert PolicyEvent.objects.get(pk=event.pk).title_en == "Title ukr-2015-test"


def test_update_writes_only_changes_and_audits_them(personas, make_event):
    event = make_event("ukr-2015-test", origin=Origin.DATA)
    admin = personas["admin"]
    same_sources = [{"title": "Test source", "url": "https://example.org/source"}]
    services.event_update(actor=admin, event=event, title_en="Title ukr-2015-test", sources=same_sources)
    assert not AuditEntry.objects.filter(action="events.event.change").exists()
    assert PolicyEvent.objects.get(pk=event.pk).origin == Origin.DATA

    services.event_update(actor=admin, event=event, title_en="New title", published=False, sources=same_sources)
    entry = AuditEntry.objects.get(action="events.event.change")
    assert entry.details == {"fields": ["published", "title_en"], "sources_changed": False, "published": False}
    event.refresh_from_db()
    assert (event.title_en, event.published, event.origin) == ("New title", False, Origin.STAFF)

    services.event_update(actor=admin, event=event, sources=same_sources + [{"title": "Second",
                                                                             "url": "https://example.org/2"}])
    assert [s.title for s in event.sources.all()] == ["Test source", "Second"]
    assert AuditEntry.objects.filter(action="events.event.change").last().details["sources_changed"] is True


def test_update_refuses_to_drop_the_last_source(personas, make_event):
    event = make_event("ukr-2015-test")
    with pytest.raises(ValidationError) as caught:
        services.event_update(actor=personas["admin"], event=event, sources=[{"title": "", "url": ""}])
    assert "sources" in caught.value.message_dict
    assert event.sources.count() == 1


def test_update_rejects_unknown_fields(personas, make_event):
    with pytest.raises(TypeError):
        services.event_update(actor=personas["admin"], event=make_event("ukr-2015-test"), slug="renamed")


def test_delete_is_audited(personas, make_event):
    event = make_event("ukr-2015-test")
    pk = event.pk
    services.event_delete(actor=personas["admin"], event=event)
    assert not PolicyEvent.objects.exists() and not EventSource.objects.exists()
    entry = AuditEntry.objects.get(action="events.event.delete")
    assert entry.object_id == str(pk) and entry.actor_username == "admin"
    assert audit_verify().ok
