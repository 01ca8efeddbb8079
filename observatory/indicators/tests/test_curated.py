"""The curated adapter on the real shipped tables: faithful values, flags, sources, nothing lost."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

from observatory.indicators.importers.base import FLAGS, ImportFormatError, Row, RowError
from observatory.indicators.importers.countries import resolver_from_yaml
from observatory.indicators.importers.curated import (
    SKIP_REGIONAL,
    SKIP_UNDATED,
    CuratedAdapter,
    CuratedCatalogue,
)
from observatory.indicators.importers.curated_rules import INDICATORS, PLATFORM_CODES

ROOT = Path(__file__).resolve().parents[3]
CURATED = ROOT / "data" / "curated"
CATALOGUE = ROOT / "data" / "catalogue" / "curated.yaml"
FILES = sorted(CURATED.glob("*.csv"))
TOPICS = {"deaths", "hiv", "prison", "law_enforcement", "treatment", "harm_reduction", "population", "policy"}


@pytest.fixture(scope="module")
def resolver():
    return resolver_from_yaml(ROOT / "data" / "countries" / "countries.yaml")


@pytest.fixture(scope="module")
def catalogue():
    return yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def imported(resolver):
    """file name -> (rows, errors, skipped), from one pass over every shipped file."""
    result = {}
    for path in FILES:
        adapter = CuratedAdapter()
        out = list(adapter.rows(path, resolver=resolver))
        rows = [r for r in out if isinstance(r, Row)]
        errors = [r for r in out if isinstance(r, RowError)]
        result[path.name] = (rows, errors, adapter.skipped)
    return result


def rows_of(imported, name):
    return imported[name][0]


def find(rows, *, country, indicator, period=None, value_text=None):
    hits = [r for r in rows if r.country == country and r.indicator == indicator
            and (period is None or r.period == period) and (value_text is None or r.value_text == value_text)]
    assert len(hits) == 1, hits
    return hits[0]


# --- nothing lost, nothing rejected --------------------------------------------------------------

def test_there_are_shipped_files_and_each_is_recognised():
    assert len(FILES) == 16
    assert all(CuratedAdapter().sniff(path) for path in FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_line_is_read_or_skipped(imported, path):
    rows, errors, skipped = imported[path.name]
    lines = len(path.read_text(encoding="utf-8").splitlines()) - 1  # minus the header
    assert errors == []
    assert len(rows) + len(skipped) == lines
    assert sorted([r.line for r in rows] + [s.line for s in skipped]) == list(range(2, lines + 2))


def test_no_two_rows_are_the_same_observation(imported):
    seen = set()
    for rows, *_ in imported.values():
        for r in rows:
            key = (r.indicator, r.country, r.period, r.sex, r.age_group, r.source)
            assert key not in seen, key
            seen.add(key)


# --- value forms -------------------------------------------------------------------------------

def test_eurostat_drug_offences_are_data_years_of_the_police_recorded_count(imported):
    rows = rows_of(imported, "eurostat_crim_off_cat_drug_offences.csv")
    assert len(rows) == 83 and {r.indicator for r in rows} == {"drug_offences_registered"}
    assert {r.country for r in rows} == {"ALB", "BIH", "BGR", "HRV", "CZE", "EST", "HUN", "XKX", "LVA", "LTU", "MNE",
                                         "MKD", "POL", "ROU", "SRB", "SVK", "SVN"}
    latvia = find(rows, country="LVA", indicator="drug_offences_registered", period="2022")
    assert latvia.value == 1266 and "edition_year" not in (latvia.flags or [])


def test_euda_drug_induced_deaths_are_the_bulletin_totals_from_2018(imported):
    rows = rows_of(imported, "euda_statbulletin_drd1_deaths_2018_2022.csv")
    assert {r.indicator for r in rows} == {"drug_induced_deaths"}
    assert {r.source for r in rows} == {"curated_euda_drd1_2024"}
    assert min(int(r.period) for r in rows) == 2018  # the years before are the EMCDDA 2019 bulletin's own rows
    estonia = find(rows, country="EST", indicator="drug_induced_deaths", period="2022")
    assert estonia.value == 82 and not estonia.flags
    assert "column '2022.0' = 82.0" in estonia.note
    # Latvia reports 2022 only; no year is filled in for it
    assert [r.period for r in rows if r.country == "LVA"] == ["2022"]


def test_national_figures_keep_rounded_and_lower_bound_values_as_printed(imported):
    rows = rows_of(imported, "national_figures_2018_plus.csv")
    kaz = find(rows, country="KAZ", indicator="drug_offences_registered", period="2025")
    assert (kaz.qualifier, kaz.value, kaz.value_text) == ("~", 4000.0, "~4000")
    uzb = find(rows, country="UZB", indicator="drug_offences_registered", period="2025")
    assert (uzb.qualifier, uzb.value) == (">", 15000.0)
    geo = find(rows, country="GEO", indicator="prisoners_drug_share", period="2020")
    assert geo.value == 26.2 and geo.source == "curated_geo_civil_space2020"
    # Bulgaria's laboratory series is national-focal-point data, not a survey; the note says so
    bgr = find(rows, country="BGR", indicator="hiv_prevalence_pwid", period="2022")
    assert bgr.value == 14.5 and "not a national survey" in bgr.note
    # a national count of drug deaths is its own indicator, never the EUDA-protocol series
    aze = find(rows, country="AZE", indicator="drug_deaths_national_definition", period="2021")
    assert aze.value == 258 and not [r for r in rows if r.country == "AZE" and r.indicator == "drug_induced_deaths"]
    # Tajikistan: two years printed in one sentence, each its own row with the same source
    tjk = {r.period: r for r in rows if r.country == "TJK" and r.indicator == "drug_offences_registered"}
    assert {p: r.value for p, r in tjk.items()} == {"2023": 699, "2024": 839}
    assert {r.source for r in tjk.values()} == {"curated_tjk_khovar_2025"}


def test_a_printed_range_becomes_bounds_without_a_midpoint(imported):
    row = find(rows_of(imported, "hri_gshr2020_eurasia_table2-2-1.csv"), country="ALB", indicator="pwid_size")
    assert (row.lower, row.upper, row.value) == (5132, 6182, None)
    assert row.value_text == "5132-6182"
    assert row.period == "2020" and row.source == "curated_hri_gshr2020_t221"
    assert "printed: 5,132-6,182[1]" in row.note


def test_an_inequality_keeps_its_qualifier(imported):
    rows = rows_of(imported, "ihra_gshr2008_eurasia_table.csv")
    hun = find(rows, country="HUN", indicator="hiv_prevalence_pwid")
    assert (hun.qualifier, hun.value, hun.value_text) == ("<", 1.0, "<1.0")
    est = find(rows, country="EST", indicator="hcv_prevalence_pwid")
    assert (est.qualifier, est.value) == ("~", 90.0)
    kaz = find(rows_of(imported, "legal_status_possession.csv"), country="KAZ",
               indicator="threshold_heroin_especially_large")
    assert (kaz.qualifier, kaz.value) == (">", 1.0)


def test_a_point_with_its_interval_keeps_all_three(imported):
    row = find(rows_of(imported, "misc_text_figures.csv"), country="TJK", indicator="pwid_size")
    assert (row.value, row.lower, row.upper) == (25000, 20000, 30000)


def test_two_printed_estimates_are_a_span_with_no_point(imported):
    row = find(rows_of(imported, "stuikyte2024_hrj_oat_sustainability_table7.csv"), country="BLR",
               indicator="people_using_opioids_size")
    assert (row.value, row.lower, row.upper, row.value_text) == (None, 73800, 87000, "73800 and 87000")


def test_yes_no_becomes_a_category(imported):
    nal = find(rows_of(imported, "hri_gshr2020_eurasia_table2-2-1.csv"), country="ALB",
               indicator="naloxone_peer_distribution")
    assert (nal.category, nal.value, nal.value_text) == ("no", None, "no")
    ban = find(rows_of(imported, "hr_availability_statements.csv"), country="RUS", indicator="ost_available",
               period="2016")
    assert (ban.category, ban.value_text) == ("no", "no (complete ban)")
    bgr = find(rows_of(imported, "hr_availability_statements.csv"), country="BGR", indicator="nsp_available",
               period="2024")
    assert bgr.category == "yes" and "Sofia" in bgr.value_text


def test_legal_words_are_categories_only_when_they_are_the_whole_cell(imported):
    legal = rows_of(imported, "legal_status_possession.csv")
    assert find(legal, country="CZE", indicator="possession_legal_status").category == "decriminalised"
    assert find(legal, country="POL", indicator="possession_legal_status").category == "criminal"
    ehra = rows_of(imported, "ehra_criminalization_costs_country_pages.csv")
    rus = find(ehra, country="RUS", indicator="possession_legal_status")
    assert rus.category == "text"
    assert rus.value_text == "administrative (small amounts); criminal (significant amount and above)"
    assert find(ehra, country="UKR", indicator="use_legal_status").category == "text"  # "(public use criminal)"
    assert find(ehra, country="RUS", indicator="use_legal_status").category == "administrative"


def test_medicine_codes_are_kept_as_printed_text(imported):
    row = find(rows_of(imported, "hri_gshr2020_eurasia_table2-2-1.csv"), country="LVA", indicator="ost_medicines")
    assert (row.category, row.value_text, row.value) == ("text", "M,B,BN", None)


def test_a_bracketed_earlier_reading_gets_its_month(imported):
    rows = rows_of(imported, "stuikyte2024_hrj_oat_sustainability_table7.csv")
    assert find(rows, country="UKR", indicator="ost_clients", period="2022").value == 27432
    assert find(rows, country="UKR", indicator="ost_clients", period="2022-02").value == 20331


# --- flags -----------------------------------------------------------------------------------

def test_rows_assigned_by_table_position_are_uncertain(imported):
    rows = [r for r in rows_of(imported, "ihra_gshr2008_eurasia_table.csv") if r.country in ("KGZ", "LVA")]
    assert len(rows) == 9
    assert all("uncertain" in r.flags and "label of this row was lost" in r.note for r in rows)
    kgz = find(rows, country="KGZ", indicator="pwid_size")
    assert kgz.value == 44000


def test_an_inferred_tick_is_uncertain_but_a_complete_value_is_not(imported):
    rows = rows_of(imported, "hri_gshr2020_eurasia_table2-2-1.csv")
    assert "uncertain" in find(rows, country="CZE", indicator="ost_available").flags
    # "excerpt cut inside the reference bracket, value itself complete"
    assert "uncertain" not in find(rows, country="MDA", indicator="hcv_prevalence_pwid").flags
    assert "uncertain" not in find(rows, country="ALB", indicator="pwid_size").flags


def test_edition_years_are_flagged(imported):
    for name in ("hri_gshr2020_eurasia_table2-2-1.csv", "hri_gshr2018_eurasia_table2-2-1.csv",
                 "ihra_gshr2008_eurasia_table.csv", "dad2013_central_asia_naloxone_table1.csv"):
        assert all("edition_year" in r.flags for r in rows_of(imported, name)), name
    oat = rows_of(imported, "stuikyte2024_hrj_oat_sustainability_table7.csv")
    assert "edition_year" in find(oat, country="BLR", indicator="ost_coverage_opioid_users").flags  # undated cell
    assert "edition_year" not in find(oat, country="MDA", indicator="ost_coverage_opioid_users").flags  # (2022)
    assert "edition_year" not in find(oat, country="UKR", indicator="ost_clients", period="2022").flags


def test_flags_are_known_and_notes_are_kept_whole(imported):
    for name, (rows, *_) in imported.items():
        raw = {i: r["note"] for i, r in enumerate(csv.DictReader((CURATED / name).open(encoding="utf-8")), 2)}
        for r in rows:
            assert r.flags <= set(FLAGS)
            assert r.note == raw[r.line]


# --- skipped rows ----------------------------------------------------------------------------

def test_undated_and_regional_rows_are_skipped_with_a_reason(imported):
    _, _, skipped = imported["ihra_gshr_etool_eurasia_table_undated.csv"]
    assert len(skipped) == 64 and {s.reason for s in skipped} == {SKIP_UNDATED}
    _, _, skipped = imported["larney2017_lancetgh_table3_regional.csv"]
    assert len(skipped) == 14 and {s.reason for s in skipped} == {SKIP_REGIONAL}
    assert {s.entity for s in skipped} == {"Eastern Europe", "Central Asia"}
    assert sum(len(skipped) for _, _, skipped in imported.values()) == 94


def test_a_skipped_row_never_gets_an_invented_year(imported):
    for name, (rows, *_) in imported.items():
        years = {i: r["year"] for i, r in enumerate(csv.DictReader((CURATED / name).open(encoding="utf-8")), 2)}
        for r in rows:
            assert r.period[:4] == years[r.line]


# --- catalogue -------------------------------------------------------------------------------

def test_every_row_source_resolves_to_a_catalogue_entry(imported, catalogue):
    keys = {s["key"] for s in catalogue["sources"]}
    used = {r.source for rows, *_ in imported.values() for r in rows}
    assert used <= keys
    assert {e["source"] for e in catalogue["curated_source_map"]} == keys


def test_every_csv_source_pair_is_in_the_map(catalogue):
    mapped = {(e["source_title"], e["source_url"]) for e in catalogue["curated_source_map"]}
    for path in FILES:
        for r in csv.DictReader(path.open(encoding="utf-8")):
            assert (r["source_title"], r["source_url"]) in mapped, (path.name, r["source_title"])


def test_every_indicator_code_is_defined_here_or_on_the_platform(imported, catalogue):
    defined = {i["code"] for i in catalogue["indicators"]}
    assert not defined & PLATFORM_CODES, "platform codes are defined in raw.yaml, not here"
    used = {r.indicator for rows, *_ in imported.values() for r in rows}
    assert used <= defined | PLATFORM_CODES
    assert defined <= used, "a code defined here with no curated row"
    assert set(INDICATORS.values()) <= defined | PLATFORM_CODES


def test_codes_do_not_clash_with_other_catalogues(catalogue):
    defined = {i["code"] for i in catalogue["indicators"]}
    for other in CATALOGUE.parent.glob("*.yaml"):
        if other != CATALOGUE:
            theirs = yaml.safe_load(other.read_text(encoding="utf-8")) or {}
            assert not defined & {i["code"] for i in theirs.get("indicators") or ()}, other.name
            assert not {s["key"] for s in catalogue["sources"]} & {s["key"] for s in theirs.get("sources") or ()}


def test_reused_platform_codes_only_take_compatible_units(imported):
    expected = {"pwid_size": "persons", "hiv_prevalence_pwid": "percent", "hcv_prevalence_pwid": "percent",
                "prisoners_total": "persons", "prisoners_drug_offences": "persons", "drug_induced_deaths": "deaths"}
    for name, (rows, *_) in imported.items():
        units = {i: r["unit"] for i, r in enumerate(csv.DictReader((CURATED / name).open(encoding="utf-8")), 2)}
        for r in rows:
            if r.indicator in expected:
                assert units[r.line].startswith(expected[r.indicator]), (name, r.line, units[r.line])


def test_catalogue_entries_are_complete(catalogue):
    source_fields = {"key", "publisher", "publisher_ru", "dataset", "edition", "url", "copy_url", "licence",
                     "retrieved", "citation_en", "citation_ru"}
    for s in catalogue["sources"]:
        # Russian beside the English where the field describes (a licence, an edition in words).
        assert set(s) - {"dataset_ru", "edition_ru", "licence_ru"} == source_fields, s["key"]
        assert s.get("licence_ru") and re.search("[а-яё]", s["licence_ru"], re.I), s["key"]
        assert re.fullmatch(r"curated_[a-z0-9_]+", s["key"]) and len(s["key"]) <= 80
        assert s["copy_url"].startswith("http") and s["licence"] and s["citation_en"]
        assert re.search("[а-яё]", s["citation_ru"], re.I), s["key"]
        assert len(s["dataset"]) <= 500 and len(s["publisher"]) <= 300 and len(s["url"]) <= 500
    # A count can be shown per 100,000 population; rates, shares and categories cannot.
    COUNT_UNITS = {"ampoules", "patients", "persons", "reversals", "sites", "offences", "deaths"}
    indicator_fields = {"code", "name_en", "name_ru", "definition_en", "definition_ru", "unit_en", "unit_ru",
                        "topic", "higher_is_better", "decimals", "kind", "preferred_sources"}
    for i in catalogue["indicators"]:
        assert set(i) - {"is_count"} == indicator_fields, i["code"]  # is_count: only counts say so
        assert i.get("is_count", False) is (i["unit_en"] in COUNT_UNITS), i["code"]
        assert i["topic"] in TOPICS and i["kind"] in ("numeric", "categorical")
        assert i["higher_is_better"] in (True, False, None) and isinstance(i["decimals"], int)
        assert re.search("[а-яё]", i["name_ru"] + i["definition_ru"], re.I), i["code"]


def test_rows_fit_the_observation_table(imported):
    for rows, *_ in imported.values():
        for r in rows:
            assert len(r.value_text) <= 200 and len(r.category) <= 60 and len(r.qualifier) <= 2
            assert re.fullmatch(r"\d{4}(-\d{2})?", r.period)


def test_categorical_codes_get_categories_and_numeric_codes_get_numbers(imported, catalogue):
    kinds = {i["code"]: i["kind"] for i in catalogue["indicators"]} | dict.fromkeys(PLATFORM_CODES, "numeric")
    for rows, *_ in imported.values():
        for r in rows:
            if kinds[r.indicator] == "categorical":
                assert r.category and r.value is None and r.lower is None and r.upper is None
            else:
                assert not r.category and (r.value is not None or r.lower is not None or r.upper is not None)


def test_loads_list_every_shipped_file(catalogue):
    loads = catalogue["loads"]
    assert sorted(entry["file"] for entry in loads) == [f"data/curated/{p.name}" for p in FILES]
    assert all(entry["adapter"] == "curated" and entry["source"] is None for entry in loads)


# --- errors ----------------------------------------------------------------------------------

HEADER = "iso3,country,indicator,year,value,unit,note,source_title,source_url\n"


def write(tmp_path, text):
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_with_another_header_is_refused(tmp_path, resolver):
    path = write(tmp_path, "country,year,value\nALB,2020,1\n")
    assert not CuratedAdapter().sniff(path)
    with pytest.raises(ImportFormatError, match="header"):
        list(CuratedAdapter().rows(path, resolver=resolver))


def test_unknown_source_country_and_indicator_are_row_errors(tmp_path, resolver):
    title = ("Harm Reduction International (HRI), Global State of Harm Reduction 2020, Table 2.2.1: Epidemiology "
             "of HIV and viral hepatitis, and harm reduction response in Eurasia (report p. 82)")
    url = "https://docslib.org/doc/49625/2-2-eurasia-81-2-2-eurasia"
    path = write(tmp_path, HEADER
                 + f'ALB,Albania,pwid_estimate,2020,9,persons,n,"{title}",https://elsewhere.example/\n'
                 + f'XXX,Nowhere,pwid_estimate,2020,9,persons,n,"{title}",{url}\n'
                 + f'ALB,Albania,pwid_estimat,2020,9,persons,n,"{title}",{url}\n'
                 + f'ALB,Albania,pwid_estimate,2020,9-3,persons,n,"{title}",{url}\n'
                 + f'ALB,Albania,naloxone_peer_distribution,2020,12,yes/no,n,"{title}",{url}\n'
                 + f'ALB,Albania,pwid_estimate,2020,9,persons,n,"{title}",{url}\n')
    out = list(CuratedAdapter().rows(path, resolver=resolver, catalogue=CuratedCatalogue.load(CATALOGUE)))
    errors = [r for r in out if isinstance(r, RowError)]
    assert [(e.line, e.column) for e in errors] == [(2, "source_title"), (3, "iso3"), (4, "indicator"),
                                                    (5, "value"), (6, "value")]
    assert "pwid_estimate" in errors[2].suggestions
    assert [r.line for r in out if isinstance(r, Row)] == [7]
