"""The tracker's pages: both languages, what each reader sees, recording an assessment, publishing a round."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from observatory.access import SYSTEM
from observatory.audit.models import AuditEntry
from observatory.reviews.models import CountryAssessment, CountryRoundReport
from observatory.reviews.services import assessment_save, country_report_save

from .conftest import verified_login


@pytest.fixture
def recorded(countries, rounds, items):
    """UKR assessed in the published rounds and in the draft round; KGZ in the first round."""
    for round_key, status in (("published", "not_started"), ("published_open", "in_progress"),
                              ("unpublished", "achieved")):
        assessment_save(actor=SYSTEM, review_round=rounds[round_key], item=items["item-1"], country=countries["UKR"],
                        status=status, comment_en=f"Comment {round_key}", comment_ru=f"Комментарий {round_key}")
    assessment_save(actor=SYSTEM, review_round=rounds["published"], item=items["item-2"], country=countries["KGZ"],
                    status="regressed")
    country_report_save(actor=SYSTEM, review_round=rounds["published_open"], country=countries["UKR"],
                        funding_amount="1000", funding_currency="UAH", funding_year=2023,
                        funding_source_url="https://example.org/budget", funding_source_title="Budget 2023")


PAGES = ["/{lang}/reviews/", "/{lang}/reviews/test-process/", "/{lang}/reviews/test-process/2023/",
         "/{lang}/reviews/test-process/countries/UKR/", "/{lang}/reviews/test-process/2023/UKR/",
         "/{lang}/reviews/test-process/2023/UKR/items/item-1/history/"]


@pytest.mark.parametrize("lang, expected", [("en", "Review tracker"), ("ru", "Мониторинг реформ")])
@pytest.mark.parametrize("page", PAGES)
def test_pages_render_in_both_languages(client, recorded, page, lang, expected):
    response = client.get(page.format(lang=lang))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html and expected in html
    assert "<script>" not in html  # no inline scripts (CSP)


def test_the_russian_pages_show_russian_texts(client, recorded):
    html = client.get("/ru/reviews/test-process/2023/UKR/").content.decode()
    assert "Тестовый процесс" in html and "Пункт 1" in html and "Комментарий published_open" in html
    assert "В процессе" in html and "Государственное финансирование снижения вреда" in html
    assert "Comment published_open" not in html


@pytest.mark.parametrize("persona", ["anonymous", "analyst", "documenter_ukr", "case_manager_ukr"])
def test_an_unpublished_round_is_a_404_for_readers(client, personas, recorded, persona):
    if persona != "anonymous":
        verified_login(client, personas[persona])
    for url in ("/en/reviews/test-process/2024/", "/en/reviews/test-process/2024/UKR/",
                "/en/reviews/test-process/2024/UKR/items/item-1/history/"):
        assert client.get(url).status_code == 404, url
    assert client.get("/en/reviews/test-process/1999/").status_code == 404  # the same as a missing round
    progress = client.get("/en/reviews/test-process/countries/UKR/").content.decode()
    assert "2024" not in progress and "2023" in progress
    index = client.get("/en/reviews/").content.decode()
    assert "2024" not in index


def test_the_coordinator_sees_the_draft_of_their_own_country_only(client, personas, recorded):
    verified_login(client, personas["coordinator_ukr"])
    page = client.get("/en/reviews/test-process/2024/UKR/")
    assert page.status_code == 200 and "Draft: this round is not published." in page.content.decode()
    assert client.get("/en/reviews/test-process/2024/KGZ/").status_code == 404


def test_a_coordinator_records_an_assessment(client, personas, countries, rounds, recorded):
    verified_login(client, personas["coordinator_ukr"])
    url = "/en/reviews/test-process/2024/UKR/items/item-2/"
    form = client.get(url)
    assert form.status_code == 200 and 'name="evidence-TOTAL_FORMS"' in form.content.decode()
    response = client.post(url, {
        "status": "in_progress", "comment_en": "Budget line created.", "comment_ru": "Создана бюджетная статья.",
        "evidence-TOTAL_FORMS": "2", "evidence-INITIAL_FORMS": "0", "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "20",
        "evidence-0-url": "https://example.org/decree", "evidence-0-title": "Decree No. 5",
        "evidence-1-url": "", "evidence-1-title": "",
    })
    assert response.status_code == 302 and response["Location"] == "/en/reviews/test-process/2024/UKR/"
    saved = CountryAssessment.objects.get(round=rounds["unpublished"], country=countries["UKR"], item__code="item-2")
    assert saved.status == "in_progress" and saved.evidence == [{"url": "https://example.org/decree",
                                                                 "title": "Decree No. 5"}]
    assert saved.updated_by == personas["coordinator_ukr"]
    assert AuditEntry.objects.filter(action="review.assessment.create", actor_username="coordinator_ukr").exists()


def test_the_form_names_the_wrong_field(client, personas, recorded):
    verified_login(client, personas["coordinator_ukr"])
    response = client.post("/en/reviews/test-process/2024/UKR/items/item-2/", {
        "comment_en": "", "evidence-TOTAL_FORMS": "1", "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0", "evidence-MAX_NUM_FORMS": "20",
        "evidence-0-url": "https://example.org/decree", "evidence-0-title": "",
    })
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose a status." in html and "Give the title of the linked document." in html
    assert not CountryAssessment.objects.filter(item__code="item-2", round__year=2024).exists()


def test_the_funding_form_requires_a_source_for_an_amount(client, personas, recorded):
    verified_login(client, personas["coordinator_ukr"])
    url = "/en/reviews/test-process/2024/UKR/report/"
    response = client.post(url, {"funding_amount": "5000", "funding_currency": "UAH", "funding_year": "2024"})
    assert response.status_code == 400
    assert "Give the link to the source of the amount." in response.content.decode()
    response = client.post(url, {"funding_amount": "5000", "funding_currency": "UAH", "funding_year": "2024",
                                 "funding_source_url": "https://example.org/budget-2024",
                                 "introduction_en": "Introduction."})
    assert response.status_code == 302
    assert CountryRoundReport.objects.get(round__year=2024).funding_amount == 5000


@pytest.mark.parametrize("persona, url", [
    ("coordinator_kgz", "/en/reviews/test-process/2024/UKR/items/item-1/"),  # another country
    ("coordinator_ukr", "/en/reviews/test-process/2022/UKR/items/item-1/"),  # closed round
    ("coordinator_ukr", "/en/reviews/test-process/2024/UKR/items/no-such-item/"),
    ("admin", "/en/reviews/test-process/2024/UKR/items/item-1/"),
    ("analyst", "/en/reviews/test-process/2024/UKR/report/"),
    ("documenter_ukr", "/en/reviews/test-process/2023/UKR/report/"),
])
def test_edit_pages_out_of_scope_are_404(client, personas, recorded, persona, url):
    verified_login(client, personas[persona])
    assert client.get(url).status_code == 404
    assert client.post(url, {"status": "achieved"}).status_code == 404


def test_edit_pages_ask_anonymous_visitors_to_sign_in(client, recorded):
    response = client.get("/en/reviews/test-process/2024/UKR/items/item-1/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_admin_adds_and_publishes_a_round(client, personas, process, recorded):
    verified_login(client, personas["admin"])
    page = client.get("/en/reviews/test-process/").content.decode()
    assert "Add round" in page
    bad = client.post("/en/reviews/test-process/rounds/new/", {"year": "2024"})
    assert bad.status_code == 400 and "already has a round for 2024" in bad.content.decode()
    assert client.post("/en/reviews/test-process/rounds/new/", {"year": "2025"}).status_code == 302
    assert client.get("/en/reviews/test-process/2025/").status_code == 200
    client.post("/en/reviews/test-process/2024/settings/", {"change": "publish"})
    client.logout()
    assert client.get("/en/reviews/test-process/2024/UKR/").status_code == 200
    assert AuditEntry.objects.filter(action="review.round.publish", actor_username="admin").exists()


@pytest.mark.parametrize("persona", ["coordinator_ukr", "analyst"])
def test_only_admins_manage_rounds(client, personas, recorded, persona):
    verified_login(client, personas[persona])
    assert "Add round" not in client.get("/en/reviews/test-process/").content.decode()
    assert client.post("/en/reviews/test-process/rounds/new/", {"year": "2030"}).status_code == 404
    assert client.post("/en/reviews/test-process/2023/settings/", {"change": "unpublish"}).status_code == 404


def test_the_round_page_query_count_does_not_grow_with_countries(client, countries, rounds, items):
    def count_queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/reviews/test-process/2022/").status_code == 200
        return len(captured)

    for iso3 in ("UKR", "KGZ"):
        assessment_save(actor=SYSTEM, review_round=rounds["published"], item=items["item-1"],
                        country=countries[iso3], status="achieved")
    few = count_queries()
    for iso3 in ("GEO", "MDA", "ARM", "KAZ"):
        for code in ("item-1", "item-2", "item-3"):
            assessment_save(actor=SYSTEM, review_round=rounds["published"], item=items[code],
                            country=countries[iso3], status="in_progress")
    assert count_queries() == few


def test_the_shadow_report_is_printable(client, recorded):
    html = client.get("/en/reviews/test-process/2023/UKR/").content.decode()
    assert 'class="shadow-report"' in html and "reviews/reviews.css" in html
    assert "Budget 2023" in html and "https://example.org/budget" in html
