"""Writes: every change is versioned and audited in the same transaction; the policy and validation hold."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from observatory.audit.models import AuditEntry
from observatory.audit.services import audit_verify
from observatory.reviews.models import AssessmentVersion, CountryRoundReportVersion
from observatory.reviews.services import assessment_save, country_report_save, round_create, round_update

EVIDENCE = [{"url": "https://example.org/report-2024", "title": "Annual report 2024"}]


def test_an_edit_keeps_the_old_version_and_is_audited(personas, countries, rounds, items):
    coordinator = personas["coordinator_ukr"]
    review_round, item, ukr = rounds["unpublished"], items["item-1"], countries["UKR"]
    first, changed = assessment_save(actor=coordinator, review_round=review_round, item=item, country=ukr,
                                     status="not_started", comment_en="Nothing yet.")
    assert changed and first.version == 1
    second, changed = assessment_save(actor=coordinator, review_round=review_round, item=item, country=ukr,
                                      status="in_progress", evidence=EVIDENCE, comment_en="A pilot started.",
                                      comment_ru="Начат пилот.")
    assert changed and second.pk == first.pk and second.version == 2
    assert second.updated_by == coordinator

    versions = list(AssessmentVersion.objects.filter(assessment=second).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].data == {"status": "not_started", "evidence": [], "comment_en": "Nothing yet.",
                                "comment_ru": ""}
    assert versions[1].data["status"] == "in_progress" and versions[1].data["evidence"] == EVIDENCE
    assert all(v.changed_by == coordinator for v in versions)

    entries = list(AuditEntry.objects.filter(object_type="reviews.countryassessment").order_by("seq"))
    assert [e.action for e in entries] == ["review.assessment.create", "review.assessment.change"]
    assert entries[1].actor_username == "coordinator_ukr"
    assert entries[1].details["status"] == {"from": "not_started", "to": "in_progress"}
    assert entries[1].details["fields"] == ["comment_en", "comment_ru", "evidence", "status"]
    assert entries[1].details["version"] == 2
    assert audit_verify().ok


def test_saving_the_same_values_writes_no_version_and_no_audit(personas, countries, rounds, items):
    kwargs = {"actor": personas["coordinator_ukr"], "review_round": rounds["unpublished"], "item": items["item-1"],
              "country": countries["UKR"], "status": "achieved", "evidence": EVIDENCE}
    assessment_save(**kwargs)
    before = AuditEntry.objects.count()
    assessment, changed = assessment_save(**{**kwargs, "evidence": [*EVIDENCE, {"url": " ", "title": ""}]})
    assert not changed and assessment.version == 1
    assert AssessmentVersion.objects.count() == 1 and AuditEntry.objects.count() == before


@pytest.mark.parametrize("persona, iso3, round_key", [
    ("coordinator_kgz", "UKR", "unpublished"),  # not their country
    ("coordinator_ukr", "UKR", "published"),  # round closed
    ("admin", "UKR", "unpublished"),  # admins publish, civil society assesses
    ("analyst", "UKR", "unpublished"),
    ("documenter_ukr", "UKR", "unpublished"),
])
def test_writes_outside_the_policy_are_refused_and_leave_no_trace(personas, countries, rounds, items, persona, iso3,
                                                                   round_key):
    before = AuditEntry.objects.count()
    with pytest.raises(PermissionDenied):
        assessment_save(actor=personas[persona], review_round=rounds[round_key], item=items["item-1"],
                        country=countries[iso3], status="achieved")
    with pytest.raises(PermissionDenied):
        country_report_save(actor=personas[persona], review_round=rounds[round_key], country=countries[iso3],
                            introduction_en="x")
    assert AuditEntry.objects.count() == before
    assert not AssessmentVersion.objects.exists()


def test_invalid_values_name_the_field(personas, countries, rounds, items):
    kwargs = {"actor": personas["coordinator_ukr"], "review_round": rounds["unpublished"], "item": items["item-1"],
              "country": countries["UKR"]}
    with pytest.raises(ValidationError) as error:
        assessment_save(**kwargs, status="done")
    assert "status" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        assessment_save(**kwargs, status="achieved", evidence=[{"url": "not a link", "title": "Report"}])
    assert "evidence" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        assessment_save(**kwargs, status="achieved", evidence=[{"url": "https://example.org/x", "title": ""}])
    assert "evidence" in error.value.message_dict
    assert not AssessmentVersion.objects.exists()


def test_an_item_of_another_process_is_refused(personas, countries, rounds, items):
    from observatory.reviews.models import ReviewItem, ReviewProcess

    other = ReviewProcess.objects.create(code="other", title_en="Other", title_ru="Другой")
    foreign = ReviewItem.objects.create(process=other, code="x", number="1", title_en="X", title_ru="Х")
    with pytest.raises(ValidationError) as error:
        assessment_save(actor=personas["coordinator_ukr"], review_round=rounds["unpublished"], item=foreign,
                        country=countries["UKR"], status="achieved")
    assert "item" in error.value.message_dict


def test_state_funding_needs_its_currency_year_and_source(personas, countries, rounds):
    kwargs = {"actor": personas["coordinator_ukr"], "review_round": rounds["unpublished"],
              "country": countries["UKR"]}
    with pytest.raises(ValidationError) as error:
        country_report_save(**kwargs, funding_amount="1000")
    assert {"funding_currency", "funding_source_url", "funding_year"} <= set(error.value.message_dict)
    with pytest.raises(ValidationError) as error:
        country_report_save(**kwargs, funding_amount="1000", funding_currency="uah1", funding_year=2024,
                            funding_source_url="https://example.org/budget")
    assert "funding_currency" in error.value.message_dict

    report, changed = country_report_save(**kwargs, funding_amount="1250000.50", funding_currency="uah",
                                          funding_year=2024, funding_source_title="State budget 2024",
                                          funding_source_url="https://example.org/budget")
    assert changed and report.funding_amount == Decimal("1250000.50") and report.funding_currency == "UAH"
    report, changed = country_report_save(**kwargs, funding_amount="1300000", funding_currency="UAH",
                                          funding_year=2024, funding_source_title="State budget 2024",
                                          funding_source_url="https://example.org/budget")
    assert changed and report.version == 2
    versions = list(CountryRoundReportVersion.objects.filter(report=report).order_by("number"))
    assert [v.data["funding_amount"] for v in versions] == ["1250000.50", "1300000.00"]
    assert list(AuditEntry.objects.filter(object_type="reviews.countryroundreport")
                .values_list("action", flat=True).order_by("seq")) == ["review.report.create", "review.report.change"]


def test_admins_add_and_publish_rounds_with_an_audit_trail(personas, process):
    admin = personas["admin"]
    review_round = round_create(actor=admin, process=process, year=2026)
    assert not review_round.published and review_round.is_open
    with pytest.raises(ValidationError) as error:
        round_create(actor=admin, process=process, year=2026)
    assert "year" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        round_create(actor=personas["coordinator_ukr"], process=process, year=2027)
    with pytest.raises(PermissionDenied):
        round_update(actor=personas["coordinator_ukr"], review_round=review_round, published=True)
    round_update(actor=admin, review_round=review_round, published=True, is_open=False)
    review_round.refresh_from_db()
    assert review_round.published and review_round.published_at is not None and not review_round.is_open
    actions = list(AuditEntry.objects.filter(object_type="reviews.reviewround").values_list("action", flat=True)
                   .order_by("seq"))
    assert actions == ["review.round.create", "review.round.publish"]
    round_update(actor=admin, review_round=review_round, published=True)  # already published: nothing to record
    assert AuditEntry.objects.filter(object_type="reviews.reviewround").count() == 2
