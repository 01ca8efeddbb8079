"""The rules that turn an event and an indicator into a time series (pure: no database)."""

from __future__ import annotations

import datetime

import pytest

from observatory.impact import rules


@pytest.mark.parametrize(
    ("date", "precision", "expected"),
    [
        (datetime.date(2010, 1, 1), "day", 2010),
        (datetime.date(2010, 6, 30), "day", 2010),   # last day of the first half
        (datetime.date(2010, 7, 1), "day", 2011),    # first day of the second half
        (datetime.date(2010, 12, 31), "day", 2011),
        (datetime.date(2014, 3, 1), "month", 2014),
        (datetime.date(2014, 6, 1), "month", 2014),
        (datetime.date(2014, 7, 1), "month", 2015),
        (datetime.date(1999, 1, 1), "year", 1999),   # known only to the year: that year
    ],
)
def test_first_post_year_follows_the_half_year_rule(date, precision, expected):
    assert rules.first_post_year(date, precision) == expected


@pytest.mark.parametrize(
    ("unit", "measure"),
    [
        ("deaths", rules.COUNT),
        ("people", rules.COUNT),
        ("offences", rules.COUNT),
        ("thousand syringes", rules.COUNT),
        ("deaths per 100,000 (age-standardised)", rules.RATE),
        ("per 1 million population", rules.RATE),
        ("per 100,000 population", rules.RATE),
        ("syringes per person per year", rules.RATE),
        ("% of people who inject drugs", rules.PERCENTAGE),
        ("%", rules.PERCENTAGE),
        ("Superpower", rules.COUNT),  # "per" only as a word
    ],
)
def test_measure_is_read_from_the_unit(unit, measure):
    assert rules.measure_of(unit) == measure


def test_default_family_and_offset():
    assert rules.default_family(rules.COUNT) == "quasipoisson"
    assert rules.default_family(rules.RATE) == "gaussian"
    assert rules.default_family(rules.PERCENTAGE) == "gaussian"
    assert rules.uses_offset(rules.COUNT, "quasipoisson") and rules.uses_offset(rules.COUNT, "poisson")
    assert not rules.uses_offset(rules.COUNT, "gaussian")  # the engine takes an offset only under a log link
    assert not rules.uses_offset(rules.RATE, "quasipoisson")
    assert not rules.uses_offset(rules.PERCENTAGE, "gaussian")
