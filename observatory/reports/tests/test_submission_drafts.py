"""Drafting a submission to a UN mechanism on the staff pages: who sees which draft, editing, the word
limit, and the PDF and DOCX a member downloads.

The recommendations and the texts written here are test data, made up.
"""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from observatory import access
from observatory.audit.models import AuditEntry
from observatory.cases.tests.conftest import verified_session
from observatory.reports.models import SubmissionDraft, SubmissionDraftVersion
from observatory.reports.tests.conftest import pdf_text
from observatory.rights.models import Assessment, Recommendation

pytestmark = pytest.mark.django_db


def _docx_text(content: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture
def ukr_recommendation(brief_data):
    recommendation = Recommendation.objects.create(
        key="cescr-test-43", country=brief_data["UKR"], mechanism="cescr", cycle="7", date=datetime.date(2020, 3, 2),
        symbol="E/C.12/UKR/CO/7", paragraph="43", text_en="Decriminalise possession for personal use (test text).",
        source_url="https://example.org/test")
    Assessment.objects.create(recommendation=recommendation, round=2024, status="not", evidence="test")
    return recommendation


def _start(client, user, country, mechanism="upr", language="en"):
    verified_session(client, user)
    return client.post("/en/reports/submissions/", {"country": country.iso3, "mechanism": mechanism,
                                                     "language": language})


def test_who_sees_which_drafts(client, brief_data, personas):
    ukr, kgz = brief_data["UKR"], brief_data["KGZ"]
    assert _start(client, personas["documenter_ukr"], ukr).status_code == 302
    draft = SubmissionDraft.objects.get()
    assert draft.organisation.slug == "alliance-ukr" and draft.version == 1
    # A documenter starts drafts for its organisation's country only.
    response = _start(client, personas["documenter_ukr"], kgz)
    assert response.status_code == 400 and SubmissionDraft.objects.count() == 1
    page = f"/en/reports/submissions/{draft.pk}/"
    expected = {"admin": 200, "coordinator_ukr": 200, "case_manager_ukr": 200, "documenter_ukr": 200,
                "documenter_ukr2": 404, "coordinator_kgz": 404, "documenter_kgz": 404, "analyst": 404}
    for name, status in expected.items():
        verified_session(client, personas[name])
        assert client.get(page).status_code == status, name
        assert client.get(f"/en/reports/submissions/{draft.pk}/submission.docx").status_code == (
            200 if status == 200 else 404), name
        # The history follows its draft.
        versions = access.scope(personas[name], access.Action.VIEW, SubmissionDraftVersion)
        assert versions.filter(draft=draft).exists() == (status == 200), name
    # An analyst's draft is its own: nobody else's scope but the secretariat's holds it.
    assert _start(client, personas["analyst"], kgz, "cedaw").status_code == 302
    mine = SubmissionDraft.objects.get(mechanism="cedaw")
    assert mine.organisation is None
    verified_session(client, personas["coordinator_ukr"])
    assert client.get(f"/en/reports/submissions/{mine.pk}/").status_code == 404
    assert access.user_can(personas["coordinator_kgz"], "change", mine)
    assert not access.user_can(personas["documenter_kgz"], "view", mine)
    # Visitors are sent to sign in; the list is a 404 for nobody who may start or see a draft.
    client.logout()
    assert client.get("/en/reports/submissions/").status_code == 302


def test_starting_twice_opens_the_same_draft_with_the_suggestions(client, brief_data, personas, ukr_recommendation):
    first = _start(client, personas["coordinator_ukr"], brief_data["UKR"], "cescr")
    second = _start(client, personas["coordinator_ukr"], brief_data["UKR"], "cescr")
    assert first["Location"] == second["Location"]
    draft = SubmissionDraft.objects.get()
    # The author starts from the suggested recommendations: the open previous one first.
    assert draft.recommendations.startswith("Implement E/C.12/UKR/CO/7 ¶43")
    assert AuditEntry.objects.filter(action="reports.submission_start").count() == 1


def test_editing_keeps_versions_and_the_download_holds_the_texts(client, brief_data, personas, ukr_recommendation):
    _start(client, personas["documenter_ukr"], brief_data["UKR"], "cescr")
    draft = SubmissionDraft.objects.get()
    texts = {"title": "", "submitters": "Harm reduction NGO (UKR)",
             "introduction": "We report on the right to health of people who use drugs.",
             "findings": "Police stop outreach workers near pharmacies.\n\nOST is interrupted in pre-trial detention.",
             "recommendations": "Stop police interference with harm reduction services.\n\nProvide OST in all "
                                "places of detention."}
    page = f"/en/reports/submissions/{draft.pk}/"
    response = client.post(page, texts)
    assert response.status_code == 302
    assert client.post(page, texts).status_code == 302  # the same texts again: no new version
    draft.refresh_from_db()
    assert draft.version == 2 and draft.versions.count() == 2
    entry = AuditEntry.objects.get(action="reports.submission_save")
    assert set(entry.details["fields"]) == {"submitters", "introduction", "findings", "recommendations"}
    assert "pharmacies" not in str(entry.details)  # the audit names fields, never what they say
    assert "words of at most" not in client.get(page).content.decode()  # the CESCR sets no word limit

    docx = client.get(f"{page}submission.docx")
    assert docx["Content-Type"].endswith("wordprocessingml.document")
    assert docx["Content-Disposition"] == 'attachment; filename="submission-ukr-cescr-en-v2.docx"'
    text = _docx_text(docx.content)
    assert "OST is interrupted in pre-trial detention." in text
    assert "Findings of the submitting organisations" in text
    assert "E/C.12/UKR/CO/7 ¶43" in text  # the data section, drawn from the live data
    assert "Provide OST in all places of detention." in text and "Suggested recommendations" not in text
    pdf = pdf_text(client.get(f"{page}submission.pdf").content)
    assert "Police stop outreach workers near pharmacies." in pdf and "Harm reduction NGO (UKR)" in pdf


def test_a_draft_over_the_upr_limit_says_by_how_much_and_downloads_nothing(client, brief_data, personas):
    _start(client, personas["coordinator_ukr"], brief_data["UKR"], "upr")
    draft = SubmissionDraft.objects.get()
    page = f"/en/reports/submissions/{draft.pk}/"
    findings = "\n\n".join(" ".join(["Outreach workers were detained"] * 50) for _ in range(30))  # 6,000 words
    assert client.post(page, {"findings": findings}).status_code == 302
    body = client.get(page).content.decode()
    assert "over the limit of 5630" in body and "Shorten your texts by" in body
    response = client.get(f"{page}submission.pdf", follow=True)
    assert response.redirect_chain[-1][0] == page
    assert "the limit is 5630" in response.content.decode()


def test_a_russian_draft_downloads_in_russian(client, brief_data, personas):
    _start(client, personas["coordinator_ukr"], brief_data["UKR"], "hrc", "ru")
    draft = SubmissionDraft.objects.get()
    client.post(f"/en/reports/submissions/{draft.pk}/", {"findings": "Полиция задерживает аутрич-работников."})
    text = _docx_text(client.get(f"/en/reports/submissions/{draft.pk}/submission.docx").content)
    assert "Полиция задерживает аутрич-работников." in text
    assert "Комитет по правам человека" in text and "Выводы организаций, подающих доклад" in text


def test_deleting_asks_first_and_is_audited(client, brief_data, personas):
    _start(client, personas["documenter_ukr"], brief_data["UKR"])
    draft = SubmissionDraft.objects.get()
    url = f"/en/reports/submissions/{draft.pk}/delete/"
    assert client.get(url).status_code == 200 and SubmissionDraft.objects.exists()
    verified_session(client, personas["documenter_ukr2"])
    assert client.post(url).status_code == 404 and SubmissionDraft.objects.exists()
    verified_session(client, personas["documenter_ukr"])
    assert client.post(url).status_code == 302
    assert not SubmissionDraft.objects.exists()
    assert AuditEntry.objects.filter(action="reports.submission_delete").count() == 1


def test_the_command_writes_a_docx_and_refuses_another_extension(brief_data, tmp_path, capsys):
    out = tmp_path / "ukr.docx"
    call_command("submission", "UKR", "--mechanism", "cat", "--lang", "en", "-o", str(out))
    assert "Committee against Torture" in _docx_text(out.read_bytes())
    with pytest.raises(CommandError, match=r"must end in \.pdf or \.docx"):
        call_command("submission", "UKR", "--mechanism", "cat", "-o", str(tmp_path / "ukr.txt"))
