"""The value-cell parser shared by the tidy and curated adapters: examples and properties."""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from observatory.indicators.importers.values import parse_number, parse_value

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)
cents = st.integers(min_value=0, max_value=10**12).map(lambda n: n / 100)


@pytest.mark.parametrize(
    ("text", "value", "lower", "upper", "qualifier", "category"),
    [
        ("42", 42, None, None, "", ""),
        ("5,132", 5132, None, None, "", ""),
        ("5 132", 5132, None, None, "", ""),
        ("5\u00a0132", 5132, None, None, "", ""),
        ("5\u202f132", 5132, None, None, "", ""),
        ("0,5", 0.5, None, None, "", ""),
        ("12,75", 12.75, None, None, "", ""),
        ("1.234,5", 1234.5, None, None, "", ""),
        ("1,234.5", 1234.5, None, None, "", ""),
        ("1,234,567", 1234567, None, None, "", ""),
        ("−5", -5, None, None, "", ""),
        ("–5", -5, None, None, "", ""),
        ("12%", 12, None, None, "", ""),
        ("1e-05", 0.00001, None, None, "", ""),
        ("5132-6182", None, 5132, 6182, "", ""),
        ("5,132–6,182", None, 5132, 6182, "", ""),
        ("54.3 - 89.9%", None, 54.3, 89.9, "", ""),
        ("10 to 20", None, 10, 20, "", ""),
        ("<1", 1, None, None, "<", ""),
        ("≤ 1", 1, None, None, "<=", ""),
        (">5", 5, None, None, ">", ""),
        ("≥5", 5, None, None, ">=", ""),
        ("~90", 90, None, None, "~", ""),
        ("≈90", 90, None, None, "~", ""),
        ("c. 90", 90, None, None, "~", ""),
        ("yes", None, None, None, "", "yes"),
        ("No", None, None, None, "", "no"),
        ("Да", None, None, None, "", "yes"),
        ("нет", None, None, None, "", "no"),
        ("administrative", None, None, None, "", "administrative"),
    ],
)
def test_parse_value_reads_what_publishers_print(text, value, lower, upper, qualifier, category):
    parsed = parse_value(text)
    assert (parsed.value, parsed.lower, parsed.upper, parsed.qualifier, parsed.category) == (
        value, lower, upper, qualifier, category)
    assert parsed.text == " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.mark.parametrize("text", ["", "  ", "-", "..", "n/a", "N/A", "nk", "nan", None, float("nan")])
def test_missing_markers_are_missing(text):
    assert parse_value(text).is_missing


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("12abc", "is not a number"),
        ("1.2.3", "thousands separators in the wrong places"),
        ("1,23,4", "thousands separators in the wrong places"),
        ("5-", "is not a number"),
        ("20-10", "lower bound above its upper bound"),
        ("<yes", "is not a number"),
    ],
)
def test_bad_cells_raise_value_error_with_reason(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_value(text)


def test_spreadsheet_numbers_are_taken_as_they_are():
    assert parse_value(3).value == 3.0
    assert parse_value(2.5).text == "2.5"
    assert parse_value(1000.0).text == "1000"


def test_kinds():
    assert parse_value("1").kind == "number"
    assert parse_value("1-2").kind == "range"
    assert parse_value("<1").kind == "inequality"
    assert parse_value("~1").kind == "number"
    assert parse_value("yes").kind == "category"
    assert parse_value("").kind == "missing"


@given(finite)
def test_any_number_printed_by_python_round_trips(number):
    assert parse_value(repr(number)).value == pytest.approx(number)


@given(cents)
def test_english_thousands_separators_round_trip(number):
    assert parse_value(f"{number:,.2f}").value == pytest.approx(number)


@given(cents)
def test_space_and_no_break_space_separators_round_trip(number):
    text = f"{number:,.2f}".replace(",", "\u00a0")
    assert parse_value(text).value == pytest.approx(number)


@given(cents)
def test_european_format_round_trips(number):
    text = f"{number:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    assert parse_value(text).value == pytest.approx(number)


@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=99))
@example(0, 5)
def test_decimal_comma_with_one_or_two_decimals(whole, fraction):
    text = f"{whole},{fraction}"
    assert parse_value(text).value == pytest.approx(float(f"{whole}.{fraction}"))


@given(positive)
def test_unicode_minus_and_dash_give_negative_numbers(number):
    for minus in ("-", "\u2212", "\u2013"):
        assert parse_value(f"{minus}{number!r}").value == pytest.approx(-number)


@given(positive, positive)
def test_ranges_keep_both_bounds_and_no_point(a, b):
    lower, upper = sorted((a, b))
    for dash in ("-", "\u2013", "\u2014", " - ", " to "):
        parsed = parse_value(f"{lower!r}{dash}{upper!r}")
        assert parsed.value is None
        assert (parsed.lower, parsed.upper) == (pytest.approx(lower), pytest.approx(upper))


@given(positive, st.sampled_from(["<", ">", "≤", "≥", "<=", ">=", "~"]))
def test_inequalities_keep_the_printed_number_and_the_qualifier(number, mark):
    parsed = parse_value(f"{mark}{number!r}")
    assert parsed.value == pytest.approx(number)
    assert parsed.qualifier == {"≤": "<=", "≥": ">="}.get(mark, mark)


@given(finite)
def test_percent_sign_is_dropped_not_divided(number):
    parsed = parse_value(f"{number!r}%")
    assert parsed.percent and parsed.value == pytest.approx(number)


@given(st.text(max_size=30))
def test_any_text_parses_or_raises_value_error(text):
    try:
        parsed = parse_value(text)
    except ValueError as exc:
        assert str(exc)
        return
    for number in (parsed.value, parsed.lower, parsed.upper):
        assert number is None or math.isfinite(number)
    assert parsed.kind in {"missing", "category", "range", "inequality", "number"}


def test_parse_number_rejects_non_numbers():
    with pytest.raises(ValueError):
        parse_number("abc")


def test_a_status_in_words_is_kept_whole_and_an_overlong_value_is_refused():
    """Synthetic cells: a category is a short code in the database; words go whole into the value's text."""
    from observatory.indicators.importers.values import parse_value

    words = "methadone; buprenorphine (in pilot sites since 2008, national programme since 2014)"
    parsed = parse_value(words)
    assert parsed.category == "text" and parsed.text == words
    assert parse_value("criminal").category == "criminal"
    with pytest.raises(ValueError, match="longer than 200 characters; put the explanation in the note column"):
        parse_value("x" * 201)
