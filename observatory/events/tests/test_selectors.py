"""The selectors the charts use: published only, by country and type, overlapping periods, plain markers."""

from __future__ import annotations

import datetime

from django.utils import translation

from observatory.events import selectors, services


def test_events_for_country_is_published_only_and_in_date_order(make_event, personas):
    make_event("ukr-2016-b", date=datetime.date(2016, 5, 1), precision="month", type="police_crackdown")
    make_event("ukr-2010-a", date=datetime.date(2010, 1, 1))
    make_event("ukr-2012-draft", published=False)
    make_event("kgz-2012-other", country="KGZ")
    assert [e.slug for e in selectors.events_for_country(country="UKR")] == ["ukr-2010-a", "ukr-2016-b"]
    assert [e.slug for e in selectors.events_for_country(country="ukr", types=["police_crackdown"])] == ["ukr-2016-b"]
    assert [e.slug for e in selectors.events_for_country(country="UKR", types="law_change")] == ["ukr-2010-a"]
    admin_view = selectors.events_for_country(country="UKR", user=personas["admin"])
    assert "ukr-2012-draft" in [e.slug for e in admin_view]


def test_events_between_keeps_events_whose_period_overlaps(make_event):
    make_event("ukr-2010-year", date=datetime.date(2010, 1, 1), precision="year")
    make_event("ukr-2010-march", date=datetime.date(2010, 3, 1), precision="month")
    make_event("ukr-2010-day", date=datetime.date(2010, 3, 5), precision="day")
    make_event("ukr-2011-year", date=datetime.date(2011, 1, 1), precision="year")
    slugs = lambda **kw: [e.slug for e in selectors.events_between(**kw)]  # noqa: E731
    assert slugs(start=datetime.date(2010, 3, 20), end=datetime.date(2010, 12, 31)) == ["ukr-2010-year",
                                                                                         "ukr-2010-march"]
    assert slugs(start=2011, end=2011) == ["ukr-2011-year"]
    assert slugs(start=None, end=2010) == ["ukr-2010-year", "ukr-2010-march", "ukr-2010-day"]


def test_event_get_hides_drafts_from_the_public(make_event, personas):
    make_event("ukr-2012-draft", published=False)
    assert selectors.event_get(slug="ukr-2012-draft") is None
    assert selectors.event_get(slug="ukr-2012-draft", user=personas["admin"]).slug == "ukr-2012-draft"


def test_event_markers_are_plain_rows_in_the_asked_language(make_event):
    make_event("ukr-2014-crimea", date=datetime.date(2014, 5, 1), precision="month", type="ost_interrupted",
               title_en="OST closed in Crimea", title_ru="ЗТ закрыта в Крыму")
    [row] = selectors.event_markers(country="UKR", language="ru")
    assert row == {"id": "ukr-2014-crimea", "country": "UKR", "date": "2014-05-01", "year": 2014,
                   "precision": "month", "type": "ost_interrupted", "type_label": "Прерывание ЗПТ",
                   "title": "ЗТ закрыта в Крыму", "date_label": "май 2014\u202fг.",
                   "url": "/ru/events/ukr-2014-crimea/"}
    with translation.override("en"):
        [row] = selectors.event_markers(country="UKR")
    assert (row["title"], row["date_label"], row["type_label"], row["url"]) == \
        ("OST closed in Crimea", "May 2014", "OST interrupted", "/en/events/ukr-2014-crimea/")


def test_events_by_year_groups_in_order(make_event):
    make_event("ukr-2010-a", date=datetime.date(2010, 1, 1))
    make_event("ukr-2010-b", date=datetime.date(2010, 6, 1), precision="month")
    make_event("ukr-2013-c", date=datetime.date(2013, 1, 1))
    groups = selectors.events_by_year(selectors.published_events())
    assert [(year, [e.slug for e in events]) for year, events in groups] == [(2010, ["ukr-2010-a", "ukr-2010-b"]),
                                                                              (2013, ["ukr-2013-c"])]


def test_events_version_changes_with_every_write(make_event, personas):
    make_event("ukr-2009-kept")
    before = selectors.events_version()
    event = make_event("ukr-2010-a")
    created = selectors.events_version()
    services.event_update(actor=personas["admin"], event=event, title_en="Changed")
    changed = selectors.events_version()
    services.event_delete(actor=personas["admin"], event=event)
    deleted = selectors.events_version()
    assert before != created != changed != deleted
    assert selectors.events_version() == deleted
