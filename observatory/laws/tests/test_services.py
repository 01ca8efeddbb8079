"""Loading the shipped law data, and staff edits: checked, audited, never overwritten by setup."""

from __future__ import annotations

import datetime

import pytest
import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import F

from observatory.access import SYSTEM
from observatory.audit.models import AuditEntry
from observatory.laws.models import LegalProvision, LegalSource, ModelLaw, ModelLawProvision
from observatory.laws.services import laws_load, legal_provision_reform, legal_provision_save

D = datetime.date


def test_the_shipped_data_loads_and_a_second_run_changes_nothing(laws):
    assert (laws["model_created"], laws["created"]) == (17, 189)
    assert ModelLaw.objects.get().version == "1.0"
    assert LegalProvision.objects.values("country").distinct().count() == 27
    assert LegalSource.objects.count() >= 189
    again = laws_load(actor=SYSTEM)
    assert (again["model_unchanged"], again["unchanged"], again["created"], again["updated"]) == (17, 189, 0, 0)


def test_partial_dates_and_reforms_load_as_versions(laws):
    hungary = list(LegalProvision.objects.filter(country__iso3="HUN", provision__code="use_offence")
                   .order_by(F("valid_from").asc(nulls_first=True)))
    assert [(v.value, v.valid_from_display, v.valid_to_display) for v in hungary] == [
        ("criminal", "1999", "2003"), ("no_offence", "2003", "2013-07-01"), ("criminal", "2013-07-01", "")]
    months = LegalProvision.objects.get(country__iso3="KAZ", provision__code="possession_max_penalty")
    assert months.max_penalty_months == 1.3


def test_invalid_data_is_refused_and_changes_nothing(countries, tmp_path):
    directory = settings.DATA_DIR / "laws"
    (tmp_path / "model_law.yaml").write_text((directory / "model_law.yaml").read_text(encoding="utf-8"),
                                             encoding="utf-8")
    rows = yaml.safe_load((directory / "provisions.yaml").read_text(encoding="utf-8"))
    rows[0]["value"] = "legal-ish"
    rows.append({**rows[1], "valid_from": None, "valid_to": None})
    (tmp_path / "provisions.yaml").write_text(yaml.safe_dump(rows, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError) as error:
        laws_load(actor=SYSTEM, directory=tmp_path)
    assert "'legal-ish' is not allowed" in str(error.value) and "overlap" in str(error.value)
    assert not LegalProvision.objects.exists() and not ModelLawProvision.objects.exists()


def test_a_staff_reform_closes_the_version_in_force_is_audited_and_survives_setup(laws, countries, personas):
    admin = personas["admin"]
    provision = ModelLawProvision.objects.get(code="use_offence")
    new = legal_provision_reform(actor=admin, country=countries["ARM"], provision=provision, value="no_offence",
                                 valid_from=D(2030, 1, 1), citation="Law 1 (2030)",
                                 sources=[{"title": "Official gazette", "url": "https://example.org/law",
                                           "quote": "Use is no longer an offence."}])
    versions = list(LegalProvision.objects.filter(country__iso3="ARM", provision=provision).order_by(F("valid_from").asc(nulls_first=True)))
    assert [v.valid_to for v in versions] == [D(2008, 7, 1), D(2030, 1, 1), None]
    assert new.origin == LegalProvision.Origin.STAFF and new.sources.get().quote == "Use is no longer an offence."
    assert AuditEntry.objects.filter(action="laws.provision_created", actor_id=admin.pk).exists()
    counts = laws_load(actor=SYSTEM)
    assert counts["kept_staff_edits"] == 1 and counts["removed"] == 0
    assert LegalProvision.objects.filter(country__iso3="ARM", provision=provision).count() == 3


def test_a_staff_edit_may_not_overlap_another_version_or_use_a_value_the_model_law_does_not_know(laws, personas):
    version = LegalProvision.objects.get(country__iso3="HUN", provision__code="use_offence", valid_from=D(2003, 1, 1))
    version.valid_to = D(2014, 1, 1)
    with pytest.raises(ValidationError, match="overlap"):
        legal_provision_save(actor=personas["admin"], version=version)
    version.refresh_from_db()
    version.value = "tolerated"
    with pytest.raises(ValidationError, match="not allowed"):
        legal_provision_save(actor=personas["admin"], version=version)


def test_short_maximum_penalties_read_in_days():
    from django.utils import translation

    from observatory.laws.labels import value_phrase

    assert value_phrase(code="possession_max_penalty", value="", max_penalty_months=1.3).endswith(
        "up to 40 days' deprivation of liberty")
    assert "up to 24 months'" in value_phrase(code="possession_max_penalty", value="", max_penalty_months=24)
    with translation.override("ru"):
        assert value_phrase(code="possession_max_penalty", value="", max_penalty_months=1.3).endswith("до 40 сут.")
