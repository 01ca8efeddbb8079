"""Vocabularies are data: loaded from data/vocabularies/ by setup, translatable, HURIDOCS-mapped, admin-extendable."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from observatory.access import SYSTEM
from observatory.audit.models import AuditEntry
from observatory.cases.models import Term, TermGroup, Vocabulary
from observatory.cases.services import term_save, vocabularies_load


def test_setup_loads_every_shipped_vocabulary_and_a_second_run_changes_nothing(db):
    first = vocabularies_load(actor=SYSTEM)
    assert first["vocabularies"] == 9 and first["created"] == 170
    second = vocabularies_load(actor=SYSTEM)
    assert second["created"] == 0 and second["updated"] == 0 and second["unchanged"] == 170
    assert TermGroup.objects.filter(vocabulary__code="violations").count() == 8


def test_setup_command_declares_the_loader(db):
    from observatory.core.management.commands.setup import loaders

    assert ("case vocabularies", "observatory.cases.services.vocabularies_load") in loaders()


def test_terms_are_translated_and_mapped(vocabularies):
    from django.utils import translation

    term = Term.objects.get(vocabulary__code="violations", code="police_extortion")
    assert term.huridocs_code == "130104" and term.huridocs_match == "exact"
    with translation.override("ru"):
        assert term.name == "Вымогательство со стороны полиции"
    with translation.override("en"):
        assert term.name == "Extortion by police"


def test_an_admin_adds_a_term_and_setup_keeps_it(vocabularies, personas):
    violations = Vocabulary.objects.get(code="violations")
    term = Term(vocabulary=violations, code="forced_hiv_disclosure", name_en="Forced HIV disclosure",
                name_ru="Принудительное раскрытие ВИЧ-статуса", group=TermGroup.objects.get(code="privacy"))
    term_save(actor=personas["admin"], term=term)
    assert AuditEntry.objects.filter(action="vocabulary.term_create").exists()
    vocabularies_load(actor=SYSTEM)
    assert Term.objects.filter(code="forced_hiv_disclosure", active=True).exists()


def test_only_admins_change_vocabularies_and_codes_are_stable(vocabularies, personas):
    violations = Vocabulary.objects.get(code="violations")
    with pytest.raises(PermissionDenied):
        term_save(actor=personas["coordinator_ukr"], term=Term(vocabulary=violations, code="x", name_en="x",
                                                                name_ru="x"))
    term = Term.objects.get(vocabulary=violations, code="planted_drugs")
    term.code = "planted"
    with pytest.raises(ValidationError):
        term_save(actor=personas["admin"], term=term)


def test_retired_terms_are_not_offered_but_old_cases_keep_them(make_case):
    from observatory.cases.forms import term_choices

    case = make_case()
    Term.objects.filter(code="police_beating").update(active=False)
    offered = [code for group, items in term_choices("violations", grouped=True)[1:] for code, _ in items]
    assert "police_beating" not in offered
    assert case.acts.get().violation.code == "police_beating"


def test_the_admin_pages_list_vocabularies(client, personas, vocabularies):
    from observatory.cases.tests.conftest import verified_session

    verified_session(client, personas["admin"])
    assert client.get("/en/admin/cases/term/").status_code == 200
    violations = Vocabulary.objects.get(code="violations")
    response = client.post("/en/admin/cases/termgroup/add/", {
        "vocabulary": violations.pk, "code": "online", "name_en": "Online", "name_ru": "В интернете", "order": 95})
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="vocabulary.group_create", actor_username="admin").exists()
    assert client.get("/en/admin/cases/case/").status_code == 404  # case records are not in the admin

