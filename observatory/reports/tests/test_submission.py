"""The draft submission to a UN mechanism: within the word limit, suppression kept, both languages.

The recommendations and cases here are test data, made up.
"""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import translation

from observatory.access import SYSTEM
from observatory.reports import generate
from observatory.reports.documents.inputs import inputs_load
from observatory.reports.documents.submission import WORD_LIMITS, submission, words
from observatory.reports.tests.conftest import pdf_text
from observatory.rights.models import Assessment, Recommendation

pytestmark = pytest.mark.django_db


def _recommendations(country, n: int, *, words_each: int = 120):
    for i in range(n):
        Recommendation.objects.create(
            key=f"upr-test-{i}", country=country, mechanism="upr", cycle="3", date=datetime.date(2018, 1, 1),
            symbol="A/HRC/37/16", paragraph=f"115.{i}",
            text_en=" ".join(["Ensure access to treatment"] * (words_each // 4)),
            source_url="https://example.org/test")


def test_a_long_submission_is_shortened_to_the_upr_limit(brief_data):
    ukr = brief_data["UKR"]
    _recommendations(ukr, 80)  # 80 × 120 words: far over 5,630 in full
    first = Recommendation.objects.get(paragraph="115.0")
    Assessment.objects.create(recommendation=first, round=2022, status="partly", evidence="test")
    with translation.override("en"):
        doc, count = submission(inputs=inputs_load(), country=ukr, mechanism="upr", language="en")
    assert count == words(doc) <= WORD_LIMITS["upr"]
    text = " ".join(str(b) for b in doc.blocks)
    assert "A/HRC/37/16 ¶115.0" in text and "Implement A/HRC/37/16 ¶115.0, assessed as partly implemented." in text
    assert f"{count} words (sources not counted). Limit: 5630." in text


def test_the_command_writes_a_russian_pdf(brief_data, tmp_path, capsys):
    _recommendations(brief_data["UKR"], 2, words_each=20)
    out = tmp_path / "ukr-upr.pdf"
    call_command("submission", "UKR", "--mechanism", "upr", "--lang", "ru", "-o", str(out))
    assert "words of at most 5630" in capsys.readouterr().out
    text = pdf_text(out.read_bytes())
    assert "Универсальный периодический обзор" in text and "A/HRC/37/16" in text
    assert "Предыдущие рекомендации по наркотикам" in text


def test_the_violation_statistics_stay_suppressed(brief_data, personas):
    services = pytest.importorskip("observatory.cases.services")
    services.vocabularies_load(actor=SYSTEM)
    year = datetime.date.today().year - 1
    for violation, n in (("police_beating", 7), ("police_extortion", 2)):
        for _ in range(n):
            created, _ = services.case_create(actor=personas["documenter_ukr"], data=services.CaseData(
                occurred_on=f"{year}-03-15", region="Kyiv", channel="outreach", narrative="Synthetic test case.",
                consent=services.Consent(document=True, share_network=True, advocacy=False, contact=False),
                victim=services.VictimData(sex="female"),
                acts=[services.ActData(violation=violation, perpetrators=["police"])]), submit=True)
            services.case_verify(actor=personas["coordinator_ukr"], case=created)
    pdf, _count = generate.submission_pdf(country=brief_data["UKR"], mechanism="cescr", language="en")
    text = pdf_text(pdf)
    assert "Documented human-rights violations" in text and "<5" in text
    assert "Police extortion 2" not in text
