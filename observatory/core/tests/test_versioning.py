"""Versioned records: every change keeps the previous state, an unchanged save leaves no trace."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from observatory.access import SYSTEM, VISITOR, NoActorError
from observatory.audit.models import AuditEntry
from observatory.core.versioning import versioned_record_save
from observatory.laws.tests.helpers import countries_quick
from observatory.reports.models import BriefText, BriefTextVersion
from observatory.reports.services import brief_text_save


def _version(text, stamp):
    return BriefTextVersion(text=text, number=stamp.number, author=stamp.author,
                            author_username=stamp.author_username, created_at=stamp.at,
                            introduction=text.introduction, recommendations=text.recommendations)


@pytest.fixture
def ukr(db):
    return countries_quick()["UKR"]


def _save(actor, country, introduction="Intro.", recommendations="One.\n\nTwo."):
    return brief_text_save(actor=actor, country=country, language="en", introduction=introduction,
                           recommendations=recommendations)


def test_a_first_save_creates_version_one_and_one_audit_entry(ukr, personas):
    text, changed = _save(personas["admin"], ukr)
    assert changed and text.version == 1 and text.updated_by == personas["admin"]
    version = BriefTextVersion.objects.get(text=text)
    assert (version.number, version.introduction, version.author_username) == (1, "Intro.", "admin")
    entry = AuditEntry.objects.get(action="reports.brief_text_save")
    assert entry.details == {"country": "UKR", "language": "en", "version": 1,
                             "fields": ["introduction", "recommendations"]}


def test_saving_the_same_text_again_writes_nothing(ukr, personas):
    _save(personas["admin"], ukr)
    entries = AuditEntry.objects.count()
    text, changed = _save(personas["admin"], ukr)
    assert not changed and text.version == 1
    assert BriefTextVersion.objects.count() == 1 and AuditEntry.objects.count() == entries


def test_a_change_bumps_the_version_and_keeps_the_previous_state(ukr, personas):
    _save(personas["admin"], ukr)
    text, changed = _save(personas["admin"], ukr, introduction="A better introduction.")
    assert changed and text.version == 2
    assert list(BriefTextVersion.objects.filter(text=text).values_list("number", "introduction")) == [
        (2, "A better introduction."), (1, "Intro.")]
    last = AuditEntry.objects.order_by("-seq").first()
    assert last.details["version"] == 2 and last.details["fields"] == ["introduction"]


def test_a_failing_version_write_undoes_the_record_change_and_its_audit_entry(ukr, personas):
    text, _ = _save(personas["admin"], ukr)
    entries = AuditEntry.objects.count()
    # A version row already holds the next number: writing the history fails.
    BriefTextVersion.objects.create(text=text, number=2, author_username="someone", created_at=text.updated_at)
    with pytest.raises(IntegrityError):
        _save(personas["admin"], ukr, introduction="Never saved.")
    text.refresh_from_db()
    assert (text.version, text.introduction) == (1, "Intro.")
    assert AuditEntry.objects.count() == entries


def test_an_invalid_record_is_refused_before_anything_is_written(ukr, personas):
    entries = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        _save(personas["admin"], ukr, introduction="x" * 5000)
    assert not BriefText.objects.exists() and not BriefTextVersion.objects.exists()
    assert AuditEntry.objects.count() == entries


def test_none_is_not_an_actor_and_a_visitor_may_not_write(ukr):
    with pytest.raises(NoActorError):
        versioned_record_save(actor=None, record=BriefText(country=ukr, language="en"),
                              values={"introduction": "x"}, version=_version)
    with pytest.raises(PermissionDenied):
        versioned_record_save(actor=VISITOR, record=BriefText(country=ukr, language="en"),
                              values={"introduction": "x"}, version=_version)
    assert not BriefText.objects.exists()


def test_the_system_saves_without_an_account_and_is_named_in_the_history(ukr):
    saved = versioned_record_save(actor=SYSTEM, record=BriefText(country=ukr, language="ru"),
                                  values={"introduction": "Введение."}, version=_version, clean=None)
    assert saved.created and saved.changed and saved.fields == ("introduction",)
    text = BriefText.objects.get(pk=saved.record.pk)
    assert text.version == 1 and text.updated_by is None
    assert BriefTextVersion.objects.get(text=text).author_username == "(system)"
    again = versioned_record_save(actor=SYSTEM, record=text, values={"introduction": "Введение."},
                                  version=_version, clean=None)
    assert not again.changed and BriefTextVersion.objects.count() == 1
