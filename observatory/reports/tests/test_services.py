"""Staff texts of the briefs: every change is a new version with author and time, audited in the same transaction."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from observatory.audit.models import AuditEntry
from observatory.reports.models import BriefText, BriefTextVersion
from observatory.reports.services import brief_text_save


def test_each_change_is_a_new_version_with_author_and_time(countries, personas):
    admin = personas["admin"]
    text, changed = brief_text_save(actor=admin, country=countries["UKR"], language="ru",
                                    introduction="Первая версия.", recommendations="")
    assert changed and text.version == 1
    text, changed = brief_text_save(actor=admin, country=countries["UKR"], language="ru",
                                    introduction="Вторая версия.", recommendations="Финансировать ОЗТ.")
    assert changed and text.version == 2 and text.updated_by == admin
    versions = list(BriefTextVersion.objects.filter(text=text).order_by("number"))
    assert [(v.number, v.introduction, v.recommendations) for v in versions] == [
        (1, "Первая версия.", ""), (2, "Вторая версия.", "Финансировать ОЗТ.")]
    assert all(v.author == admin and v.author_username == "admin" and v.created_at for v in versions)
    entries = AuditEntry.objects.filter(action="reports.brief_text_save").order_by("seq")
    assert [e.details["version"] for e in entries] == [1, 2]
    assert entries.last().details == {"country": "UKR", "language": "ru", "version": 2,
                                      "fields": ["introduction", "recommendations"]}
    assert entries.last().actor_username == "admin"


def test_saving_the_same_text_again_writes_nothing(countries, personas):
    admin = personas["admin"]
    brief_text_save(actor=admin, country=countries["GEO"], language="en", introduction="Text.\r\n",
                    recommendations="")
    text, changed = brief_text_save(actor=admin, country=countries["GEO"], language="en", introduction="Text.",
                                    recommendations="  ")
    assert not changed and text.version == 1
    assert BriefTextVersion.objects.count() == 1
    assert AuditEntry.objects.filter(action="reports.brief_text_save").count() == 1


def test_languages_are_separate_texts(countries, personas):
    brief_text_save(actor=personas["admin"], country=countries["UKR"], language="en", introduction="English.",
                    recommendations="")
    brief_text_save(actor=personas["admin"], country=countries["UKR"], language="ru", introduction="Русский.",
                    recommendations="")
    assert BriefText.objects.filter(country=countries["UKR"]).count() == 2


@pytest.mark.parametrize("persona", ["coordinator_ukr", "case_manager_ukr", "documenter_ukr", "analyst"])
def test_only_admins_may_write(countries, personas, persona):
    with pytest.raises(PermissionDenied):
        brief_text_save(actor=personas[persona], country=countries["UKR"], language="en", introduction="x",
                        recommendations="")
    assert not BriefText.objects.exists() and not AuditEntry.objects.filter(action="reports.brief_text_save").exists()


def test_unknown_language_and_overlong_text_are_refused(countries, personas):
    with pytest.raises(ValidationError):
        brief_text_save(actor=personas["admin"], country=countries["UKR"], language="de", introduction="x",
                        recommendations="")
    with pytest.raises(ValidationError):
        brief_text_save(actor=personas["admin"], country=countries["UKR"], language="en", introduction="x" * 4001,
                        recommendations="")
    assert not BriefTextVersion.objects.exists()


def test_paragraphs_become_recommendations(countries, personas):
    text, _ = brief_text_save(actor=personas["admin"], country=countries["UKR"], language="en", introduction="",
                              recommendations="First,\ncontinued.\n\n\nSecond.\n")
    assert text.recommendation_list == ["First, continued.", "Second."]
