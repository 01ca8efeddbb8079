"""Publisher-format adapters on the real files shipped in data/raw/.

Each test reads the expected numbers from the file itself (csv, openpyxl,
pandas) and checks the adapter gives the same, for the platform's 29 countries.
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from observatory.indicators.importers import detect, get_adapter
from observatory.indicators.importers.base import Row, RowError
from observatory.indicators.importers.countries import resolver_from_yaml
from observatory.indicators.importers.unaids import area_countries

REPO = Path(__file__).resolve().parents[3]
RAW = REPO / "data" / "raw"
PLATFORM = set("ALB ARM AZE BLR BIH BGR HRV CZE EST GEO HUN KAZ XKX KGZ LVA LTU MDA MNE MKD POL ROU RUS SRB "
               "SVK SVN TJK TKM UKR UZB".split())
EU_CEECA = {"BGR", "HRV", "CZE", "EST", "HUN", "LVA", "LTU", "POL", "ROU", "SVK", "SVN"}
EMCDDA = RAW / "emcdda-statbulletin"
UNODC = RAW / "unodc-cts" / "data_cts_prisons_and_prisoners.xlsx"
GAM = RAW / "unaids-aidsinfo" / "gam-2019"
AIDSINFO = RAW / "unaids-aidsinfo" / "aidsinfo-2016"
WPB = RAW / "owid-world-prison-brief" / (
    "Prisoners per 100 000 from World Prison Brief (downloaded September 2018)_country_standardized.csv")


@pytest.fixture(scope="module")
def resolver():
    return resolver_from_yaml(REPO / "data" / "countries" / "countries.yaml")


def load(adapter_name: str, path: Path, resolver, **options):
    adapter = get_adapter(adapter_name)
    out = list(adapter.rows(path, resolver=resolver, source="test", **options))
    errors = [e for e in out if isinstance(e, RowError)]
    assert errors == [], errors[:3]
    return [r for r in out if isinstance(r, Row)], adapter


def index(rows, *extra):
    return {(r.country, r.period, *(getattr(r, f) for f in extra)): r for r in rows}


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def wide_sheet(path: Path) -> dict[str, dict[str, object]]:
    """{country as printed: {year: cell}} read with openpyxl, independently of the adapter."""
    sheet = openpyxl.load_workbook(path).active
    header, *body = list(sheet.iter_rows(values_only=True))
    return {row[0]: {str(y): v for y, v in zip(header[1:], row[1:]) if isinstance(y, int)} for row in body if row[0]}


# --- OWID / IHME GBD ---------------------------------------------------------------------------------

def test_gbd_drug_death_rate_every_year_for_28_countries(resolver):
    path = RAW / "ihme-gbd-owid" / "death-rates-from-drug-use-disorders.csv"
    rows, adapter = load("owid", path, resolver, indicator="gbd_drug_deaths_rate_as")
    column = "Deaths - Drug use disorders - Sex: Both - Age: Age-standardized (Rate)"
    expected = {(r["Code"], r["Year"]): float(r[column]) for r in csv_rows(path) if r["Code"] in PLATFORM}
    assert {(r.country, r.period): r.value for r in rows} == expected
    assert len(rows) == 28 * 30 and {r.country for r in rows} == PLATFORM - {"XKX"}
    assert all(r.flags == {"estimate"} for r in rows)
    assert adapter.skipped_entities["World"] == 30 and adapter.skipped_entities["Austria"] == 30
    assert len(adapter.skipped) == len(csv_rows(path)) - len(rows)


def test_gbd_all_drug_use_disorder_deaths_column(resolver):
    path = RAW / "ihme-gbd-owid" / "deaths-substance-disorders.csv"
    column = "Deaths - Drug use disorders - Sex: Both - Age: All Ages (Number)"
    rows, _ = load("owid", path, resolver, indicator="gbd_drug_deaths", column=column)
    ukr = next(r for r in csv_rows(path) if r["Code"] == "UKR" and r["Year"] == "2019")
    assert index(rows)[("UKR", "2019")].value == float(ukr[column])
    assert float(ukr[column]) != float(ukr["Deaths - Alcohol use disorders - Sex: Both - Age: All Ages (Number)"])


def test_gbd_hiv_new_infections_reads_incidence_not_prevalence(resolver):
    path = RAW / "ihme-gbd-owid-hiv" / "deaths-and-new-cases-of-hiv.csv"
    rows, _ = load("owid", path, resolver, indicator="gbd_hiv_new_infections",
                   column="Incidence - HIV/AIDS - Sex: Both - Age: All Ages (Number)")
    rus = next(r for r in csv_rows(path) if r["Code"] == "RUS" and r["Year"] == "2019")
    value = index(rows)[("RUS", "2019")].value
    assert value == float(rus["Incidence - HIV/AIDS - Sex: Both - Age: All Ages (Number)"])
    assert value != float(rus["Prevalence - HIV/AIDS - Sex: Both - Age: All Ages (Number)"])
    assert len(rows) == 28 * 30


def test_gbd_hiv_death_rate(resolver):
    path = RAW / "ihme-gbd-owid-hiv" / "hiv-death-rates.csv"
    rows, _ = load("owid", path, resolver, indicator="gbd_hiv_deaths_rate_as")
    ukr = next(r for r in csv_rows(path) if r["Code"] == "UKR" and r["Year"] == "2010")
    column = "Deaths - HIV/AIDS - Sex: Both - Age: Age-standardized (Rate)"
    assert index(rows)[("UKR", "2010")].value == float(ukr[column])
    assert len(rows) == 28 * 30


def test_world_prison_brief_resolves_countries_by_name(resolver):
    rows, adapter = load("owid", WPB, resolver, indicator="prison_rate_wpb", flags=["edition_year"])
    column = "Prison population rate (World Prison Brief 2018)"
    by_name = {r["Entity"].strip(): float(r[column]) for r in csv_rows(WPB)}
    got = {r.country: r.value for r in rows}
    assert set(got) == PLATFORM
    assert got["RUS"] == by_name["Russia"] and got["MKD"] == by_name["Macedonia"]
    assert got["XKX"] == by_name["Kosovo"] and got["BIH"] == by_name["Bosnia and Herzegovina"]
    assert "Bosnia and Herzegovina: Republika Srpska" in {e.strip() for e in adapter.skipped_entities}
    assert all(r.period == "2018" and r.flags == {"edition_year"} for r in rows)


# --- World Bank --------------------------------------------------------------------------------------

def test_world_bank_population_1960_2024_for_all_29(resolver):
    path = RAW / "worldbank-population" / "population.csv"
    rows, adapter = load("worldbank", path, resolver)
    assert len(rows) == 29 * 65 and {r.country for r in rows} == PLATFORM
    line = next(r for r in csv_rows(path) if r["Country Code"] == "XKX" and r["Year"] == "2020")
    assert index(rows)[("XKX", "2020")].value == float(line["Value"])
    assert {r.indicator for r in rows} == {"population"}
    assert adapter.skipped_entities["Europe & Central Asia"] == 65


# --- EMCDDA ------------------------------------------------------------------------------------------

def test_emcdda_male_deaths_strip_the_footnote_star(resolver):
    path = EMCDDA / "drugDeaths" / "maleDeaths.xlsx"
    rows, adapter = load("emcdda", path, resolver, indicator="drug_induced_deaths", sex="male")
    sheet = wide_sheet(path)
    assert {r.country for r in rows} == EU_CEECA
    bgr = index(rows)[("BGR", "2017")]
    assert bgr.value == sheet["Bulgaria *"]["2017"] and bgr.sex == "male"
    assert "*" in bgr.note and "footnote" in bgr.note
    assert index(rows)[("CZE", "2017")].value == sheet["Czechia"]["2017"] == 30
    assert ("CZE", "2014") not in index(rows)  # blank cell: no data, no row
    assert {"Austria", "Turkey", "United Kingdom"} <= set(adapter.skipped_entities)


def test_emcdda_total_deaths_are_male_plus_female_where_both_exist(resolver):
    folder = EMCDDA / "drugDeaths"
    rows, _ = load("emcdda", folder / "maleDeaths.xlsx", resolver, indicator="drug_induced_deaths",
                   parts={"male": "maleDeaths.xlsx", "female": "femaleDeaths.xlsx"})
    male, female = wide_sheet(folder / "maleDeaths.xlsx"), wide_sheet(folder / "femaleDeaths.xlsx")
    expected = {}
    for name, years in male.items():
        iso3 = resolver.resolve(name)
        if iso3 is None:
            continue
        for year, m in years.items():
            f = female[name][year]
            if isinstance(m, int) and isinstance(f, int):
                expected[(iso3, year)] = m + f
    assert {(r.country, r.period): r.value for r in rows} == expected
    cze = index(rows)[("CZE", "2017")]
    assert (cze.value, cze.sex) == (42, "") and cze.note == "Sum of male (30) + female (12)."
    # Bulgaria 1996: a male figure but no female one, so no total.
    assert isinstance(male["Bulgaria *"]["1996"], int) and female["Bulgaria *"]["1996"] in ("", None)
    assert ("BGR", "1996") not in expected


def test_emcdda_age_band_rows_carry_the_age_group(resolver):
    path = EMCDDA / "drugDeaths" / "deaths65-inf.xlsx"
    rows, _ = load("emcdda", path, resolver, indicator="drug_induced_deaths", age_group="65+")
    assert {r.age_group for r in rows} == {"65+"} and {r.country for r in rows} == EU_CEECA


def test_drug_law_offences_sum_needs_heroin_cannabis_cocaine_and_adds_ecstasy_when_reported(resolver):
    folder = EMCDDA / "drugOffenses"
    parts = {d: f"{d}Users.xlsx" for d in ("heroin", "cannabis", "cocaine", "ecstasy")}
    rows, _ = load("emcdda", folder / "heroinUsers.xlsx", resolver, indicator="dlo_use_possession",
                   parts=parts, optional_parts=["ecstasy"])
    sheets = {d: wide_sheet(folder / f) for d, f in parts.items()}
    for row in rows:
        name = next(n for n in sheets["heroin"] if resolver.resolve(n) == row.country)
        cells = {d: sheets[d][name][row.period] for d in parts}
        present = {d: v for d, v in cells.items() if isinstance(v, int)}
        assert {"heroin", "cannabis", "cocaine"} <= set(present)
        assert row.value == sum(present.values())
        assert ("ecstasy: no data, not included" in row.note) == ("ecstasy" not in present)
    bgr = index(rows)[("BGR", "2014")]
    assert bgr.value == 507 + 3465 + 106
    assert bgr.note == "Sum of heroin (507) + cannabis (3465) + cocaine (106); ecstasy: no data, not included."
    assert not any(r.country == "EST" for r in rows)  # Estonia reports no per-drug offences


def test_methadone_clients(resolver):
    path = EMCDDA / "socialResponses" / "methadoneClients.xlsx"
    rows, _ = load("emcdda", path, resolver, indicator="ost_clients_methadone")
    assert index(rows)[("CZE", "2017")].value == wide_sheet(path)["Czechia"]["2017"] == 743
    assert {r.country for r in rows} == EU_CEECA
    assert min(r.period for r in rows) == "1993"


# --- UNODC -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def unodc_frame():
    frame = pd.read_excel(UNODC, header=2)
    return frame[frame["Iso3_code"].isin(PLATFORM)]


def test_unodc_persons_held_total_for_all_29(resolver, unodc_frame):
    rows, _ = load("unodc", UNODC, resolver, indicator="prisoners_total", dimension="Total", category="Total")
    f = unodc_frame
    expected = f[(f.Indicator == "Persons held") & (f.Dimension == "Total") & (f.Category == "Total")
                 & (f.Sex == "Total") & (f.Age == "Total") & (f["Unit of measurement"] == "Counts")]
    assert len(rows) == len(expected) == 492
    assert {r.country for r in rows} == PLATFORM
    rus = expected[(expected.Iso3_code == "RUS") & (expected.Year == 2019)].iloc[0]
    row = index(rows)[("RUS", "2019")]
    assert row.value == rus.VALUE and row.note == f"UNODC source field: {rus.Source}."
    assert {r.sex for r in rows} == {""}


def test_unodc_persons_held_by_sex(resolver):
    rows, _ = load("unodc", UNODC, resolver, indicator="prisoners_total", dimension="Total", category="Total",
                   sex="all")
    by = index(rows, "sex")
    assert {r.sex for r in rows} == {"", "male", "female"}
    assert by[("UKR", "2017", "male")].value + by[("UKR", "2017", "female")].value == pytest.approx(
        by[("UKR", "2017", "")].value, rel=0.01)


def test_unodc_drug_offence_prisoners_use_iccs_section_06(resolver, unodc_frame):
    category = "Acts involving controlled psycho-active substances"
    rows, _ = load("unodc", UNODC, resolver, indicator="prisoners_drug_offences",
                   dimension="by type of criminal acts", category=category)
    f = unodc_frame
    expected = f[(f.Indicator == "Persons held") & (f.Category == category) & (f.Sex == "Total")
                 & (f["Unit of measurement"] == "Counts")]
    assert {(r.country, int(r.period)): r.value for r in rows} == {
        (row.Iso3_code, row.Year): row.VALUE for row in expected.itertuples()}
    assert not {r.country for r in rows} & {"KAZ", "KGZ", "TJK", "TKM", "UKR", "UZB"}
    assert len({r.country for r in rows}) == 21


def test_unodc_category_spellings_are_merged(resolver, unodc_frame):
    # The portal writes "Drug possession" for persons held and "Drug Possession" for persons
    # entering prison; one spelling (any case) selects both.
    f = unodc_frame
    spellings = f[(f.Category.str.casefold() == "drug possession") & (f.Sex == "Total") & (f.Age == "Total")
                  & (f["Unit of measurement"] == "Counts")]
    assert set(spellings.Category) == {"Drug possession", "Drug Possession"}
    for indicator in ("Persons held", "Persons entering prison"):
        expected = spellings[spellings.Indicator == indicator]
        rows, _ = load("unodc", UNODC, resolver, indicator="prisoners_drug_possession",
                       unodc_indicator=indicator, category="DRUG POSSESSION")
        assert len(rows) == len(expected) > 0


# --- UNAIDS ------------------------------------------------------------------------------------------

def test_unaids_area_ids_map_to_countries(resolver):
    gam = area_countries(GAM / "ddf--entities--area.csv", resolver=resolver)
    assert {gam["114"], gam["223"], gam["122"], gam["224"], gam["215"], gam["222"], gam["219"], gam["103"]} == {
        "RUS", "UKR", "MDA", "MKD", "TJK", "UZB", "TKM", "CZE"}
    assert (gam["114"], gam["224"], gam["103"]) == ("RUS", "MKD", "CZE")
    assert set(gam.values()) == PLATFORM - {"XKX"}
    old = area_countries(AIDSINFO / "ddf--entities--area.csv", resolver=resolver)
    assert old["rus"] == "RUS" and old["mkd"] == "MKD" and "nga001" not in old
    assert set(old.values()) == PLATFORM - {"XKX"}


@pytest.mark.parametrize(
    ("folder", "concept", "indicator", "count", "countries"),
    [
        (GAM, "hiv_prevalence_among_people_who_inject_drugs_total", "hiv_prevalence_pwid", 97, 26),
        (GAM, "coverage_of_opioid_substitution_therapy_total", "ost_coverage", 64, 23),
        (GAM, "needles_and_syringes_distributed_per_person_who_inject_drugs_total", "syringes_per_pwid", 138, 25),
        (GAM, "people_who_inject_drugs_population_size_estimate_estimate", "pwid_size", 45, 21),
        (AIDSINFO, "people_who_inject_drugs_hiv_prevalence_total", "hiv_prevalence_pwid", 108, 26),
        (AIDSINFO, "people_who_inject_drugs_number_of_needles_per_idu_total", "syringes_per_pwid", 74, 24),
        (AIDSINFO, "new_hiv_infections_among_injecting_drug_users_per_1_million_population_survey",
         "hiv_new_diagnoses_idu_per_million", 364, 27),
    ],
)
def test_unaids_datapoints(resolver, folder, concept, indicator, count, countries):
    path = folder / f"ddf--datapoints--{concept}--by--area--year.csv"
    rows, _ = load("unaids", path, resolver)
    assert {r.indicator for r in rows} == {indicator}
    assert len(rows) == count and len({r.country for r in rows}) == countries
    areas = area_countries(folder / "ddf--entities--area.csv", resolver=resolver)
    expected = {(areas[r["area"]], r["year"]): float(r[concept]) for r in csv_rows(path) if r["area"] in areas}
    assert {(r.country, r.period): r.value for r in rows} == expected


def test_unaids_russia_hiv_prevalence_among_pwid_read_from_id_114(resolver):
    path = GAM / "ddf--datapoints--hiv_prevalence_among_people_who_inject_drugs_total--by--area--year.csv"
    rows, _ = load("unaids", path, resolver)
    lines = {r["year"]: float(r["hiv_prevalence_among_people_who_inject_drugs_total"])
             for r in csv_rows(path) if r["area"] == "114"}
    assert lines and {r.period: r.value for r in rows if r.country == "RUS"} == lines


def test_unaids_yes_no_laws_become_categories(resolver):
    concept = "b_iii_2_1_has_laws_that_present_obstacles_to_people_who_inject_drugs_reported"
    path = AIDSINFO / f"ddf--datapoints--{concept}--by--area--year.csv"
    rows, _ = load("unaids", path, resolver)
    assert len(rows) == 43 and {r.category for r in rows} == {"yes", "no"}
    assert all(r.value is None for r in rows)
    raw = {(r["area"].upper(), r["year"]): r[concept] for r in csv_rows(path)}
    assert all({"1.0": "yes", "0.0": "no"}[raw[(r.country, r.period)]] == r.category for r in rows)


def test_unaids_estimates_are_flagged(resolver):
    path = AIDSINFO / "ddf--datapoints--aids_related_deaths_all_ages_estimate--by--area--year.csv"
    rows, _ = load("unaids", path, resolver)
    assert len({r.country for r in rows}) == 11 and all(r.flags == {"estimate"} for r in rows)


# --- format detection --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("path", "name"),
    [
        (RAW / "ihme-gbd-owid" / "deaths-drug-overdoses.csv", "owid"),
        (WPB, "owid"),
        (RAW / "worldbank-population" / "population.csv", "worldbank"),
        (EMCDDA / "drugDeaths" / "femaleDeaths.xlsx", "emcdda"),
        (UNODC, "unodc"),
        (GAM / "ddf--datapoints--coverage_of_opioid_substitution_therapy_total--by--area--year.csv", "unaids"),
    ],
)
def test_detect_recognises_each_shipped_format(path, name):
    assert detect(path).name == name


def test_list_options_may_be_given_as_strings_as_on_the_command_line(resolver):
    rows, _ = load("owid", WPB, resolver, indicator="prison_rate_wpb", flags="edition_year")
    assert all(r.flags == {"edition_year"} for r in rows)
    folder = EMCDDA / "drugOffenses"
    parts = {d: f"{d}Users.xlsx" for d in ("heroin", "cannabis", "cocaine", "ecstasy")}
    rows, _ = load("emcdda", folder / "heroinUsers.xlsx", resolver, indicator="dlo_use_possession", parts=parts,
                   optional_parts="ecstasy")
    assert len(rows) == 90
