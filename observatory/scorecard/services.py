"""Writes of the expert survey: loading the questions, assigning experts, answering, finalising (audited)."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from observatory import access
from observatory.audit.services import audit_record
from observatory.core.loaders import load_audit, rows_upsert
from observatory.scorecard.models import Confidence, SurveyAnswer, SurveyAssignment, SurveyFinal, SurveyQuestion

QUESTION_FIELDS = ("dimension", "text_en", "text_ru", "help_en", "help_ru", "options")


def _check_options(code: str, options) -> list[str]:
    problems = []
    if not isinstance(options, list) or len(options) < 2:
        return [f"question {code}: needs at least two options"]
    values = [o.get("value") for o in options]
    if len(set(values)) != len(values) or not all(isinstance(v, str) and v for v in values):
        problems.append(f"question {code}: option values must be distinct text (quote 'yes' and 'no' in YAML)")
    for option in options:
        score = option.get("score")
        if score is not None and not 0 <= float(score) <= 100:
            problems.append(f"question {code}: score of {option.get('value')!r} must be between 0 and 100")
        if not option.get("label_en") or not option.get("label_ru"):
            problems.append(f"question {code}: option {option.get('value')!r} needs label_en and label_ru")
    return problems


@transaction.atomic
def survey_questions_load(*, actor, path: Path | None = None) -> dict[str, int]:
    """Create or update the shipped survey questions from ``data/scorecard/survey.yaml`` (idempotent).

    A shipped question no longer in the file is made inactive, never deleted: answers refer to it.
    Questions staff added are left alone. A run that changes something writes one audit
    entry (``scorecard.survey_questions.load``) by ``actor`` (``access.SYSTEM`` for setup).
    """
    path = Path(path or settings.DATA_DIR / "scorecard" / "survey.yaml")
    spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    problems = []
    for item in spec.get("questions") or []:
        problems += _check_options(item.get("code"), item.get("options"))
        if not item.get("text_en") or not item.get("text_ru"):
            problems.append(f"question {item.get('code')}: needs text_en and text_ru")
    if problems:
        raise ValueError(f"{path} is not valid:\n" + "\n".join(problems))
    questions = rows_upsert(actor=actor, model=SurveyQuestion, keys="code", rows=[
        {"code": item["code"], **{f: item.get(f) or ("" if f != "options" else []) for f in QUESTION_FIELDS},
         "position": position, "active": True, "shipped": True}
        for position, item in enumerate(spec.get("questions") or [])])
    listed = {question.code for question in questions.objects}
    retired = list(SurveyQuestion.objects.exclude(code__in=listed).filter(active=True, shipped=True))
    for question in retired:
        access.require(actor, access.Action.CHANGE, question)
    SurveyQuestion.objects.filter(pk__in=[question.pk for question in retired]).update(active=False)
    counts = {**questions.counts, "deactivated": len(retired)}
    load_audit(actor=actor, action="scorecard.survey_questions.load", counts=counts, upserts=[questions],
               changed=bool(retired), details={"file": path.name})
    return counts


@transaction.atomic
def survey_assign(*, actor, question: SurveyQuestion, country, year: int, expert) -> SurveyAssignment:
    """Ask ``expert`` to rate ``question`` for ``country`` in survey ``year`` (admins only)."""
    assignment = SurveyAssignment(question=question, country=country, year=year, expert=expert)
    access.require(actor, access.Action.CREATE, assignment)
    if SurveyAssignment.objects.filter(question=question, country=country, year=year, expert=expert).exists():
        raise ValidationError("This expert is already assigned to this question, country and year.")
    assignment.save()
    audit_record(actor=actor, action="scorecard.survey_assigned", obj=assignment,
                 details={"question": question.code, "country": country.iso3, "year": year})
    return assignment


def _finalised(*, question_id, country_id, year) -> bool:
    return SurveyFinal.objects.filter(question_id=question_id, country_id=country_id, year=year).exists()


@transaction.atomic
def survey_answer(*, actor, assignment: SurveyAssignment, option: str, evidence: str, confidence: str,
                  evidence_url: str = "") -> SurveyAnswer:
    """Record or change the expert's answer to their own assignment, until the unit is finalised."""
    answer = getattr(assignment, "answer", None) if assignment.pk else None
    if answer is None:
        answer = SurveyAnswer(assignment=assignment)
        access.require(actor, access.Action.CREATE, answer)
    else:
        access.require(actor, access.Action.CHANGE, answer)
    if _finalised(question_id=assignment.question_id, country_id=assignment.country_id, year=assignment.year):
        raise ValidationError("A reviewer has finalised this answer; it can no longer change.")
    question = assignment.question
    if question.option(option) is None:
        raise ValidationError(f"{option!r} is not an answer to this question.")
    if confidence not in Confidence.values:
        raise ValidationError(f"confidence must be one of {', '.join(Confidence.values)}")
    if not evidence.strip():
        raise ValidationError("Give the evidence for the answer.")
    created = answer.pk is None
    answer.option, answer.score = option, question.option_score(option)
    answer.evidence, answer.evidence_url, answer.confidence = evidence.strip(), evidence_url.strip(), confidence
    answer.save()
    audit_record(actor=actor, action="scorecard.survey_answered" if created else "scorecard.survey_answer_changed",
                 obj=answer, details={"question": question.code, "country": assignment.country.iso3,
                                      "year": assignment.year})
    return answer


@transaction.atomic
def survey_finalise(*, actor, question: SurveyQuestion, country, year: int, option: str,
                    evidence: str) -> SurveyFinal:
    """The reviewer's final answer for one unit; it replaces an earlier final answer and feeds the index.

    Reviewers are admins and the coordinators of the country; a reviewer who rated the unit
    may not finalise it.
    """
    final = SurveyFinal.objects.filter(question=question, country=country, year=year).first()
    action = access.Action.CHANGE if final else access.Action.CREATE
    final = final or SurveyFinal(question=question, country=country, year=year)
    access.require(actor, action, final)
    if SurveyAssignment.objects.filter(question=question, country=country, year=year, expert=actor).exists():
        raise ValidationError("You rated this question for this country; another reviewer must finalise it.")
    if question.option(option) is None:
        raise ValidationError(f"{option!r} is not an answer to this question.")
    if not evidence.strip():
        raise ValidationError("Summarise the evidence for the final answer; it is published with the index.")
    final.option, final.score, final.evidence, final.reviewer = (option, question.option_score(option),
                                                                 evidence.strip(), actor)
    final.save()
    audit_record(actor=actor, action="scorecard.survey_finalised", obj=final,
                 details={"question": question.code, "country": country.iso3, "year": year, "option": option})
    return final
