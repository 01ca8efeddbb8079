"""Properties of the curated value-cell parser and the note-flag rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from observatory.indicators.importers.curated_rules import note_flags
from observatory.indicators.importers.curated_values import (
    CATEGORY,
    LEGAL_STATUSES,
    POINT_WITH_INTERVAL,
    RANGE,
    TEXT,
    TWO_ESTIMATES,
    ValueParseError,
    parse_cell,
)

# Non-negative numbers printed as the curated files print them: no separators, "." decimals.
numbers = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False).map(lambda d: format(d.normalize(), "f"))
remarks = st.text(st.characters(blacklist_characters="()", blacklist_categories=("Cs",)), max_size=40)


@given(numbers, numbers)
def test_a_range_has_bounds_and_never_a_point(a, b):
    low, high = sorted((a, b), key=float)
    parsed = parse_cell(f"{low}-{high}")
    assert parsed.form == RANGE
    assert (parsed.value, parsed.lower, parsed.upper) == (None, float(low), float(high))
    assert parsed.text == f"{low}-{high}"


@given(numbers, numbers)
def test_a_range_printed_high_low_is_refused(a, b):
    if float(a) == float(b):
        return
    low, high = sorted((a, b), key=float)
    with pytest.raises(ValueParseError):
        parse_cell(f"{high}-{low}")


@given(st.sampled_from(["<", ">", "~"]), numbers)
def test_a_qualifier_is_kept_with_its_number(mark, number):
    parsed = parse_cell(f"{mark}{number}")
    assert parsed.qualifier == mark and parsed.value == float(number)
    assert parsed.lower is None and parsed.upper is None


@given(numbers, numbers, numbers)
def test_a_point_with_its_interval(a, b, c):
    low, point, high = sorted((a, b, c), key=float)
    parsed = parse_cell(f"{point} ({low}-{high})")
    assert parsed.form == POINT_WITH_INTERVAL
    assert (parsed.value, parsed.lower, parsed.upper) == (float(point), float(low), float(high))


@given(numbers, numbers)
def test_two_estimates_are_a_span(a, b):
    parsed = parse_cell(f"{a} and {b}")
    assert parsed.form == TWO_ESTIMATES and parsed.value is None
    assert (parsed.lower, parsed.upper) == tuple(sorted((float(a), float(b))))


@given(st.sampled_from(["yes", "no", "Yes", "NO"]), st.one_of(st.just(""), remarks.map(lambda r: f" ({r})")))
def test_yes_no_with_or_without_a_remark_is_a_category(word, remark):
    parsed = parse_cell(word + remark)
    assert parsed.form == CATEGORY and parsed.category == word.lower()
    assert parsed.value is None


@given(st.sampled_from(LEGAL_STATUSES), remarks)
def test_a_legal_word_is_a_category_only_as_the_whole_cell(word, remark):
    assert parse_cell(word).category == word
    qualified = parse_cell(f"{word} ({remark})")
    assert qualified.form == TEXT and qualified.category == "text"
    assert qualified.text == " ".join(f"{word} ({remark})".split())


@given(st.text(min_size=1, max_size=80))
def test_any_cell_is_read_or_refused_with_a_reason_and_never_gains_a_number_from_words(cell):
    try:
        parsed = parse_cell(cell)
    except ValueParseError as exc:
        assert str(exc)
        return
    assert parsed.text == " ".join(cell.split())
    if parsed.form in (TEXT, CATEGORY):
        assert parsed.value is None and parsed.lower is None and parsed.upper is None and parsed.category


@pytest.mark.parametrize("cell", ["", "  ", "nk", "n/a", "5-", "1.2.3"])
def test_empty_missing_and_malformed_cells_are_refused(cell):
    with pytest.raises(ValueParseError):
        parse_cell(cell)


def test_free_text_outside_the_vocabularies_stays_text():
    parsed = parse_cell("administrative (small amounts); criminal (significant amount and above)")
    assert (parsed.form, parsed.category) == (TEXT, "text")
    assert parse_cell("M,B,BN").category == "text"
    assert parse_cell("2 g MDMA = 'particularly large quantity'").category == "text"
    assert parse_cell("high (>200 syringes per PWID per year)").category == "high"


@pytest.mark.parametrize(
    ("note", "flags"),
    [
        ("printed: 0.5[2]; year = edition year (table gives no data year)", {"edition_year"}),
        ("cell gives no date; year = publication year 2024 (the table reports ...)", {"edition_year"}),
        ("printed: 22%; year = presentation year (data year not stated)", {"edition_year"}),
        ("year of costing not stated (page-year used)", {"edition_year"}),
        ("the country label of this row was lost ... assigned by its position ... - verify against the PDF",
         {"uncertain"}),
        ("reference numbers are run together with the values in the stored text (e.g. '10,0004')", {"uncertain"}),
        ("cell shows only the reference [17]; the availability symbol was not rendered in the stored text",
         {"uncertain"}),
        ("stored excerpt cut inside the Ukraine cell ('around 27% of all cli...')", {"uncertain"}),
        ("printed: 32.7-62.1[4... (excerpt cut inside the reference bracket, value itself complete)", set()),
        ("printed: 36,900[9]; stored excerpt ends inside this row", set()),
        ("year taken from the client count date (December 2022) - cell itself undated", set()),
    ],
)
def test_note_flags(note, flags):
    assert note_flags(note) == flags
