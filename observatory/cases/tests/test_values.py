"""Parsers for dates with precision, client codes and yes/no answers (property tests)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from observatory.cases.values import (
    format_occurred,
    new_follow_up_code,
    normalise_client_code,
    normalise_follow_up_code,
    parse_bool,
    parse_occurred,
)

TODAY = dt.date(2025, 6, 30)


@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=TODAY), st.sampled_from(["day", "month", "year"]))
def test_a_formatted_date_parses_back_with_its_precision(value, precision):
    text = format_occurred(value, precision)
    parsed, parsed_precision = parse_occurred(text, today=TODAY)
    assert parsed_precision == precision
    assert format_occurred(parsed, parsed_precision) == text


@pytest.mark.parametrize("text", ["", "15.03.2024", "2024-13", "2024-02-30", "1900", "2026-01-01", "march"])
def test_bad_dates_are_refused_with_a_reason(text):
    with pytest.raises(ValueError):
        parse_occurred(text, today=TODAY)


@given(st.text(max_size=30))
def test_normalising_a_client_code_is_idempotent_and_ignores_separators(code):
    normal = normalise_client_code(code)
    assert normalise_client_code(normal) == normal
    assert normalise_client_code(f" {code.lower()} ") == normalise_client_code(code.lower())
    assert " " not in normal and "-" not in normal


def test_cyrillic_look_alikes_match_latin():
    assert normalise_client_code("АВ-12 ос") == normalise_client_code("ab12OC")


@pytest.mark.parametrize("text,value", [("да", True), ("Yes", True), ("1", True), ("нет", False), ("", False),
                                        ("no", False)])
def test_yes_no_answers(text, value):
    assert parse_bool(text) is value


def test_follow_up_codes_are_random_and_tolerant_when_typed():
    codes = {new_follow_up_code() for _ in range(200)}
    assert len(codes) == 200
    code = codes.pop()
    assert normalise_follow_up_code(code.lower().replace("-", " ")) == code
