"""The downloads (country brief, regional brief, shadow report) and the staff pages that edit the texts."""

from __future__ import annotations

import pytest

from observatory.access import SYSTEM
from observatory.reports.models import BriefText
from observatory.reports.tests.conftest import pdf_text, verified_login
from observatory.reports.tests.test_documents import shadow_round  # noqa: F401  (fixture)

pytestmark = pytest.mark.slow


def test_download_brief_in_the_page_language(client, brief_data):
    response = client.get("/ru/reports/brief/UKR.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="brief-ukr-ru.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Украина" in text and "Введение" in text
    english = client.get("/en/reports/brief/ukr.pdf")
    assert english.status_code == 200 and "Introduction" in pdf_text(english.content)


def test_the_second_download_is_served_from_the_cache(client, brief_data, monkeypatch):
    from observatory.reports.documents import engine

    first = client.get("/en/reports/brief/GEO.pdf").content
    calls = []
    monkeypatch.setattr(engine, "pdf_render", lambda document: calls.append(document) or b"%PDF-new")
    second = client.get("/en/reports/brief/GEO.pdf").content
    assert second == first and calls == []


@pytest.mark.parametrize("path", ["/en/reports/brief/XXX.pdf", "/en/reports/brief/UKRAINE.pdf"])
def test_unknown_country_is_a_404(client, brief_data, path):
    assert client.get(path).status_code == 404


def test_regional_brief_download(client, regional_data):
    response = client.get("/en/reports/regional.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Georgia" in pdf_text(response.content)


def test_shadow_report_of_a_published_round_is_public(client, shadow_round, brief_data):  # noqa: F811
    response = client.get("/en/reports/shadow/test-process/2023/UKR.pdf")
    assert response.status_code == 200
    assert "A pilot is funded." in pdf_text(response.content)


def test_shadow_report_of_an_unpublished_round_is_a_404_for_the_public(client, shadow_round, personas):  # noqa: F811
    assert client.get("/en/reports/shadow/test-process/2024/UKR.pdf").status_code == 404
    assert client.get("/en/reports/shadow/test-process/2031/UKR.pdf").status_code == 404
    verified_login(client, personas["coordinator_ukr"])
    response = client.get("/en/reports/shadow/test-process/2024/UKR.pdf")
    assert response.status_code == 200  # the coordinator of the country sees the draft
    assert "Draft: this round is not published." in pdf_text(response.content)


@pytest.mark.parametrize("persona", ["coordinator_ukr", "case_manager_ukr", "documenter_ukr", "analyst"])
def test_staff_pages_are_a_404_for_everyone_but_admins(client, countries, personas, persona):
    verified_login(client, personas[persona])
    assert client.get("/en/reports/staff/").status_code == 404
    assert client.get("/en/reports/staff/UKR/en/").status_code == 404
    assert client.post("/en/reports/staff/UKR/en/", {"introduction": "x", "recommendations": ""}).status_code == 404
    assert not BriefText.objects.exists()


def test_staff_pages_ask_anonymous_visitors_to_sign_in(client, countries):
    response = client.get("/en/reports/staff/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_admin_edits_a_text_and_sees_its_history(client, brief_data, personas):
    verified_login(client, personas["admin"])
    page = client.get("/en/reports/staff/UKR/ru/")
    assert page.status_code == 200
    content = page.content.decode()
    assert "Recommendations the brief prints now" in content  # the suggestions drawn from the gaps
    for introduction in ("Первая версия.", "Вторая версия."):
        response = client.post("/en/reports/staff/UKR/ru/", {"introduction": introduction, "recommendations": ""})
        assert response.status_code == 302
    page = client.get("/en/reports/staff/UKR/ru/").content.decode()
    assert "Version 2, " in page and "by admin" in page and "Первая версия." in page
    listing = client.get("/en/reports/staff/").content.decode()
    assert "Edit (version 2)" in listing
    brief = pdf_text(client.get("/ru/reports/brief/UKR.pdf").content)
    assert "Вторая версия." in brief and "Первая версия." not in brief


def test_staff_form_rejects_an_overlong_text(client, countries, personas):
    verified_login(client, personas["admin"])
    response = client.post("/en/reports/staff/UKR/en/", {"introduction": "x" * 4001, "recommendations": ""})
    assert response.status_code == 400
    assert not BriefText.objects.exists()


def test_staff_pages_404_for_a_language_the_site_does_not_have(client, countries, personas):
    verified_login(client, personas["admin"])
    assert client.get("/en/reports/staff/UKR/de/").status_code == 404


def test_a_published_shadow_report_never_compares_with_an_unpublished_round(client, shadow_round, brief_data,  # noqa: F811
                                                                              personas):
    from observatory.reviews.models import ReviewItem, ReviewRound
    from observatory.reviews.services import assessment_save

    published = shadow_round["published"]
    earlier = ReviewRound.objects.create(process=published.process, year=2021, published=False, is_open=True)
    assessment_save(actor=SYSTEM, review_round=earlier, item=ReviewItem.objects.get(code="item-1"),
                    country=brief_data["UKR"], status="achieved")
    verified_login(client, personas["admin"])  # an admin sees the unpublished 2021 round on the tracker's pages
    text = pdf_text(client.get("/en/reports/shadow/test-process/2023/UKR.pdf").content)
    assert "A pilot is funded." in text
    assert "2021" not in text  # the published document is the public's: no comparison with a draft round
