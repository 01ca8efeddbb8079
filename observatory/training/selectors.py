"""Reading the training records: curricula, the toolkit library (full-text search), and test results."""

from __future__ import annotations

from statistics import mean

from django.db.models import QuerySet

from observatory import access
from observatory.analysis.paired import TooFewPairs, paired_change
from observatory.training.models import FEEDBACK_QUESTIONS, Attempt, Curriculum, Feedback, Quiz, ToolkitDocument


def curriculum_list(*, user) -> QuerySet[Curriculum]:
    return access.scope(user, access.Action.VIEW, Curriculum).prefetch_related(
        "modules__documents", "modules__meetings")


def toolkit_list(*, q: str = "", kind: str = "", language: str = "", country: str = "", theme: str = ""
                 ) -> list[ToolkitDocument]:
    """Toolkit documents, filtered; ``q`` searches titles and summaries through the site's full-text index."""
    documents = ToolkitDocument.objects.prefetch_related("countries")
    if kind:
        documents = documents.filter(kind=kind)
    if country:
        documents = documents.filter(countries__iso3=country)
    items = list(documents)
    if language:
        items = [d for d in items if language in d.languages]
    if theme:
        items = [d for d in items if theme in d.themes]
    if q.strip():
        from observatory.search.selectors import index_fresh, search

        index_fresh()
        order = {e.key: i for i, e in enumerate(e for e in search(q) if e.kind == "toolkit")}
        items = sorted((d for d in items if d.slug in order), key=lambda d: order[d.slug])
    return items


def quizzes_of(meeting) -> list[Quiz]:
    return list(meeting.quizzes.all())


def results(*, user, meeting) -> dict:
    """Each test's results by participant number (the order of registration), the group's mean change with its
    confidence interval, and the feedback survey's ratings and comments. No one is named."""
    attempts = access.scope(user, access.Action.VIEW, Attempt).filter(quiz__meeting=meeting)
    numbers = {pk: n for n, pk in enumerate(meeting.registrations.order_by("created_at", "pk")
                                            .values_list("pk", flat=True), start=1)}
    tests = []
    for quiz in quizzes_of(meeting):
        by_person: dict[int, dict[str, float]] = {}
        for attempt in attempts.filter(quiz=quiz):
            by_person.setdefault(attempt.registration_id, {})[attempt.phase] = attempt.score
        rows = [{"number": numbers.get(pk, 0), "pre": s.get("pre"), "post": s.get("post"),
                 "change": s["post"] - s["pre"] if "pre" in s and "post" in s else None}
                for pk, s in sorted(by_person.items(), key=lambda item: numbers.get(item[0], 0))]
        paired = [r for r in rows if r["change"] is not None]
        try:
            change = paired_change([r["pre"] for r in paired], [r["post"] for r in paired])
            problem = ""
        except TooFewPairs:
            change, problem = None, "too_few"
        tests.append({"quiz": quiz, "rows": rows, "change": change, "problem": problem,
                      "pre_only": sum(1 for r in rows if r["post"] is None),
                      "post_only": sum(1 for r in rows if r["pre"] is None)})
    feedback = list(access.scope(user, access.Action.VIEW, Feedback).filter(registration__meeting=meeting))
    ratings = []
    for key, label in FEEDBACK_QUESTIONS.items():
        values = [f.ratings[key] for f in feedback if key in f.ratings]
        ratings.append({"label": label, "n": len(values), "mean": mean(values) if values else None,
                        "counts": [values.count(v) for v in (1, 2, 3, 4, 5)]})
    return {"tests": tests, "feedback": {
        "n": len(feedback), "ratings": ratings, "comments": [f.comment for f in feedback if f.comment]}}
