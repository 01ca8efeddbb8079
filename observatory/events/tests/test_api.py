"""GET /api/v1/events and /api/v1/events/{slug}: published events, filtered; never a draft, never a quote."""

from __future__ import annotations

import datetime

import pytest

FIELDS = {"id", "country", "date", "precision", "type", "title_en", "title_ru", "description_en", "description_ru",
          "sources"}


@pytest.fixture
def loaded(shipped_events, make_event):
    make_event("ukr-2021-draft", published=False, date=datetime.date(2021, 1, 1))


def test_lists_every_published_event_in_date_order(client, loaded):
    rows = client.get("/api/v1/events").json()
    assert len(rows) == 65
    assert all(set(row) == FIELDS for row in rows)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert "ukr-2021-draft" not in {r["id"] for r in rows}
    assert all(r["sources"] and set(r["sources"][0]) == {"title", "url"} for r in rows)


def test_filters_by_country(client, loaded):
    rows = client.get("/api/v1/events?country=ukr").json()
    assert len(rows) == 8 and {r["country"] for r in rows} == {"UKR"}
    azerbaijan = client.get("/api/v1/events?country=AZE").json()
    assert [r["id"] for r in azerbaijan] == ["aze-2005-criminal-liability-quantities"]


def test_filters_by_type_repeated_or_comma_separated(client, loaded):
    rulings = client.get("/api/v1/events?type=court_ruling").json()
    assert len(rulings) == 7 and {r["type"] for r in rulings} == {"court_ruling"}
    both = client.get("/api/v1/events?type=court_ruling&type=decriminalisation").json()
    assert len(both) == 12
    assert client.get("/api/v1/events?type=court_ruling,decriminalisation").json() == both
    geo = client.get("/api/v1/events?country=GEO&type=court_ruling").json()
    assert geo and {(r["country"], r["type"]) for r in geo} == {("GEO", "court_ruling")}


def test_filters_by_years(client, loaded):
    rows = client.get("/api/v1/events?from=2010&to=2012").json()
    assert rows and all(2010 <= int(r["date"][:4]) <= 2012 for r in rows)


@pytest.mark.parametrize("query", ["type=war_on_drugs", "country=XYZ"])
def test_unknown_codes_are_a_400_that_says_why(client, loaded, query):
    response = client.get(f"/api/v1/events?{query}")
    assert response.status_code == 400
    assert "Unknown" in response.json()["detail"]


def test_one_event(client, loaded):
    row = client.get("/api/v1/events/cze-2013-constitutional-court-thresholds").json()
    assert row["id"] == "cze-2013-constitutional-court-thresholds"
    assert (row["country"], row["date"], row["precision"], row["type"]) == ("CZE", "2013-07-23", "day",
                                                                              "court_ruling")
    assert row["title_ru"].startswith("Конституционный суд")
    assert [s["url"] for s in row["sources"]][0].startswith("https://www.apnews.com/")
    assert "quote" not in row["sources"][0]


def test_a_draft_and_a_missing_event_are_the_same_404(client, loaded):
    assert client.get("/api/v1/events/ukr-2021-draft").status_code == 404
    assert client.get("/api/v1/events/no-such-event").status_code == 404


def test_the_list_takes_a_fixed_number_of_queries(client, loaded, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert len(client.get("/api/v1/events").json()) == 65
