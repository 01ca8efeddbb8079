"""Every shipped file loads through the import service, and loading it again changes nothing."""

from __future__ import annotations

import pytest

from observatory.access import SYSTEM
from observatory.indicators.models import Indicator, Observation, Source
from observatory.indicators.services import manifest_load
from observatory.indicators.services.catalogue import catalogue_read

pytestmark = pytest.mark.slow

REQUIRED = ["population", "gbd_drug_deaths_rate_as", "gbd_drug_deaths", "drug_induced_deaths", "dlo_use_possession",
            "ost_clients_methadone", "prisoners_total", "prisoners_drug_offences", "prison_rate_wpb", "gbd_hiv_deaths",
            "gbd_hiv_new_infections", "gbd_hiv_deaths_rate_as", "hiv_prevalence_pwid", "ost_coverage",
            "syringes_per_pwid", "pwid_size"]


def test_shipped_data_loads_idempotently(catalogue):
    first = manifest_load(actor=SYSTEM)
    assert first["files"] == len(catalogue_read()["loads"]) and first["inserted"] > 17000
    second = manifest_load(actor=SYSTEM)
    assert second["inserted"] == 0 and second["updated"] == 0 and second["unchanged"] == first["inserted"]
    codes = set(Observation.objects.values_list("indicator__code", flat=True).distinct())
    assert set(REQUIRED) <= codes
    # Every value names a source with a publisher, and no source is left without a licence statement.
    assert not Source.objects.filter(publisher="").exists()
    assert all(Indicator.objects.filter(code=c).exclude(name_ru="").exists() for c in REQUIRED)


def test_curated_values_keep_ranges_and_flags(catalogue):
    manifest_load(actor=SYSTEM)
    albania = Observation.objects.get(country__iso3="ALB", indicator__code="pwid_size",
                                      source__key="curated_hri_gshr2020_t221")
    assert (albania.value, albania.lower, albania.upper) == (None, 5132.0, 6182.0)
    assert "edition_year" in albania.flags
    # The two 2008 rows whose country labels were lost in the stored text and assigned by position.
    kyrgyzstan = Observation.objects.get(country__iso3="KGZ", indicator__code="pwid_size",
                                         source__key="curated_ihra_gshr2008_eurasia")
    assert "uncertain" in kyrgyzstan.flags and kyrgyzstan.value == 44000
