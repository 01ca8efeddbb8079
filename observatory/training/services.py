"""Writes of the training capability: a participant's test and feedback (through their private link), and
loading curricula, modules, tests and the toolkit library from data files (all or nothing, idempotent)."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from observatory import access
from observatory.audit.services import audit_record
from observatory.core.loaders import full_clean, load_audit, rows_upsert
from observatory.countries.models import Country
from observatory.meetings.models import Meeting, Registration, RegistrationStatus
from observatory.training.models import (
    FEEDBACK_QUESTIONS,
    TOOLKIT_THEMES,
    Attempt,
    Curriculum,
    DocumentKind,
    Feedback,
    Module,
    Phase,
    Quiz,
    ToolkitDocument,
)


def _participant(registration: Registration) -> None:
    if registration.status != RegistrationStatus.REGISTERED:
        raise ValidationError(_("This registration was withdrawn."), code="withdrawn")


def answer_errors(quiz: Quiz, answers: dict[str, int | None]) -> dict[str, str]:
    errors = {}
    for question in quiz.questions:
        given = answers.get(question["id"])
        if given is None or not 0 <= given < len(question["options_en"]):
            errors[f"q_{question['id']}"] = _("Choose one answer.")
    return errors


@transaction.atomic
def attempt_submit(*, registration: Registration, quiz: Quiz, phase: str, answers: dict[str, int | None]
                   ) -> tuple[Attempt, bool]:
    """Score and keep a participant's answers (their private link authorises it). Returns the attempt and
    whether it is new: a test is taken once per phase, and a second submission returns the first."""
    _participant(registration)
    if phase not in Phase.values or quiz.meeting_id != registration.meeting_id:
        raise ValidationError(_("This test is not for this registration."), code="wrong_quiz")
    existing = Attempt.objects.filter(quiz=quiz, registration=registration, phase=phase).first()
    if existing is not None:
        return existing, False
    errors = answer_errors(quiz, answers)
    if errors:
        raise ValidationError({key: [message] for key, message in errors.items()})
    correct = sum(1 for q in quiz.questions if answers[q["id"]] == q["answer"])
    attempt = Attempt(quiz=quiz, registration=registration, phase=phase,
                      answers={q["id"]: answers[q["id"]] for q in quiz.questions}, correct=correct,
                      total=len(quiz.questions))
    try:
        with transaction.atomic():
            attempt.save()
    except IntegrityError:  # the same submission in a request that committed first
        return Attempt.objects.get(quiz=quiz, registration=registration, phase=phase), False
    audit_record(actor=access.SYSTEM, action="training.attempt", obj=registration,
                 details={"quiz": str(quiz), "phase": phase, "by": "participant's private link"})
    return attempt, True


@transaction.atomic
def feedback_submit(*, registration: Registration, ratings: dict[str, int | None], comment: str
                    ) -> tuple[Feedback, bool]:
    """Keep a participant's feedback once; a second submission returns the first."""
    _participant(registration)
    existing = Feedback.objects.filter(registration=registration).first()
    if existing is not None:
        return existing, False
    errors = {key: _("Choose from 1 (poor) to 5 (very good).") for key in FEEDBACK_QUESTIONS
              if ratings.get(key) not in (1, 2, 3, 4, 5)}
    if len(comment) > 3000:
        errors["comment"] = _("At most %(n)s characters.") % {"n": 3000}
    if errors:
        raise ValidationError({key: [message] for key, message in errors.items()})
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(registration=registration, comment=comment.strip(),
                                               ratings={key: ratings[key] for key in FEEDBACK_QUESTIONS})
    except IntegrityError:
        return Feedback.objects.get(registration=registration), False
    audit_record(actor=access.SYSTEM, action="training.feedback", obj=registration,
                 details={"meeting": registration.meeting.slug, "by": "participant's private link"})
    return feedback, True


class TrainingDataError(ValueError):
    """A record of a training data file is wrong; the message names the file, the record and the field."""


def _need(record: dict, keys: tuple[str, ...], where: str) -> None:
    missing = [k for k in keys if record.get(k) in (None, "", [])]
    if missing:
        raise TrainingDataError(f"{where}: missing {', '.join(missing)}")


def _documents(records: list, name: str, countries: dict) -> list[dict]:
    rows = []
    for number, r in enumerate(records, start=1):
        where = f"{name} toolkit record {number} ({r.get('slug', '?')})"
        _need(r, ("slug", "title", "publisher", "kind", "url", "summary_en"), where)
        if r["kind"] not in DocumentKind.values:
            raise TrainingDataError(f"{where}: kind {r['kind']!r} not in {', '.join(DocumentKind.values)}")
        unknown = [t for t in r.get("themes") or [] if t not in TOOLKIT_THEMES]
        if unknown:
            raise TrainingDataError(f"{where}: themes {', '.join(unknown)} not in {', '.join(TOOLKIT_THEMES)}")
        wrong = [c for c in r.get("countries") or [] if c not in countries]
        if wrong:
            raise TrainingDataError(f"{where}: countries {', '.join(wrong)} are not the platform's")
        rows.append({"slug": r["slug"], "title": r["title"], "title_ru": r.get("title_ru") or "",
                     "publisher": r["publisher"], "year": r.get("year"), "kind": r["kind"],
                     "languages": r.get("languages") or [], "themes": r.get("themes") or [], "url": r["url"],
                     "summary_en": r["summary_en"], "summary_ru": r.get("summary_ru") or "",
                     "source_note": r.get("source_note") or ""})
    return rows


def _questions(quiz: dict, where: str) -> list[dict]:
    questions = quiz.get("questions") or []
    if not questions:
        raise TrainingDataError(f"{where}: missing questions")
    ids = set()
    for number, q in enumerate(questions, start=1):
        here = f"{where} question {number}"
        _need(q, ("id", "text_en", "text_ru", "options_en", "options_ru"), here)
        if len(q["options_en"]) != len(q["options_ru"]) or len(q["options_en"]) < 2:
            raise TrainingDataError(f"{here}: options_en and options_ru need the same number (2 or more)")
        if not isinstance(q.get("answer"), int) or not 0 <= q["answer"] < len(q["options_en"]):
            raise TrainingDataError(f"{here}: answer must be the index (from 0) of the right option")
        if str(q["id"]) in ids:
            raise TrainingDataError(f"{here}: id {q['id']!r} is repeated")
        ids.add(str(q["id"]))
    return [{**q, "id": str(q["id"])} for q in questions]


@transaction.atomic
def training_load(*, actor, path: Path) -> dict[str, int]:
    """Load toolkit documents, curricula with modules, and tests from one YAML file.

    The file may hold ``toolkit``, ``curricula`` (each with ``modules``, naming documents and meetings by
    slug) and ``tests`` (each naming its meeting). Everything is checked first; a wrong record is named and
    nothing is written. Running it again changes nothing.
    """
    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    countries = {c.iso3: c for c in Country.objects.all()}
    documents = _documents(data.get("toolkit") or [], path.name, countries)
    known_documents = {d["slug"] for d in documents} | set(ToolkitDocument.objects.values_list("slug", flat=True))
    meetings = {m.slug: m for m in Meeting.objects.all()}
    curricula, modules, quizzes = [], [], []
    for number, c in enumerate(data.get("curricula") or [], start=1):
        where = f"{path.name} curriculum {number} ({c.get('slug', '?')})"
        _need(c, ("slug", "title_en", "title_ru", "modules"), where)
        curricula.append({"slug": c["slug"], "title_en": c["title_en"], "title_ru": c["title_ru"],
                          "description_en": c.get("description_en") or "",
                          "description_ru": c.get("description_ru") or "", "published": bool(c.get("published"))})
        for position, m in enumerate(c["modules"], start=1):
            here = f"{where} module {position}"
            _need(m, ("title_en", "title_ru"), here)
            missing = [d for d in m.get("documents") or [] if d not in known_documents]
            if missing:
                raise TrainingDataError(f"{here}: documents {', '.join(missing)} are not in the toolkit")
            unknown = [s for s in m.get("meetings") or [] if s not in meetings]
            if unknown:
                raise TrainingDataError(f"{here}: meetings {', '.join(unknown)} do not exist")
            modules.append((c["slug"], position, m))
    for number, t in enumerate(data.get("tests") or [], start=1):
        where = f"{path.name} test {number} ({t.get('slug', '?')})"
        _need(t, ("slug", "meeting", "title_en", "title_ru"), where)
        if t["meeting"] not in meetings:
            raise TrainingDataError(f"{where}: meeting {t['meeting']!r} does not exist")
        quizzes.append({"meeting": meetings[t["meeting"]], "slug": t["slug"], "title_en": t["title_en"],
                        "title_ru": t["title_ru"], "questions": _questions(t, where)})
    counts = {}
    upserts = [rows_upsert(actor=actor, model=ToolkitDocument, keys="slug", rows=documents, clean=full_clean),
               rows_upsert(actor=actor, model=Curriculum, keys="slug", rows=curricula, clean=full_clean),
               rows_upsert(actor=actor, model=Quiz, keys=("meeting", "slug"), rows=quizzes, clean=full_clean)]
    for record in data.get("toolkit") or []:
        document = ToolkitDocument.objects.get(slug=record["slug"])
        document.countries.set([countries[c] for c in record.get("countries") or []])
    by_slug = {c.slug: c for c in Curriculum.objects.filter(slug__in=[c["slug"] for c in curricula])}
    module_rows = [{"curriculum": by_slug[slug], "position": position, "title_en": m["title_en"],
                    "title_ru": m["title_ru"], "summary_en": m.get("summary_en") or "",
                    "summary_ru": m.get("summary_ru") or "", "trainers": m.get("trainers") or ""}
                   for slug, position, m in modules]
    upserts.append(rows_upsert(actor=actor, model=Module, keys=("curriculum", "position"), rows=module_rows,
                               clean=full_clean))
    for slug, position, m in modules:
        module = Module.objects.get(curriculum=by_slug[slug], position=position)
        module.documents.set(ToolkitDocument.objects.filter(slug__in=m.get("documents") or []))
        module.meetings.set([meetings[s] for s in m.get("meetings") or []])
    for label, upsert in zip(("toolkit documents", "curricula", "tests", "modules"), upserts):
        counts[f"{label} created"] = upsert.counts["created"]
        counts[f"{label} updated"] = upsert.counts["updated"]
    counts["unchanged"] = sum(u.counts["unchanged"] for u in upserts)
    load_audit(actor=actor, action="training.load", counts=counts, upserts=upserts)
    return counts


def toolkit_load(*, actor, directory: Path | None = None) -> dict[str, int]:
    """The shipped toolkit library (``data/training/*.yaml``), for ``observatory setup``."""
    directory = Path(directory or settings.DATA_DIR / "training")
    counts: dict[str, int] = {}
    for path in sorted(directory.glob("*.yaml")):
        for key, value in training_load(actor=actor, path=path).items():
            counts[key] = counts.get(key, 0) + value
    return counts
