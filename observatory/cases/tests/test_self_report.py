"""The anonymous self-report page: no account, a rate limit on a hashed address, a honeypot, a size limit,
and a follow-up code checked by POST."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache

from observatory.cases.models import Case
from observatory.cases.tests.conftest import CONTACT, NARRATIVE


def report(**overrides):
    data = {"country": "UKR", "occurred_on": "2024-02", "region": "Odesa", "violation": "police_extortion",
            "narrative": NARRATIVE, "consent_document": "on", "consent_share_network": "on",
            "consent_contact": "on", "contact": CONTACT, "website": ""}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def site(client, vocabularies, countries):
    return client


def test_a_person_reports_anonymously_and_gets_a_follow_up_code(site, personas):
    page = site.get("/ru/cases/report/")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "website" in page.content.decode() and 'class="hp"' in page.content.decode()  # the honeypot
    response = site.post("/ru/cases/report/", report())
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.self_reported and case.organisation is None and case.country.iso3 == "UKR"
    code = re.search(r"<code>([0-9A-Z-]{19})</code>", response.content.decode()).group(1)
    assert "no-store" in response["Cache-Control"]
    status = site.post("/en/cases/report/status/", {"code": code.lower()})
    assert status.status_code == 200 and "Received" in status.content.decode()
    unknown = site.post("/en/cases/report/status/", {"code": "AAAA-BBBB-CCCC-DDDD"})
    assert "No report has this code" in unknown.content.decode()


def test_the_report_needs_both_agreements(site):
    page = site.post("/en/cases/report/", report(consent_share_network=None))
    assert page.status_code == 200 and not Case.objects.exists()
    assert "coordinator for your country must be able to read" in page.content.decode()


def test_a_filled_honeypot_pretends_success_and_keeps_nothing(site):
    response = site.post("/en/cases/report/", report(website="http://spam.example"))
    assert response.status_code == 200 and "<code>" in response.content.decode()
    assert not Case.objects.exists()


def test_reports_are_rate_limited_per_hashed_address(site, settings):
    settings.CASES_SELF_REPORT_LIMIT = 2
    for _ in range(2):
        assert site.post("/en/cases/report/", report(), REMOTE_ADDR="203.0.113.7").status_code == 200
    blocked = site.post("/en/cases/report/", report(), REMOTE_ADDR="203.0.113.7")
    assert blocked.status_code == 429 and "try again in an hour" in blocked.content.decode()
    assert Case.objects.count() == 2
    assert blocked["Retry-After"].isdigit() and 0 < int(blocked["Retry-After"]) <= 3600
    assert site.post("/en/cases/report/", report(), REMOTE_ADDR="198.51.100.1").status_code == 200
    # The cache holds a keyed hash of the address, never the address.
    keys = list(getattr(cache, "_cache", {}).keys())
    assert keys and not any("203.0.113.7" in str(key) for key in keys)


def test_robots_filling_the_honeypot_do_not_use_up_a_persons_quota(site, settings):
    settings.CASES_SELF_REPORT_LIMIT = 1
    for _ in range(5):
        assert site.post("/en/cases/report/", report(website="http://spam.example"),
                         REMOTE_ADDR="203.0.113.9").status_code == 200
    assert site.post("/en/cases/report/", report(), REMOTE_ADDR="203.0.113.9").status_code == 200
    assert Case.objects.count() == 1


def test_the_limit_follows_the_client_behind_trusted_proxies_and_ignores_forged_headers(site, settings):
    settings.CASES_SELF_REPORT_LIMIT = 1
    # No trusted proxy: a client cannot dodge the limit by inventing X-Forwarded-For.
    settings.TRUSTED_PROXIES = 0
    assert site.post("/en/cases/report/", report(), REMOTE_ADDR="203.0.113.10",
                     HTTP_X_FORWARDED_FOR="10.0.0.1").status_code == 200
    assert site.post("/en/cases/report/", report(), REMOTE_ADDR="203.0.113.10",
                     HTTP_X_FORWARDED_FOR="10.0.0.2").status_code == 429
    # Behind one trusted proxy (nginx on 127.0.0.1), each client behind it has its own count,
    # and what the client itself put in the header does not change it.
    settings.TRUSTED_PROXIES = 1
    assert site.post("/en/cases/report/", report(), REMOTE_ADDR="127.0.0.1",
                     HTTP_X_FORWARDED_FOR="198.51.100.20").status_code == 200
    assert site.post("/en/cases/report/", report(), REMOTE_ADDR="127.0.0.1",
                     HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.20").status_code == 429
    assert site.post("/ru/cases/report/", report(), REMOTE_ADDR="127.0.0.1",
                     HTTP_X_FORWARDED_FOR="198.51.100.21").status_code == 200
    blocked = site.post("/ru/cases/report/", report(), REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.21")
    assert blocked.status_code == 429 and "Retry-After" in blocked
    assert "слишком много" in blocked.content.decode()


def test_an_oversized_report_is_refused_before_it_is_read(site):
    response = site.post("/en/cases/report/", report(narrative="x" * 40_000))
    assert response.status_code == 413
    assert not Case.objects.exists()


def test_the_story_has_a_length_limit_in_the_form(site, settings):
    settings.CASES_SELF_REPORT_MAX_BYTES = 100_000
    response = site.post("/en/cases/report/", report(narrative="x" * 6000))
    assert response.status_code == 200 and not Case.objects.exists()


def test_status_checks_are_rate_limited(site, settings):
    settings.CASES_STATUS_CHECK_LIMIT = 3
    for _ in range(3):
        site.post("/en/cases/report/status/", {"code": "AAAA-BBBB-CCCC-DDDD"})
    assert site.post("/en/cases/report/status/", {"code": "AAAA-BBBB-CCCC-DDDD"}).status_code == 429
