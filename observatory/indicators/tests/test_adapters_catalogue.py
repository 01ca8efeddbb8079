"""data/catalogue/raw.yaml: every load runs cleanly on the shipped files and feeds a catalogued indicator."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from observatory.indicators.importers import get_adapter
from observatory.indicators.importers.base import Row, RowError
from observatory.indicators.importers.countries import resolver_from_yaml

REPO = Path(__file__).resolve().parents[3]
CATALOGUE = REPO / "data" / "catalogue"
RAW_YAML = yaml.safe_load((CATALOGUE / "raw.yaml").read_text(encoding="utf-8"))
REQUIRED_CODES = {
    "population", "gbd_drug_deaths_rate_as", "gbd_drug_deaths", "drug_induced_deaths", "dlo_use_possession",
    "ost_clients_methadone", "prisoners_total", "prisoners_drug_offences", "prison_rate_wpb", "gbd_hiv_deaths",
    "gbd_hiv_new_infections", "gbd_hiv_deaths_rate_as", "hiv_prevalence_pwid", "ost_coverage",
    "syringes_per_pwid", "pwid_size",
}
TOPICS = {"deaths", "hiv", "prison", "law_enforcement", "treatment", "harm_reduction", "population", "policy"}
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def all_indicator_codes() -> set[str]:
    codes = set()
    for path in CATALOGUE.glob("*.yaml"):
        codes |= {i["code"] for i in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("indicators", [])}
    return codes


@pytest.fixture(scope="module")
def loaded():
    """{load index: (rows, errors)} for every load of raw.yaml."""
    resolver = resolver_from_yaml(REPO / "data" / "countries" / "countries.yaml")
    result = {}
    for at, load in enumerate(RAW_YAML["loads"]):
        out = list(get_adapter(load["adapter"]).rows(REPO / load["file"], resolver=resolver,
                                                     source=load["source"], **load["options"]))
        result[at] = ([r for r in out if isinstance(r, Row)], [e for e in out if isinstance(e, RowError)])
    return result


def test_sources_are_complete():
    keys = [s["key"] for s in RAW_YAML["sources"]]
    assert len(keys) == len(set(keys))
    for source in RAW_YAML["sources"]:
        for field in ("publisher", "publisher_ru", "dataset", "edition", "url", "licence", "retrieved",
                      "citation_en", "citation_ru"):
            assert source[field], (source["key"], field)
        assert CYRILLIC.search(source["publisher_ru"]) and CYRILLIC.search(source["citation_ru"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", source["retrieved"])
        assert source["copy_url"].startswith("https://github.com/")


def test_indicators_are_complete_and_bilingual():
    codes = [i["code"] for i in RAW_YAML["indicators"]]
    assert len(codes) == len(set(codes))
    assert REQUIRED_CODES <= set(codes)
    sources = {s["key"] for s in RAW_YAML["sources"]}
    for indicator in RAW_YAML["indicators"]:
        for field in ("name_ru", "definition_ru", "unit_ru"):
            assert CYRILLIC.search(indicator[field]), (indicator["code"], field)
        assert indicator["topic"] in TOPICS
        assert indicator["kind"] in ("numeric", "categorical")
        assert indicator["higher_is_better"] in (True, False, None)
        assert set(indicator["preferred_sources"]) <= sources and indicator["preferred_sources"]


def test_no_indicator_code_is_defined_twice_across_catalogue_files():
    seen = Counter()
    for path in CATALOGUE.glob("*.yaml"):
        seen.update(i["code"] for i in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("indicators", []))
    assert [code for code, n in seen.items() if n > 1] == []


def test_every_load_reads_its_file_without_errors_into_catalogued_indicators(loaded):
    sources = {s["key"] for s in RAW_YAML["sources"]}
    codes = all_indicator_codes()
    for at, load in enumerate(RAW_YAML["loads"]):
        assert (REPO / load["file"]).is_file(), load["file"]
        assert load["source"] in sources
        rows, errors = loaded[at]
        assert errors == [], (load["file"], errors[:3])
        assert rows, load["file"]
        assert {r.indicator for r in rows} == {load["options"]["indicator"]}
        assert {r.source for r in rows} == {load["source"]}
        assert {r.indicator for r in rows} <= codes


def test_rows_per_indicator_and_source_for_the_29_countries(loaded):
    counts = Counter()
    countries: dict[str, set[str]] = {}
    for rows, _ in loaded.values():
        for row in rows:
            counts[row.indicator, row.source] += 1
            countries.setdefault(row.indicator, set()).add(row.country)
    assert counts["population", "worldbank_population"] == 29 * 65
    assert counts["gbd_drug_deaths_rate_as", "ihme_gbd2019_owid"] == 28 * 30
    assert counts["hiv_prevalence_pwid", "unaids_gam2019"] == 97
    assert counts["hiv_prevalence_pwid", "unaids_aidsinfo2016"] == 108
    assert counts["syringes_per_pwid", "unaids_gam2019"] == 138
    assert counts["syringes_per_pwid", "unaids_aidsinfo2016"] == 74
    assert counts["prison_rate_wpb", "wpb_owid_2018"] == 29
    assert len(countries["prisoners_total"]) == 29
    assert len(countries["drug_induced_deaths"]) == 11


def test_preferred_sources_cover_every_source_loaded_into_an_indicator():
    preferred = {i["code"]: set(i["preferred_sources"]) for i in RAW_YAML["indicators"]}
    for load in RAW_YAML["loads"]:
        code = load["options"]["indicator"]
        if code in preferred:
            assert load["source"] in preferred[code], (code, load["source"])


def test_shipped_raw_files_are_byte_for_byte_the_documented_copies():
    raw = REPO / "data" / "raw"
    listed = {}
    for line in (raw / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        listed[name] = digest
    on_disk = {str(p.relative_to(raw)) for p in raw.rglob("*") if p.is_file()} - {"SOURCES.md", "SHA256SUMS"}
    assert set(listed) == on_disk
    for name, digest in listed.items():
        assert hashlib.sha256((raw / name).read_bytes()).hexdigest() == digest, name
