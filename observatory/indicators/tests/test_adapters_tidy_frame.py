"""The tidy adapter's bulk reader gives exactly what its row-by-row reader gives: rows, values, lines, errors.

The files are synthetic test inputs, not data. They mix every value form, bad
cells of each kind, duplicates, blank and short lines, quotes and line breaks
inside cells, so that both the C-parser path (no quotes) and the csv-module path
are compared with ``rows()``.
"""

from __future__ import annotations

import csv
import io
import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from observatory.indicators.importers.base import ImportFormatError, Row, RowError
from observatory.indicators.importers.countries import resolver_from_yaml
from observatory.indicators.importers.tidy import TidyAdapter

REPO = Path(__file__).resolve().parents[3]

# For each column, cells the format accepts, then cells it rejects (drawn less often).
CELLS = {
    "indicator": (["pwid_size", "hiv_prevalence_pwid", "PWID_size", " ost_coverage "], ["Hiv prevalence", ""]),
    "country": (["UKR", "Ukraine", "ukr", "Грузия", "Kyrgyz Republic", "Czechia*"], ["Ukrane", "Atlantis", ""]),
    "period": (["2017", "2018", "2017-03", "2017-3", " 2019 "], ["17", "2017-13", "1850", "2017/03", ""]),
    "value": (["12", "12.5", "-3", "0.25", "1e5", "1E-3", "007", "-0", "346,900", "5 132", "12,5", "<1", "≤ 5",
               "~90", "c. 90", "5132-6182", "12%", "yes", "Нет", "administrative", " 12 ", "٣"],
              ["1e999", "20-10", "", "n/a", "-", "12abc", ".5", "5.", "+5", "1_000", "inf", "nan", "1.2.3", "5-"]),
    "sex": (["", "male", "F", "Total", "женщины"], ["unknown"]),
    "age_group": (["", "15-24", " 25+ "], []),
    "lower": (["", "", "", "10", "1"], ["x", "<5"]),
    "upper": (["", "", "", "20", "15"], ["1e999"]),
    "flags": (["", "estimate", "provisional; break", "Estimate,estimate", "uncertain;edition_year"], ["estimat"]),
    "note": (["", "a note", "note, with a comma", 'a "quoted" note', "two\nlines"], []),
    "source": (["", "s1", "s_2.v3"], ["bad source"]),
    "remarks": (["", "anything", "x"], []),
}
REQUIRED = ["indicator", "country", "period", "value"]
OPTIONAL = ["sex", "age_group", "lower", "upper", "flags", "note", "source", "remarks"]


@pytest.fixture(scope="module")
def resolver():
    return resolver_from_yaml(REPO / "data" / "countries" / "countries.yaml")


def frame_rows(frame) -> list[Row]:
    """The frame's rows as the Row objects rows() yields."""
    out = []
    for record in frame.to_dict("records"):
        for name in ("value", "lower", "upper"):
            if isinstance(record[name], float) and math.isnan(record[name]):
                record[name] = None
        record["flags"] = frozenset(record["flags"].split(";")) if record["flags"] else frozenset()
        record["line"] = int(record["line"])
        out.append(Row(**record))
    return out


def both(path: Path, resolver, **options):
    """(rows, errors) from rows() and from frame(), or the format error each raised."""
    try:
        items = list(TidyAdapter().rows(path, resolver=resolver, **options))
        by_rows = ([i for i in items if isinstance(i, Row)], [i for i in items if isinstance(i, RowError)])
    except ImportFormatError as error:
        by_rows = str(error)
    try:
        table = TidyAdapter().frame(path, resolver=resolver, **options)
    except ImportFormatError as error:
        by_frame = str(error)
    else:
        if table is None:  # a file the bulk reader leaves to rows()
            return by_rows, by_rows
        by_frame = (frame_rows(table[0]), table[1])
    return by_rows, by_frame


@st.composite
def tidy_files(draw):
    columns = REQUIRED + draw(st.lists(st.sampled_from(OPTIONAL), unique=True, max_size=len(OPTIONAL)))
    columns = draw(st.permutations(columns))

    def cell(column: str) -> str:
        good, bad = CELLS[column]
        return draw(st.sampled_from(bad if bad and draw(st.integers(0, 19)) == 0 else good))

    lines = []
    for _ in range(draw(st.integers(min_value=0, max_value=25))):
        shape = draw(st.sampled_from(["row"] * 8 + ["repeat", "blank", "short", "long"]))
        if shape == "blank":
            lines.append([""] * draw(st.sampled_from([0, len(columns)])))
        elif shape == "repeat" and lines:
            lines.append(list(draw(st.sampled_from(lines))))
        else:
            cells = [cell(c) for c in columns]
            if shape == "short":
                cells = cells[: draw(st.integers(min_value=1, max_value=len(cells)))]
            elif shape == "long":
                cells.append("extra")
            lines.append(cells)
    delimiter = draw(st.sampled_from([",", ";"]))
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    handle = io.StringIO()
    csv.writer(handle, delimiter=delimiter, lineterminator=ending).writerows([columns, *lines])
    return handle.getvalue(), draw(st.sampled_from(["", "s_default", "s_default", "s_default"]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tidy_files())
def test_the_bulk_reader_matches_the_row_reader(resolver, case):
    text, source = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "upload.csv"
        path.write_text(text, encoding="utf-8", newline="")
        by_rows, by_frame = both(path, resolver, source=source)
    assert by_frame == by_rows


HEADER = "indicator,country,period,value,sex,age_group,lower,upper,flags,note,source\n"


@pytest.mark.parametrize("text", [
    # quote-free: the C parser reads it
    HEADER + "pwid_size,UKR,2016,1000,,,,,,,s\n\npwid_size,Ukraine,2016,1200,,,,,,,s\nx y,Ukrane,17,12abc,,,,,,,s\n",
    # a quoted cell across two lines: later line numbers move on by one
    HEADER + 'pwid_size,UKR,2016,1000,,,,,,"two\nlines",s\npwid_size,Ukrane,2017,1,,,,,,,s\n',
    # short and long lines, CRLF endings
    HEADER.replace("\n", "\r\n") + "pwid_size,UKR,2016,1000\r\npwid_size,GEO,2016,5,,,,,,,s,extra\r\n,,,,,,,,,,,\r\n",
    # bounds, ranges and inequalities go through the row checks
    HEADER + "ost_coverage,MDA,2018,12.5,,,10,15,,,s\nost_coverage,MDA,2019,5-9,,,1,20,,,s\n"
             "ost_coverage,MDA,2020,,,,10,,,,s\nost_coverage,MDA,2021,~90,,,,,,,s\n",
    # an unclosed quote: both readers give the same format error
    HEADER + 'pwid_size,UKR,2016,1000,,,,,,"never closed,s\n',
    # the same misspelt country on many lines gets the same suggestions each time
    HEADER + "".join(f"pwid_size,Kazakstan,{2000 + i},1,,,,,,,s\n" for i in range(20)),
], ids=["plain", "quoted-newline", "short-long-crlf", "bounds", "unclosed-quote", "repeated-misspelling"])
def test_examples_read_the_same_both_ways(tmp_path, resolver, text):
    path = tmp_path / "upload.csv"
    path.write_text(text, encoding="utf-8", newline="")
    by_rows, by_frame = both(path, resolver, source="s")
    assert by_frame == by_rows
    if isinstance(by_rows, tuple):
        assert by_rows[0] or by_rows[1]


def test_a_windows_1251_semicolon_file(tmp_path, resolver):
    path = tmp_path / "upload.csv"
    path.write_text("indicator;country;period;value;note\nost_coverage;Молдова;2018;12,5;заметка\n"
                    "ost_coverage;Молдова;2019;7;\n", encoding="cp1251")
    by_rows, by_frame = both(path, resolver, source="s")
    assert by_frame == by_rows and len(by_rows[0]) == 2


def test_xlsx_is_left_to_the_row_reader(tmp_path, resolver):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["indicator", "country", "period", "value", "source"])
    workbook.active.append(["pwid_size", "KAZ", 2015, 120500, "s"])
    path = tmp_path / "upload.xlsx"
    workbook.save(path)
    assert TidyAdapter().frame(path, resolver=resolver) is None


def test_plain_numbers_keep_the_printed_text_and_exact_value(tmp_path, resolver):
    values = ["0.1", "123456789.123456789", "-0", "1e-7", "2.5E+3", "007", "99999999999999999999"]
    text = "indicator,country,period,value,source\n" + "".join(
        f"pwid_size,UKR,{2000 + i},{v},s\n" for i, v in enumerate(values))
    path = tmp_path / "upload.csv"
    path.write_text(text, encoding="utf-8")
    frame, errors = TidyAdapter().frame(path, resolver=resolver)
    assert errors == []
    assert list(frame["value_text"]) == values
    assert [math.copysign(1, v) * abs(v) for v in frame["value"]] == [float(v) for v in values]
    assert math.copysign(1, frame["value"].iloc[2]) == -1.0  # "-0" stays negative zero, as parse_value reads it
