"""Reads for the scorecard: the platform's index for every year (cached), input names, and the expert survey."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max

from observatory import access
from observatory.core.i18n import translated
from observatory.scorecard.framework import Framework, framework_parse
from observatory.scorecard.inputs import FIRST_YEAR, RATIOS, Trace, history_load, input_kind
from observatory.scorecard.models import SurveyAnswer, SurveyAssignment, SurveyFinal, SurveyQuestion

if TYPE_CHECKING:  # pandas and the index's NumPy code load on first computation, not at start-up
    import pandas as pd

    from observatory.scorecard.index import Scorecard

CACHE_SECONDS = 60 * 60


def framework_path() -> Path:
    return Path(settings.DATA_DIR) / "scorecard" / "framework.yaml"


def framework_read(path: Path | str) -> dict:
    """A framework file as data: JSON for ``.json``, YAML otherwise."""
    text = Path(path).read_text(encoding="utf-8")
    return json.loads(text) if str(path).endswith(".json") else yaml.safe_load(text)


def framework_load(path: Path | str | None = None) -> Framework:
    return framework_parse(framework_read(path or framework_path()))


@dataclass
class PlatformScorecard:
    """The index computed on the platform's data for every year, with the trace of every input."""

    framework: Framework
    years: list[int]
    cards: dict[int, Scorecard]
    traces: dict[int, dict[tuple[str, str], Trace]]
    key: str

    @property
    def latest_year(self) -> int:
        return self.years[-1]

    def change(self, year: int) -> pd.DataFrame | None:
        if year - 1 not in self.cards:
            return None
        from observatory.scorecard import index

        return index.change(self.cards[year], self.cards[year - 1])


def _data_version(framework_text: str) -> str:
    """A digest that changes whenever an input of the index may have changed."""
    from observatory.indicators.models import Observation
    from observatory.laws.models import LegalProvision

    parts = [framework_text]
    for queryset, field in ((Observation.objects, "updated_at"), (LegalProvision.objects, "updated_at"),
                            (SurveyFinal.objects, "finalised_at")):
        summary = queryset.aggregate(n=Count("pk"), last=Max(field))
        parts.append(f"{summary['n']}:{summary['last']}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def scorecard_platform(*, path: Path | str | None = None) -> PlatformScorecard:
    """The shipped framework (or ``path``) scored on the platform's own data for each year since 2010.

    Cached until the data or the framework change.
    """
    text = Path(path or framework_path()).read_text(encoding="utf-8")
    key = f"scorecard:platform:v1:{_data_version(text)}:{hashlib.sha256(str(path).encode()).hexdigest()[:8]}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    from observatory.scorecard import index

    framework = framework_load(path)
    history = history_load(codes=framework.codes)
    years = list(range(FIRST_YEAR, history.latest_year() + 1))
    cards, traces = {}, {}
    for year in years:
        data, year_traces = history.at(framework.codes, year)
        cards[year] = index.score(framework, data, countries=history.countries)
        traces[year] = year_traces
    result = PlatformScorecard(framework=framework, years=years, cards=cards, traces=traces, key=key)
    cache.set(key, result, CACHE_SECONDS)
    return result


def scorecard_uncertainty(*, platform: PlatformScorecard, year: int) -> pd.DataFrame:
    """Median rank and 90 % rank interval for ``year`` (Monte Carlo, fixed seed; cached)."""
    key = f"{platform.key}:mc:{year}"
    cached = cache.get(key)
    if cached is None:
        import pandas as pd

        from observatory.scorecard import index

        card = platform.cards[year]
        data = pd.DataFrame([(c, code, t.value) for (c, code), t in platform.traces[year].items()],
                            columns=["country", "indicator", "value"])
        cached = index.uncertainty(platform.framework, data, countries=list(card.scores.index))
        cache.set(key, cached, CACHE_SECONDS)
    return cached


def input_names(*, codes: list[str], language: str) -> dict[str, dict]:
    """Name, unit and link target of each input code, in ``language``."""
    from observatory.indicators.models import Indicator
    from observatory.laws.models import ModelLawProvision

    names = {}
    law = {f"law:{p.code}": p for p in ModelLawProvision.objects.filter(
        code__in=[c.removeprefix("law:") for c in codes if input_kind(c) == "law"])}
    survey = {f"survey:{q.code}": q for q in SurveyQuestion.objects.filter(
        code__in=[c.removeprefix("survey:") for c in codes if input_kind(c) == "survey"])}
    indicators = {i.code: i for i in Indicator.objects.filter(code__in=codes + [
        part for c in codes if c in RATIOS for part in (RATIOS[c].numerator, RATIOS[c].denominator)])}
    for code in codes:
        kind = input_kind(code)
        entry = {"kind": kind, "name": code, "unit": "", "indicator": None}
        if kind == "law" and code in law:
            entry["name"] = translated(law[code], "label", language)
        elif kind == "survey" and code in survey:
            entry["name"] = translated(survey[code], "text", language)
        elif kind == "ratio":
            ratio = RATIOS[code]
            entry |= {"name": translated(ratio, "name", language), "unit": translated(ratio, "unit", language)}
        elif code in indicators:
            indicator = indicators[code]
            entry |= {"name": translated(indicator, "name", language),
                      "unit": translated(indicator, "unit", language), "indicator": code}
        names[code] = entry
    return names


def survey_assignments_for(*, user):
    """The user's own assignments, with their answers, question and country."""
    return (access.scope(user, access.Action.VIEW, SurveyAssignment).filter(expert=user)
            .select_related("question", "country", "answer").order_by("-year", "country__iso3",
                                                                       "question__position"))


def survey_units_to_review(*, user) -> list[dict]:
    """Units (question x country x year) with answers that ``user`` may finalise, with their state."""
    answers = (access.scope(user, access.Action.VIEW, SurveyAnswer)
               .select_related("assignment__question", "assignment__country"))
    units: dict = {}
    for answer in answers:
        a = answer.assignment
        unit = units.setdefault((a.question.code, a.country.iso3, a.year),
                                {"question": a.question, "country": a.country, "year": a.year, "answers": 0})
        unit["answers"] += 1
    finals = {(f.question.code, f.country.iso3, f.year): f for f in SurveyFinal.objects.select_related(
        "question", "country").filter(year__in={k[2] for k in units})}
    reviewable = []
    for key, unit in units.items():
        unit["final"] = finals.get(key)
        probe = unit["final"] or SurveyFinal(question=unit["question"], country=unit["country"], year=unit["year"])
        action = access.Action.CHANGE if unit["final"] else access.Action.CREATE
        if access.user_can(user, action, probe):
            reviewable.append(unit)
    return sorted(reviewable, key=lambda u: (-u["year"], u["country"].iso3, u["question"].position))


def survey_unit(*, user, question: SurveyQuestion, country, year: int) -> dict:
    """The answers ``user`` may see for one unit, the agreement on the question that year, and the final answer."""
    answers = list(access.scope(user, access.Action.VIEW, SurveyAnswer)
                   .filter(assignment__question=question, assignment__country=country, assignment__year=year)
                   .select_related("assignment__expert", "assignment__question").order_by("answered_at"))
    assigned = SurveyAssignment.objects.filter(question=question, country=country, year=year).count()
    final = SurveyFinal.objects.filter(question=question, country=country, year=year).first()
    return {"answers": answers, "assigned": assigned, "final": final,
            "agreement": survey_agreement(question=question, year=year)}


def survey_agreement(*, question: SurveyQuestion, year: int) -> dict:
    """Krippendorff's alpha (ordinal, on the answers' scores) across the countries rated for one question and year.

    Answers marked not applicable (no score) are left out. ``alpha`` is ``None`` where undefined.
    """
    rows = (SurveyAnswer.objects.filter(assignment__question=question, assignment__year=year, score__isnull=False)
            .values_list("assignment__country_id", "assignment__expert_id", "score"))
    from observatory.scorecard import agreement

    ratings = list(rows)
    matrix = agreement.reliability_matrix(ratings) if ratings else None
    units = {u for u, _, _ in ratings}
    return {"alpha": agreement.alpha(matrix) if matrix is not None else None, "units": len(units),
            "raters": len({r for _, r, _ in ratings}), "ratings": len(ratings)}
