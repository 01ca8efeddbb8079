"""The platform's own tidy import format (CSV and XLSX): good rows, bad rows, the template.

The observations written here are synthetic test inputs, not data.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from observatory.indicators.importers import detect
from observatory.indicators.importers.base import ImportFormatError, Row, RowError
from observatory.indicators.importers.countries import resolver_from_yaml
from observatory.indicators.importers.tidy import TidyAdapter

REPO = Path(__file__).resolve().parents[3]
HEADER = "indicator,country,period,value,sex,age_group,lower,upper,flags,note,source\n"


@pytest.fixture(scope="module")
def resolver():
    return resolver_from_yaml(REPO / "data" / "countries" / "countries.yaml")


def write(tmp_path: Path, text: str, name: str = "upload.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def read(path: Path, resolver, **options) -> tuple[list[Row], list[RowError]]:
    out = list(TidyAdapter().rows(path, resolver=resolver, **options))
    return [r for r in out if isinstance(r, Row)], [e for e in out if isinstance(e, RowError)]


def test_good_rows_with_every_value_form(tmp_path, resolver):
    path = write(tmp_path, HEADER + "\n".join([
        "hiv_prevalence_pwid,UKR,2017,22.6,,,,,,test row,test_source",
        "pwid_size,Ukraine,2017,\"346,900\",,,,,estimate,,test_source",
        "pwid_size,Russian Federation,2017,5132-6182,,,,,,,test_source",
        "hiv_prevalence_pwid,Kyrgyz Republic,2018,<1,,,,,,,test_source",
        "drug_induced_deaths,Czechia,2017-03,12,female,25-29,,,,,test_source",
        "nsp_available,Грузия,2016,Да,,,,,,,test_source",
        "ost_coverage,MDA,2018,\"12,5\",,,10,15,provisional; break,,test_source",
        "ost_coverage,kos,2018,~90,total,,,,,,test_source",
    ]) + "\n")
    rows, errors = read(path, resolver)
    assert errors == []
    by_line = {r.line: r for r in rows}
    assert by_line[2].country == "UKR" and by_line[2].value == 22.6 and by_line[2].note == "test row"
    assert by_line[3].value == 346900 and by_line[3].flags == {"estimate"}
    assert (by_line[4].country, by_line[4].value, by_line[4].lower, by_line[4].upper) == ("RUS", None, 5132, 6182)
    assert (by_line[5].country, by_line[5].qualifier, by_line[5].value) == ("KGZ", "<", 1)
    assert (by_line[6].period, by_line[6].sex, by_line[6].age_group) == ("2017-03", "female", "25-29")
    assert (by_line[7].country, by_line[7].category, by_line[7].value) == ("GEO", "yes", None)
    assert (by_line[8].value, by_line[8].lower, by_line[8].upper) == (12.5, 10, 15)
    assert by_line[8].flags == {"provisional", "break"}
    assert (by_line[9].country, by_line[9].qualifier, by_line[9].sex) == ("XKX", "~", "")
    assert {r.source for r in rows} == {"test_source"}


def test_misspelt_country_names_line_column_value_and_suggests(tmp_path, resolver):
    path = write(tmp_path, HEADER + "hiv_prevalence_pwid,Ukrane,2017,22.6,,,,,,,test_source\n")
    rows, errors = read(path, resolver)
    assert rows == []
    (error,) = errors
    assert (error.line, error.column, error.value) == (2, "country", "Ukrane")
    assert error.reason == "unknown country"  # the suggestion is in its own column
    assert error.suggestions[0] == "UKR"


@pytest.mark.parametrize(
    ("cells", "column", "reason"),
    [
        ("Hiv prevalence,UKR,2017,1", "indicator", "indicator code"),
        ("hiv_prevalence_pwid,,2017,1", "country", "country is empty"),
        ("hiv_prevalence_pwid,UKR,17,1", "period", "year (2017) or a year and month"),
        ("hiv_prevalence_pwid,UKR,2017-13,1", "period", "month must be between"),
        ("hiv_prevalence_pwid,UKR,1850,1", "period", "between 1900 and 2100"),
        ("hiv_prevalence_pwid,UKR,2017,12abc", "value", "is not a number"),
        ("hiv_prevalence_pwid,UKR,2017,", "value", "the value is empty"),
        ("hiv_prevalence_pwid,UKR,2017,20-10", "value", "lower bound above"),
        ("hiv_prevalence_pwid,UKR,2017,1,,,,,estimat", "flags", "unknown flag 'estimat'"),
        ("hiv_prevalence_pwid,UKR,2017,1,unknown", "sex", "male, female, or empty"),
        ("hiv_prevalence_pwid,UKR,2017,30,,,10,20", "value", "outside its lower and upper bounds"),
        ("hiv_prevalence_pwid,UKR,2017,5-9,,,1,20", "lower", "already a range"),
        ("hiv_prevalence_pwid,UKR,2017,,,,10,", "value", "give both lower and upper"),
        ("hiv_prevalence_pwid,UKR,2017,1,,,,,,,bad source", "source", "no spaces"),
    ],
)
def test_bad_rows_give_a_row_error_naming_line_column_value_and_reason(tmp_path, resolver, cells, column, reason):
    path = write(tmp_path, HEADER + "pwid_size,UKR,2016,1000,,,,,,,test_source\n" + cells + "\n")
    rows, errors = read(path, resolver, source="test_source")
    assert [r.line for r in rows] == [2]
    assert errors, "the bad row must be reported"
    error = next(e for e in errors if e.column == column)
    assert error.line == 3
    assert reason in error.reason
    assert error.value == cells.split(",")[["indicator", "country", "period", "value", "sex", "age_group", "lower",
                                            "upper", "flags", "note", "source"].index(column)]


def test_a_row_with_several_problems_reports_each(tmp_path, resolver):
    path = write(tmp_path, HEADER + "x y,Ukrane,17,12abc,,,,,,,test_source\n")
    _, errors = read(path, resolver)
    assert {e.column for e in errors} == {"indicator", "country", "period", "value"}
    assert {e.line for e in errors} == {2}


def test_duplicate_rows_are_reported_with_the_first_line(tmp_path, resolver):
    path = write(tmp_path, HEADER + "pwid_size,UKR,2016,1000,,,,,,,s\npwid_size,Ukraine,2016,1200,,,,,,,s\n")
    rows, errors = read(path, resolver)
    assert len(rows) == 1
    assert errors[0].line == 3 and "line 2" in errors[0].reason


def test_blank_rows_are_ignored_and_source_option_fills_empty_cells(tmp_path, resolver):
    path = write(tmp_path, "Indicator,Country,Period,Value\n\npwid_size,UKR,2016,1000\n,,,\n")
    rows, errors = read(path, resolver, source="given_source")
    assert errors == [] and [(r.line, r.source) for r in rows] == [(3, "given_source")]


def test_semicolon_windows_1251_csv_from_russian_excel(tmp_path, resolver):
    text = "indicator;country;period;value;note\nost_coverage;Молдова;2018;12,5;заметка\n"
    path = write(tmp_path, text, encoding="cp1251")
    rows, errors = read(path, resolver, source="s")
    assert errors == []
    assert (rows[0].country, rows[0].value, rows[0].note) == ("MDA", 12.5, "заметка")


def test_xlsx_upload_with_number_and_date_cells(tmp_path, resolver):
    import datetime as dt

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "observations"
    sheet.append(["indicator", "country", "period", "value", "source"])
    sheet.append(["pwid_size", "KAZ", 2015, 120500, "s"])
    sheet.append(["ost_coverage", "Kazakhstan", dt.datetime(2015, 6, 1), 2.5, "s"])
    sheet.append([None, None, None, None, None])
    sheet.append(["ost_coverage", "Kazakstan", 2016, "3", "s"])
    path = tmp_path / "upload.xlsx"
    workbook.save(path)
    rows, errors = read(path, resolver, sheet="observations")
    assert [(r.line, r.country, r.period, r.value) for r in rows] == [
        (2, "KAZ", "2015", 120500), (3, "KAZ", "2015-06", 2.5)]
    assert errors[0].line == 5 and errors[0].suggestions[0] == "KAZ"


def test_missing_required_columns_is_a_format_error(tmp_path, resolver):
    path = write(tmp_path, "indicator,country,year,value\npwid_size,UKR,2016,1\n")
    with pytest.raises(ImportFormatError) as info:
        read(path, resolver, source="s")
    message = str(info.value)
    assert "upload.csv" in message and "period" in message and "docs/import-format.md" in message


def test_a_misspelt_optional_column_is_a_format_error(tmp_path, resolver):
    path = write(tmp_path, "indicator,country,period,value,flag\npwid_size,UKR,2016,1,estimate\n")
    with pytest.raises(ImportFormatError, match="did you mean 'flags'"):
        read(path, resolver, source="s")


def test_no_source_anywhere_is_a_format_error(tmp_path, resolver):
    path = write(tmp_path, "indicator,country,period,value\npwid_size,UKR,2016,1\n")
    with pytest.raises(ImportFormatError, match="no source column"):
        read(path, resolver)


def test_the_shipped_template_is_detected_and_reads_without_errors(resolver):
    template = REPO / "data" / "templates" / "observations-template.csv"
    assert detect(template).name == "tidy"
    rows, errors = read(template, resolver)
    assert errors == [] and len(rows) == 2
    assert all("EXAMPLE" in r.note for r in rows)


@pytest.mark.parametrize("country, suggested", [("Ukriane", "UKR"), ("UKT", "UKR"), ("Atlantis", ""), ("Georgiya", "GEO")])
def test_an_unknown_country_gets_only_close_suggestions_once(tmp_path, resolver, country, suggested):
    path = write(tmp_path, HEADER + f"pwid_size,{country},2016,1000,,,,,,,test_source\n")
    _, errors = read(path, resolver, source="test_source")
    [error] = errors
    assert "did you mean" not in error.reason  # the suggestion has its own column, shown once
    assert str(error.suggestions or "").replace("(", "").replace(")", "").replace("'", "").strip(", ") == suggested
