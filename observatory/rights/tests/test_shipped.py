"""The shipped human rights data (data/rights/): it loads, every record names its source, and the
numbers shipped are the ones the documentation states."""

from __future__ import annotations

import pytest
from django.conf import settings

from observatory import access
from observatory.rights.loaders import rights_load
from observatory.rights.models import Alternative, CourtCase, Recommendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def shipped(countries):
    return rights_load(actor=access.SYSTEM, directory=settings.DATA_DIR / "rights")


def test_the_shipped_data_loads_with_a_source_for_every_record(shipped):
    for model in (Recommendation, CourtCase, Alternative):
        assert model.objects.exists(), model.__name__
        assert not model.objects.filter(source_url="").exists(), model.__name__
    # A second load changes nothing.
    again = rights_load(actor=access.SYSTEM, directory=settings.DATA_DIR / "rights")
    assert not any(v for k, v in again.items() if k != "unchanged")


def test_each_recommendation_is_identified_by_its_document_and_paragraph(shipped):
    for r in Recommendation.objects.all():
        assert r.symbol.startswith(("A/HRC/", "E/C.12/", "CEDAW/C/", "CAT/C/", "CCPR/C/", "CRC/C/")), r.symbol
        assert r.paragraph and r.text_en.strip()
        assert (r.mechanism == "upr") == bool(r.recommending_state), r.key


def test_litigation_and_alternatives_cover_what_the_network_asked(shipped):
    # At least 10 real court cases, and alternatives with sources in at least 10 countries.
    assert CourtCase.objects.count() >= 10
    assert Alternative.objects.values("country").distinct().count() >= 10
    # A figure of people diverted always says its year.
    assert not Alternative.objects.filter(scale_number__isnull=False, scale_year__isnull=True).exists()
