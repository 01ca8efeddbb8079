"""Files that cannot be read at all give one ImportFormatError naming the file and what to do."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from observatory.indicators.importers import ADAPTERS, detect, get_adapter
from observatory.indicators.importers.base import ImportFormatError
from observatory.indicators.importers.countries import resolver_from_yaml

REPO = Path(__file__).resolve().parents[3]
RAW = REPO / "data" / "raw"
# The first bytes of a PNG image: enough for any reader to know it is not a table.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
OPTIONS = {
    "tidy": {"source": "s"},
    "owid": {"source": "s", "indicator": "x"},
    "worldbank": {"source": "s"},
    "emcdda": {"source": "s", "indicator": "x"},
    "unodc": {"source": "s", "indicator": "x"},
    "unaids": {"source": "s", "indicator": "x"},
}


@pytest.fixture(scope="module")
def resolver():
    return resolver_from_yaml(REPO / "data" / "countries" / "countries.yaml")


def fail(adapter: str, path: Path, resolver, **options) -> str:
    with pytest.raises(ImportFormatError) as info:
        list(get_adapter(adapter).rows(path, resolver=resolver, **{**OPTIONS[adapter], **options}))
    message = str(info.value)
    assert path.name in message, message
    assert "\n" not in message
    return message


@pytest.mark.parametrize("adapter", list(OPTIONS))
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_empty_file(tmp_path, resolver, adapter, suffix):
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    assert "is empty" in fail(adapter, path, resolver)


@pytest.mark.parametrize("adapter", list(OPTIONS))
def test_a_png_renamed_csv_or_xlsx(tmp_path, resolver, adapter):
    for name in ("picture.csv", "picture.xlsx"):
        path = tmp_path / name
        path.write_bytes(PNG)
        message = fail(adapter, path, resolver)
        assert "PNG image" in message and ("CSV" in message or "xlsx" in message)


def test_a_csv_renamed_xlsx_for_an_excel_format(tmp_path, resolver):
    path = tmp_path / "table.xlsx"
    path.write_text("Country,2017\nCzechia,1\n", encoding="utf-8")
    assert "is not an Excel .xlsx workbook: it is a text file" in fail("emcdda", path, resolver)


def test_a_missing_file(tmp_path, resolver):
    assert "file not found" in fail("owid", tmp_path / "nowhere.csv", resolver)


def test_an_xlsx_without_the_named_sheet(tmp_path, resolver):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Sheet1"
    workbook.active.append(["indicator", "country", "period", "value"])
    path = tmp_path / "upload.xlsx"
    workbook.save(path)
    message = fail("tidy", path, resolver, sheet="observations")
    assert "no sheet named 'observations'" in message and "'Sheet1'" in message


def test_an_xlsx_whose_first_sheet_is_another_table(tmp_path, resolver):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    workbook.active.append(["Read me first"])
    data = workbook.create_sheet("DRD-31")
    data.append(["Country", 2017])
    data.append(["Czechia", 30])
    path = tmp_path / "deaths.xlsx"
    workbook.save(path)
    assert "does not look like an EMCDDA Statistical Bulletin table" in fail("emcdda", path, resolver)
    rows = list(get_adapter("emcdda").rows(path, resolver=resolver, sheet="DRD-31", source="s", indicator="x"))
    assert [(r.country, r.period, r.value) for r in rows] == [("CZE", "2017", 30)]


def test_an_emcdda_table_with_another_layout(resolver):
    path = RAW / "emcdda-statbulletin" / "socialResponses" / "opioidSubstitutionTreatment.xlsx"
    assert "'Country' followed by years" in fail("emcdda", path, resolver)


def test_missing_columns(tmp_path, resolver):
    path = tmp_path / "grapher.csv"
    path.write_text("Country,Year,Deaths\nUkraine,2019,1\n", encoding="utf-8")
    assert "is not an Our World in Data grapher CSV" in fail("owid", path, resolver)
    path.write_text("Country Name,Country Code,Value\nUkraine,UKR,1\n", encoding="utf-8")
    assert "lacks the column(s) Year" in fail("worldbank", path, resolver)
    path.write_text("year,country,value\n2019,ukr,1\n", encoding="utf-8")
    assert "is not a UNAIDS DDF datapoints file" in fail("unaids", path, resolver)


def test_an_owid_file_with_several_value_columns_needs_the_column_option(resolver):
    path = RAW / "ihme-gbd-owid" / "deaths-drug-overdoses.csv"
    message = fail("owid", path, resolver)
    assert "several value columns" in message and "Deaths - Opioid use disorders" in message
    assert "has no column 'Deaths'" in fail("owid", path, resolver, column="Deaths")


def test_a_unaids_file_without_its_entities_file(tmp_path, resolver):
    name = "ddf--datapoints--coverage_of_opioid_substitution_therapy_total--by--area--year.csv"
    shutil.copy(RAW / "unaids-aidsinfo" / "gam-2019" / name, tmp_path / name)
    assert "ddf--entities--area.csv must sit next to it" in fail("unaids", tmp_path / name, resolver)


def test_a_unodc_style_workbook_without_the_header(tmp_path, resolver):
    workbook = openpyxl.Workbook()
    workbook.active.append(["UNODC"])
    workbook.active.append(["Country", "Value"])
    path = tmp_path / "portal.xlsx"
    workbook.save(path)
    assert "no header row with 'Iso3_code' and 'VALUE'" in fail("unodc", path, resolver)


def test_required_options_are_named(resolver):
    path = RAW / "ihme-gbd-owid" / "death-rates-from-drug-use-disorders.csv"
    with pytest.raises(ImportFormatError, match="needs the option"):
        get_adapter("owid").rows(path, resolver=resolver, source="s")


def test_detect_names_the_formats_when_nothing_fits(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(ImportFormatError) as info:
        detect(path)
    assert "notes.csv" in str(info.value) and all(name in str(info.value) for name in ADAPTERS)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(ImportFormatError, match="is empty"):
        detect(empty)
    png = tmp_path / "png.csv"
    png.write_bytes(PNG)
    with pytest.raises(ImportFormatError, match="cannot be recognised"):
        detect(png)


def test_an_unknown_format_name():
    with pytest.raises(ImportFormatError, match="unknown format 'gbd'"):
        get_adapter("gbd")
