"""Dates are shown exactly as precisely as the source gives them, in English and Russian."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from observatory.events.dates import date_iso, date_label, period_end, period_start

NNBSP = "\u202f"  # CLDR's narrow no-break space between the year and "г."


@pytest.mark.parametrize(("date", "precision", "english", "russian"), [
    (datetime.date(2010, 1, 1), "year", "2010", f"2010{NNBSP}г."),
    (datetime.date(2014, 3, 1), "month", "March 2014", f"март 2014{NNBSP}г."),
    (datetime.date(2010, 1, 1), "day", "1 January 2010", f"1 января 2010{NNBSP}г."),
    (datetime.date(2013, 8, 1), "day", "1 August 2013", f"1 августа 2013{NNBSP}г."),
    (datetime.date(2008, 5, 1), "month", "May 2008", f"май 2008{NNBSP}г."),
])
def test_date_label_in_both_languages(date, precision, english, russian):
    assert date_label(date, precision, "en") == english
    assert date_label(date, precision, "ru") == russian


def test_date_label_follows_the_active_language():
    with translation.override("ru"):
        assert date_label(datetime.date(2014, 3, 1), "month") == f"март 2014{NNBSP}г."
    with translation.override("en"):
        assert date_label(datetime.date(2014, 3, 1), "month") == "March 2014"


def test_a_partial_date_never_shows_more_than_its_precision():
    assert date_label(datetime.date(2010, 1, 1), "year", "en") == "2010"
    assert "1" not in date_label(datetime.date(2014, 3, 1), "month", "en").replace("2014", "")


@pytest.mark.parametrize(("date", "precision", "iso"), [
    (datetime.date(2010, 1, 1), "year", "2010"),
    (datetime.date(2014, 3, 1), "month", "2014-03"),
    (datetime.date(2010, 1, 9), "day", "2010-01-09"),
])
def test_iso_value_for_html_time(date, precision, iso):
    assert date_iso(date, precision) == iso


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)),
       st.sampled_from(["day", "month", "year"]))
def test_period_contains_the_date_and_start_is_stable(date, precision):
    start, end = period_start(date, precision), period_end(date, precision)
    assert start <= date <= end
    assert period_start(start, precision) == start
    assert period_end(start, precision) == end
    if precision == "day":
        assert start == end == date
