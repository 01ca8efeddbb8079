"""The shadow report section's context: what a PDF renderer will get, and who may get it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.http import Http404
from django.utils import translation

from observatory.access import SYSTEM
from observatory.reviews.progress import Change
from observatory.reviews.selectors import shadow_report_context
from observatory.reviews.services import assessment_save, country_report_save

EVIDENCE = [{"url": "https://example.org/law", "title": "Law No. 1"}]


@pytest.fixture
def ukr_report(countries, rounds, items):
    ukr = countries["UKR"]
    assessment_save(actor=SYSTEM, review_round=rounds["published"], item=items["item-1"], country=ukr,
                    status="not_started")
    assessment_save(actor=SYSTEM, review_round=rounds["published_open"], item=items["item-1"], country=ukr,
                    status="in_progress", evidence=EVIDENCE, comment_en="A pilot programme started.",
                    comment_ru="Начата пилотная программа.")
    assessment_save(actor=SYSTEM, review_round=rounds["published_open"], item=items["item-2"], country=ukr,
                    status="regressed")
    country_report_save(actor=SYSTEM, review_round=rounds["published_open"], country=ukr,
                        introduction_en="Civil society in Ukraine assessed ...", introduction_ru="",
                        funding_amount="2500000", funding_currency="UAH", funding_year=2023,
                        funding_source_title="State budget 2023", funding_source_url="https://example.org/budget",
                        funding_note_ru="Только ОЗТ.")
    return ukr


def test_the_context_holds_statuses_changes_evidence_and_funding(ukr_report, rounds):
    context = shadow_report_context(rounds["published_open"], ukr_report)
    assert context["round"] == rounds["published_open"] and context["previous_round"] == rounds["published"]
    entries = {e["item"].code: e for e in context["entries"]}
    assert list(entries) == ["item-1", "item-2", "item-3"]
    assert entries["item-1"]["status"] == "in_progress" and entries["item-1"]["change"] == Change.IMPROVED
    assert entries["item-1"]["previous_status"] == "not_started"
    assert entries["item-1"]["evidence"] == EVIDENCE
    assert entries["item-2"]["change"] == Change.FIRST  # not assessed in the previous round
    assert entries["item-3"]["status"] is None and entries["item-3"]["change"] == Change.NONE
    assert context["assessed"] == 2
    assert {c["status"]: c["n"] for c in context["counts"]} == {"not_started": 0, "in_progress": 1,
                                                                "achieved": 0, "regressed": 1}
    assert context["funding"]["amount"] == Decimal("2500000.00") and context["funding"]["currency"] == "UAH"
    assert context["funding"]["source_url"] == "https://example.org/budget"
    assert [g["heading"] for g in context["groups"]] == ["Chapter 1"]
    assert context["sources"] == [{"title": "Test document", "url": "https://example.org/doc"}]


def test_texts_follow_the_language_with_the_other_as_fallback(ukr_report, rounds):
    with translation.override("ru"):
        context = shadow_report_context(rounds["published_open"], ukr_report)
        entry = next(e for e in context["entries"] if e["item"].code == "item-1")
        assert entry["comment"] == "Начата пилотная программа." and entry["item"].title == "Пункт 1"
        assert context["introduction"] == "Civil society in Ukraine assessed ..."  # no Russian text: English
        assert context["funding"]["note"] == "Только ОЗТ."
        assert entry["status_label"] == "В процессе"
    with translation.override("en"):
        context = shadow_report_context(rounds["published_open"], ukr_report)
        assert context["funding"]["note"] == "Только ОЗТ."  # only given in Russian


def test_an_unpublished_round_needs_a_reader_who_may_see_it(personas, countries, rounds, items):
    ukr = countries["UKR"]
    assessment_save(actor=SYSTEM, review_round=rounds["unpublished"], item=items["item-1"], country=ukr,
                    status="achieved")
    with pytest.raises(Http404):
        shadow_report_context(rounds["unpublished"], ukr)  # a renderer working for the public
    with pytest.raises(Http404):
        shadow_report_context(rounds["unpublished"], ukr, user=personas["analyst"])
    with pytest.raises(Http404):
        shadow_report_context(rounds["unpublished"], ukr, user=personas["coordinator_kgz"])
    draft = shadow_report_context(rounds["unpublished"], ukr, user=personas["coordinator_ukr"])
    assert draft["entries"][0]["status"] == "achieved"
    assert shadow_report_context(rounds["unpublished"], ukr, user=personas["admin"])["assessed"] == 1
