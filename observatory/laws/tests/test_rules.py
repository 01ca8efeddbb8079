"""The judging and dating rules, without the database."""

from __future__ import annotations

import datetime

import pytest

from observatory.laws.rules import format_partial_date, holds_at, judge, known_from, parse_partial_date

D = datetime.date


@pytest.mark.parametrize("text, expected", [
    ("2010", (D(2010, 1, 1), "year")), ("2013-07", (D(2013, 7, 1), "month")),
    ("2013-07-01", (D(2013, 7, 1), "day")), (None, (None, "")), (2008, (D(2008, 1, 1), "year")),
])
def test_partial_dates_keep_their_precision(text, expected):
    assert parse_partial_date(text) == expected
    if expected[0]:
        assert format_partial_date(*expected) == str(text)


def test_a_malformed_date_is_refused():
    with pytest.raises(ValueError):
        parse_partial_date("July 2013")


ENUM = {"no_offence": "meets", "administrative": "partly", "criminal": "does_not_meet"}


def test_enumerated_values_use_the_model_laws_table_and_anything_else_is_unknown():
    assert judge(value_type="enum", judgement=ENUM, value="administrative") == "partly"
    assert judge(value_type="enum", judgement=ENUM, value="something else") == "unknown"
    assert judge(value_type="enum", judgement=ENUM, value=None) == "unknown"


@pytest.mark.parametrize("value, months, expected", [
    ("none", None, "meets"), ("up to 30 days' detention", 1, "partly"), ("arrest up to 40 days", 1.3, "does_not_meet"),
    ("up to 5 years", 60, "does_not_meet"), ("up to some time", None, "unknown"),
])
def test_maximum_penalty_is_judged_by_months_of_deprivation_of_liberty(value, months, expected):
    assert judge(value_type="text_or_none", judgement={}, value=value, max_penalty_months=months) == expected


@pytest.mark.parametrize("value, expected", [
    ("80", "meets"), ("75", "meets"), ("20", "partly"), ("10", "partly"), ("9.9", "does_not_meet"),
    ("high", "meets"), ("partial", "partly"), ("low_or_none", "does_not_meet"), ("a lot", "unknown"),
])
def test_state_funding_share_uses_thresholds_or_words(value, expected):
    table = {"high": "meets", "partial": "partly", "low_or_none": "does_not_meet"}
    assert judge(value_type="enum_or_percent", judgement=table, value=value) == expected


def test_an_undated_start_holds_only_from_the_year_the_source_describes():
    version = {"valid_from": None, "valid_to": None, "as_of": 2019}
    assert known_from(valid_from=None, as_of=2019) == D(2019, 1, 1)
    assert not holds_at(**version, at=D(2018, 12, 31))
    assert holds_at(**version, at=D(2019, 1, 1)) and holds_at(**version, at=D(2025, 6, 1))
    assert holds_at(**version, at=None)


def test_valid_to_is_exclusive_and_an_undated_source_holds_at_no_date():
    ended = {"valid_from": D(2003, 1, 1), "valid_to": D(2013, 7, 1), "as_of": 2005}
    assert holds_at(**ended, at=D(2013, 6, 30)) and not holds_at(**ended, at=D(2013, 7, 1))
    assert not holds_at(**ended, at=None)
    undated = {"valid_from": None, "valid_to": None, "as_of": None}
    assert holds_at(**undated, at=None) and not holds_at(**undated, at=D(2020, 1, 1))
