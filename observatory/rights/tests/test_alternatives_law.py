"""Alternatives to punishment beside the law: each programme is linked to the country's current version of the
model-law provision it gives effect to, the law pages link to the programmes, and the map and table say where
alternatives exist in law and in practice.

The programmes written here are test data, made up; the law versions are the shipped ones.
"""

from __future__ import annotations

import pytest
import yaml

from observatory import access
from observatory.laws.models import LegalProvision
from observatory.laws.services import laws_load
from observatory.rights.loaders import RightsDataError, rights_load
from observatory.rights.models import Alternative
from observatory.rights.selectors import diversion_in_law_and_practice

pytestmark = pytest.mark.django_db

PROGRAMMES = [
    # Treatment instead of punishment would follow alternatives_to_prison; this one diverts before prosecution.
    {"country": "HUN", "name_en": "Test diversion to counselling", "kind": "treatment_instead",
     "model_provision": "diversion", "status": "active", "source_url": "https://example.org/test-hun"},
    {"country": "CZE", "name_en": "Test probation with treatment", "kind": "alternative_to_prison",
     "status": "active", "source_url": "https://example.org/test-cze"},
    {"country": "GEO", "name_en": "Test juvenile mediation", "kind": "other", "status": "active",
     "source_url": "https://example.org/test-geo"},
]


@pytest.fixture
def load(tmp_path, countries):
    laws_load(actor=access.SYSTEM)

    def write(programmes=PROGRAMMES):
        for name in ("recommendations_test.yaml", "litigation.yaml"):
            (tmp_path / name).write_text("[]", "utf-8")
        (tmp_path / "alternatives.yaml").write_text(yaml.safe_dump(programmes), "utf-8")
        return rights_load(actor=access.SYSTEM, directory=tmp_path)

    return write


def _current(iso3: str, code: str) -> LegalProvision:
    return (LegalProvision.objects.filter(country__iso3=iso3, provision__code=code, valid_to__isnull=True)
            .order_by("-valid_from").first())


def test_each_programme_is_linked_to_the_law_version_it_gives_effect_to(load):
    load()
    hun, cze, geo = (Alternative.objects.get(country__iso3=c) for c in ("HUN", "CZE", "GEO"))
    assert (hun.model_provision, cze.model_provision, geo.model_provision) == (
        "diversion", "alternatives_to_prison", "")
    assert hun.legal_provision == _current("HUN", "diversion") is not None
    assert cze.legal_provision == _current("CZE", "alternatives_to_prison") is not None
    assert geo.legal_provision is None
    with pytest.raises(RightsDataError, match=r"alternatives.yaml record 1 \(Test diversion to counselling\): "
                                              r"model_provision 'prison'"):
        load([{**PROGRAMMES[0], "model_provision": "prison"}])
    assert Alternative.objects.get(country__iso3="HUN").model_provision == "diversion"  # nothing changed


def test_the_table_and_map_say_where_alternatives_exist_in_law_and_in_practice(client, load):
    load()
    rows = {row.country.iso3: row for row in diversion_in_law_and_practice()}
    assert rows["HUN"].category == "law_and_practice"  # the law partly provides for diversion, and it is applied
    assert rows["GEO"].category == "practice_only"  # a programme, but nothing in the law data
    assert rows["TKM"].category == ""  # nothing recorded: left off the map, not counted as "not in law"
    page = client.get("/ru/rights/alternatives/").content.decode()
    assert "В законе и на практике" in page and "на практике, в данных о законах основания нет" in page
    assert 'href="/ru/laws/HUN/#diversion"' in page


def test_the_law_pages_link_a_provision_to_its_programmes(client, load):
    load()
    compare = client.get("/en/laws/compare/?c1=HUN&c2=GEO").content.decode()
    assert compare.count('href="/en/rights/alternatives/?country=HUN"') == 1
    assert "1 programme recorded in the directory of alternatives to punishment" in compare
    assert "?country=GEO" not in compare  # GEO's programme gives effect to no provision of the model law
    country = client.get("/ru/laws/CZE/").content.decode()
    assert 'id="alternatives_to_prison"' in country and 'href="/ru/rights/alternatives/?country=CZE"' in country


def test_the_api_gives_the_law_version_of_each_programme(client, load):
    load()
    items = {i["country"]: i for i in client.get("/api/v1/alternatives").json()["items"]}
    hun = _current("HUN", "diversion")
    assert (items["HUN"]["model_provision"], items["HUN"]["law_value"]) == ("diversion", hun.value)
    assert items["GEO"]["model_provision"] is None and items["GEO"]["law_value"] is None
