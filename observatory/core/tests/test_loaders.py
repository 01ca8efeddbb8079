"""The shared upsert-by-key loader: what an operator notices when setup runs, and runs again."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import IntegrityError, transaction

from observatory.access import SYSTEM, VISITOR, NoActorError
from observatory.audit.models import AuditEntry
from observatory.audit.services import audit_verify
from observatory.cases.models import Term, Vocabulary
from observatory.core.loaders import load_audit, rows_load, rows_upsert
from observatory.countries.models import Country, Subregion

SUBREGIONS = [
    {"code": "central_asia", "name_en": "Central Asia", "name_ru": "Центральная Азия"},
    {"code": "south_caucasus", "name_en": "South Caucasus", "name_ru": "Южный Кавказ"},
]


def _load(rows=SUBREGIONS, **options):
    return rows_load(actor=SYSTEM, model=Subregion, keys="code", rows=rows, **options)


def test_a_first_run_creates_the_rows_and_writes_one_audit_entry_by_the_system(db):
    assert _load() == {"created": 2, "updated": 0, "unchanged": 0}
    assert sorted(Subregion.objects.values_list("code", flat=True)) == ["central_asia", "south_caucasus"]
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor_username, entry.actor_id) == ("countries.subregion.load", "(system)", None)
    assert entry.details["counts"] == {"created": 2, "updated": 0, "unchanged": 0}


def test_a_second_run_changes_nothing_and_writes_no_audit_entry(db):
    _load()
    entries = AuditEntry.objects.count()
    assert _load() == {"created": 0, "updated": 0, "unchanged": 2}
    assert AuditEntry.objects.count() == entries


def test_a_changed_row_is_updated_and_counted_and_only_its_fields_are_written(db):
    _load()
    rows = [SUBREGIONS[0], {**SUBREGIONS[1], "name_en": "Southern Caucasus"}]
    assert _load(rows) == {"created": 0, "updated": 1, "unchanged": 1}
    assert Subregion.objects.get(code="south_caucasus").name_en == "Southern Caucasus"
    assert Subregion.objects.get(code="central_asia").name_en == "Central Asia"
    last = AuditEntry.objects.order_by("-seq").first()
    assert last.details["counts"] == {"created": 0, "updated": 1, "unchanged": 1}
    assert AuditEntry.objects.count() == 2 and audit_verify().ok


def test_a_failing_write_leaves_neither_rows_nor_an_audit_entry(db):
    _load()
    before = AuditEntry.objects.count()
    rows = [*SUBREGIONS, {"code": "baltic", "name_en": "Baltic states", "name_ru": "Прибалтика"}]

    @transaction.atomic
    def loader():
        result = rows_upsert(actor=SYSTEM, model=Subregion, keys="code", rows=rows)
        load_audit(actor=SYSTEM, action="countries.load", counts=result.counts, upserts=[result])
        assert AuditEntry.objects.count() == before + 1
        # A later write of the same load fails (a country without a code for maps).
        rows_upsert(actor=SYSTEM, model=Country, keys="iso3", rows=[
            {"iso3": "XXX", "iso2": None, "subregion": Subregion.objects.get(code="baltic")}])

    with pytest.raises(IntegrityError):
        loader()
    assert not Subregion.objects.filter(code="baltic").exists()
    assert AuditEntry.objects.count() == before


def test_an_update_that_fails_undoes_the_rows_created_in_the_same_load(db):
    _load()
    rows = [{"code": "baltic", "name_en": "Baltic states", "name_ru": "Прибалтика"},
            {**SUBREGIONS[0], "name_en": None}]
    with pytest.raises(IntegrityError):
        _load(rows)
    assert not Subregion.objects.filter(code="baltic").exists()
    assert AuditEntry.objects.count() == 1


def test_none_is_not_an_actor_even_when_nothing_would_change(db):
    _load()
    with pytest.raises(NoActorError):
        rows_load(actor=None, model=Subregion, keys="code", rows=SUBREGIONS)
    with pytest.raises(NoActorError):
        rows_upsert(actor=None, model=Subregion, keys="code", rows=[])


def test_an_actor_the_policy_refuses_writes_nothing(db):
    with pytest.raises(PermissionDenied):
        rows_load(actor=VISITOR, model=Subregion, keys="code", rows=SUBREGIONS)
    assert not Subregion.objects.exists() and not AuditEntry.objects.exists()


def test_a_key_listed_twice_is_refused(db):
    with pytest.raises(ValueError, match="central_asia is listed twice"):
        _load([SUBREGIONS[0], SUBREGIONS[0]])
    assert not Subregion.objects.exists()


def test_composite_keys_with_empty_parts_match_on_the_next_run(db):
    vocabulary = Vocabulary.objects.create(code="demo", name_en="Demo", name_ru="Демо")
    rows = [{"vocabulary": vocabulary, "group": None, "code": code, "name_en": code, "name_ru": code}
            for code in ("a", "b")]
    load = rows_upsert(actor=SYSTEM, model=Term, keys=("vocabulary", "group", "code"), rows=rows)
    assert load.counts == {"created": 2, "updated": 0, "unchanged": 0}
    again = rows_upsert(actor=SYSTEM, model=Term, keys=("vocabulary", "group", "code"), rows=rows)
    assert again.counts == {"created": 0, "updated": 0, "unchanged": 2} and not again.changed
    assert [term.pk for term in again.objects] == [term.pk for term in load.objects]


def test_protected_rows_are_kept_and_defaults_apply_to_new_rows_only(db):
    vocabulary = Vocabulary.objects.create(code="demo", name_en="Demo", name_ru="Демо")
    Term.objects.create(vocabulary=vocabulary, code="edited", name_en="Edited by staff", name_ru="x", shipped=False)
    rows = [{"vocabulary": vocabulary, "code": code, "name_en": code, "name_ru": code} for code in ("edited", "new")]
    load = rows_upsert(actor=SYSTEM, model=Term, keys=("vocabulary", "code"), rows=rows,
                       create_defaults={"shipped": True}, protect=lambda term: not term.shipped)
    assert load.counts == {"created": 1, "updated": 0, "unchanged": 0, "kept": 1}
    assert Term.objects.get(code="edited").name_en == "Edited by staff"
    assert Term.objects.get(code="new").shipped


@pytest.mark.slow
def test_setup_twice_leaves_the_audit_trail_as_it_was_and_every_load_is_by_the_system(db):
    call_command("setup", no_static=True, stdout=io.StringIO())
    first = list(AuditEntry.objects.all())
    assert first and {entry.actor_username for entry in first} == {"(system)"}
    actions = {entry.action for entry in first}
    assert {"countries.load", "indicators.catalogue.load", "indicators.import", "vocabulary.load", "laws.load",
            "scorecard.survey_questions.load", "review.process.create", "events.event.create"} <= actions
    call_command("setup", no_static=True, stdout=io.StringIO())
    assert AuditEntry.objects.count() == len(first)
    assert audit_verify().ok
