"""Scorecard pages: the ranking by year, a country's score traced to its inputs, and the expert survey."""

from __future__ import annotations

import math

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from observatory import access
from observatory.core.forms import add_service_errors
from observatory.core.i18n import language_code
from observatory.countries.selectors import country_get, country_list
from observatory.scorecard import selectors, services
from observatory.scorecard.forms import AnswerForm, FinalForm
from observatory.scorecard.inputs import law_phrase
from observatory.scorecard.models import SurveyAssignment, SurveyFinal, SurveyQuestion


def _num(value) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def _year(request, platform) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return platform.latest_year
    if year not in platform.cards:
        raise Http404
    return year


def _framework_rows(framework, names) -> list[dict]:
    total = sum(d.weight for d in framework.dimensions)
    rows = []
    for dim in framework.dimensions:
        dim_total = sum(i.weight for i in dim.indicators)
        rows.append({"dimension": dim, "name": dim.name(language_code()), "share": dim.weight / total,
                     "indicators": [{"spec": i, "name": names[i.code]["name"], "kind": names[i.code]["kind"],
                                     "share": i.weight / dim_total} for i in dim.indicators]})
    return rows


def ranking(request):
    platform = selectors.scorecard_platform()
    year = _year(request, platform)
    card = platform.cards[year]
    uncertainty = selectors.scorecard_uncertainty(platform=platform, year=year)
    change = platform.change(year)
    countries = {c.iso3: c for c in country_list()}
    framework = platform.framework
    rows, unscored, unranked = [], [], []
    for iso3, row in card.scores.iterrows():
        if iso3 not in countries:
            continue
        if math.isnan(row["score"]):
            unscored.append(countries[iso3])
            continue
        if math.isnan(row["rank"]):
            unranked.append({"country": countries[iso3], "score": row["score"], "coverage": row["coverage"]})
            continue
        item = {"country": countries[iso3], "score": row["score"], "rank": int(row["rank"]),
                "coverage": row["coverage"],
                "dimensions": [_num(card.dimensions.at[iso3, d.code]) for d in framework.dimensions],
                "median_rank": _num(uncertainty.at[iso3, "median_rank"]),
                "rank_low": _num(uncertainty.at[iso3, "rank_low"]),
                "rank_high": _num(uncertainty.at[iso3, "rank_high"])}
        if change is not None and iso3 in change.index:
            item |= {"change": _num(change.at[iso3, "change"]), "rank_change": _num(change.at[iso3, "rank_change"]),
                     "same_inputs": bool(change.at[iso3, "same_inputs"])}
        rows.append(item)
    rows.sort(key=lambda r: (r["rank"], r["country"].name))
    # A dimension no ranked country has data for would be a column of dashes: name it once instead.
    dimension_names = [d.name(language_code()) for d in framework.dimensions]
    empty = [i for i in range(len(dimension_names)) if rows and all(r["dimensions"][i] is None for r in rows)]
    for row in rows:
        row["dimensions"] = [v for i, v in enumerate(row["dimensions"]) if i not in empty]
    names = selectors.input_names(codes=framework.codes, language=language_code())
    return render(request, "scorecard/ranking.html", {
        "year": year, "years": platform.years, "rows": rows, "unscored": sorted(unscored, key=lambda c: c.name),
        "unranked": sorted(unranked, key=lambda r: r["country"].name), "min_coverage": framework.min_coverage,
        "dimensions": [n for i, n in enumerate(dimension_names) if i not in empty],
        "empty_dimensions": [dimension_names[i] for i in empty],
        "framework_rows": _framework_rows(framework, names), "aggregation": framework.aggregation,
        "has_change": change is not None, "previous_year": year - 1,
    })


def _display(trace, name, questions) -> dict:
    """How one input is shown: its value as printed, its year and where it comes from."""
    item = {"trace": trace, "kind": trace.kind}
    if trace.kind == "law":
        item["text"] = law_phrase(trace)
    elif trace.kind == "survey":
        question = questions.get(trace.extra["question"])
        item["text"] = question.option_label(trace.raw) if question else trace.raw
    elif trace.kind == "ratio":
        top, bottom = trace.parts
        item["text"] = f"{trace.value:,.1f}"
        item["parts"] = [{"trace": top}, {"trace": bottom}]
    else:
        item["text"] = trace.raw
    item["unit"] = name.get("unit", "")
    return item


def country(request, iso3: str):
    country = country_get(iso3=iso3)
    if country is None:
        raise Http404
    platform = selectors.scorecard_platform()
    year = _year(request, platform)
    card = platform.cards[year]
    if country.iso3 not in card.scores.index:
        raise Http404
    framework = platform.framework
    language = language_code()
    names = selectors.input_names(codes=framework.codes, language=language)
    row = card.scores.loc[country.iso3]
    contributions = card.contributions[card.contributions["country"] == country.iso3].set_index("indicator")
    traces = platform.traces[year]
    questions = {q.code: q for q in access.scope(request.user, access.Action.VIEW, SurveyQuestion)}
    dimensions = []
    for dim in framework.dimensions:
        items = []
        for spec in dim.indicators:
            c = contributions.loc[spec.code]
            trace = traces.get((country.iso3, spec.code))
            items.append({"spec": spec, "name": names[spec.code], "present": trace is not None,
                          "display": _display(trace, names[spec.code], questions) if trace else None,
                          "normalised": _num(c["normalised"]), "weight": _num(c["weight"]),
                          "points": _num(c["points"])})
        weights = contributions.loc[[i.code for i in dim.indicators], "dimension_weight"].dropna()
        dimensions.append({"dimension": dim, "name": dim.name(language), "items": items,
                           "score": _num(card.dimensions.at[country.iso3, dim.code]),
                           "weight": float(weights.iloc[0]) if len(weights) else None})
    uncertainty = selectors.scorecard_uncertainty(platform=platform, year=year).loc[country.iso3]
    change = platform.change(year)
    history = [{"year": y, "score": _num(platform.cards[y].scores.at[country.iso3, "score"]),
                "rank": _num(platform.cards[y].scores.at[country.iso3, "rank"]),
                "coverage": _num(platform.cards[y].scores.at[country.iso3, "coverage"])} for y in platform.years]
    return render(request, "scorecard/country.html", {
        "country": country, "year": year, "years": platform.years, "score": _num(row["score"]),
        "rank": _num(row["rank"]), "coverage": row["coverage"], "dimensions": dimensions,
        "n_ranked": int(card.scores["rank"].notna().sum()), "aggregation": framework.aggregation,
        "median_rank": _num(uncertainty["median_rank"]), "rank_low": _num(uncertainty["rank_low"]),
        "rank_high": _num(uncertainty["rank_high"]),
        "change": _num(change.at[country.iso3, "change"]) if change is not None else None,
        "same_inputs": bool(change.at[country.iso3, "same_inputs"]) if change is not None else True,
        "history": [h for h in history if h["score"] is not None],
    })


@login_required
def survey_home(request):
    return render(request, "scorecard/survey_home.html", {
        "assignments": selectors.survey_assignments_for(user=request.user),
        "units": selectors.survey_units_to_review(user=request.user),
    })


@login_required
@access.not_found_on_denied
def survey_answer(request, assignment_id: int):
    assignment = access.access_object(user=request.user, model=SurveyAssignment, pk=assignment_id,
                                      expert=request.user)
    question = assignment.question
    existing = getattr(assignment, "answer", None)
    initial = ({"option": existing.option, "evidence": existing.evidence, "evidence_url": existing.evidence_url,
                "confidence": existing.confidence} if existing else None)
    form = AnswerForm(request.POST or None, initial=initial, question=question)
    finalised = access.scope(request.user, access.Action.VIEW, SurveyFinal).filter(
        question=question, country=assignment.country, year=assignment.year).exists()
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer(actor=request.user, assignment=assignment, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("scorecard:survey")
    return render(request, "scorecard/survey_answer.html", {"assignment": assignment, "question": question,
                                                            "form": form, "finalised": finalised})


@login_required
@access.not_found_on_denied
def survey_review(request, code: str, iso3: str, year: int):
    question = access.access_object(user=request.user, model=SurveyQuestion, code=code)
    country = country_get(iso3=iso3)
    if country is None:
        raise Http404
    final = access.scope(request.user, access.Action.VIEW, SurveyFinal).filter(
        question=question, country=country, year=year).first()
    probe = final or SurveyFinal(question=question, country=country, year=year)
    if not access.user_can(request.user, access.Action.CHANGE if final else access.Action.CREATE, probe):
        raise Http404
    unit = selectors.survey_unit(user=request.user, question=question, country=country, year=year)
    initial = {"option": final.option, "evidence": final.evidence} if final else None
    form = FinalForm(request.POST or None, initial=initial, question=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_finalise(actor=request.user, question=question, country=country, year=year,
                                     **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("scorecard:survey")
    return render(request, "scorecard/survey_review.html", {
        "question": question, "country": country, "year": year, "unit": unit, "form": form,
        "alpha_note": gettext("Not computable yet: it needs at least two experts rating the same countries, "
                         "with answers that differ somewhere.")})
