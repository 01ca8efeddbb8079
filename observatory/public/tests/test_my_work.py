"""'My work': each role finds its own work from the menu of every page, in both languages."""

from __future__ import annotations

import pytest

from observatory.cases.tests.conftest import make_case, verified_session, vocabularies  # noqa: F401 (fixtures)


@pytest.fixture
def work(make_case):
    return {
        "draft": make_case("documenter_ukr", status="draft"),
        "submitted": make_case("documenter_ukr"),
        "other_org": make_case("documenter_ukr2"),
        "kgz": make_case("documenter_kgz"),
    }


def page(client, personas, persona, language="en"):
    verified_session(client, personas[persona])
    response = client.get(f"/{language}/work/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_documenter_sees_their_drafts_and_submitted_cases(client, personas, work):
    html = page(client, personas, "documenter_ukr")
    assert work["draft"].reference in html and work["submitted"].reference in html
    assert work["other_org"].reference not in html and work["kgz"].reference not in html
    assert "My drafts" in html and "Record a new case" in html
    assert "Cases to verify" not in html and "Follow-ups due" not in html


def test_a_coordinator_sees_what_to_verify_in_their_countries_only(client, personas, work):
    html = page(client, personas, "coordinator_ukr")
    assert "Cases to verify <span class=\"count\">(2)</span>" in html
    assert work["submitted"].reference in html and work["other_org"].reference in html
    assert work["kgz"].reference not in html and work["draft"].reference not in html
    assert "Follow-ups due" in html and "My drafts" not in html
    assert "Review rounds open for entries" in html


def test_a_case_manager_records_verifies_and_follows_up(client, personas, work):
    html = page(client, personas, "case_manager_ukr")
    assert "My drafts" in html and "Cases to verify" in html and "Follow-ups due" in html
    assert work["other_org"].reference not in html


@pytest.mark.parametrize("persona", ["analyst", "admin"])
def test_roles_without_case_work_are_told_so(client, personas, persona, work):
    html = page(client, personas, persona)
    assert not any(case.reference in html for case in work.values())
    if persona == "analyst":
        assert "Your role has no cases or review entries to work on." in html
    else:  # the secretariat keeps the advocacy log
        assert "No advocacy follow-up is overdue." in html


def test_every_page_links_to_my_work_and_to_the_violations(client, personas, countries):
    assert 'href="/en/violations/"' in client.get("/en/").content.decode()
    assert 'href="/en/work/"' not in client.get("/en/laws/").content.decode()
    verified_session(client, personas["coordinator_ukr"])
    for url in ("/en/reviews/", "/en/laws/", "/en/indicators/"):
        assert 'href="/en/work/"' in client.get(url).content.decode(), url


def test_signing_in_lands_on_my_work(client, personas):
    response = client.post("/en/accounts/login/", {"username": "documenter_ukr",
                                                   "password": "correct horse battery staple"})
    assert response.status_code == 302 and response["Location"] == "/en/work/"


def test_my_work_reads_in_russian(client, personas, work):
    html = page(client, personas, "documenter_ukr", "ru")
    assert "Моя работа" in html and "Мои черновики" in html
