"""Reads of the review tracker. Every protected read starts from the access policy's scope.

Pages and the API show only what the reader may see: the public and analysts see
published rounds; a coordinator also sees their own countries' records in
unpublished rounds; admins see everything.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from observatory import access
from observatory.reviews import progress
from observatory.reviews.models import (
    CountryAssessment,
    CountryRoundReport,
    ReviewItem,
    ReviewProcess,
    ReviewRound,
    Status,
)

VIEW = access.Action.VIEW


def labelled_counts(counts: dict[str, int]) -> list[dict]:
    """``{status: n}`` as a list of ``{"status", "label", "n"}`` in display order, for templates."""
    return [{"status": status, "label": Status(status).label, "n": n} for status, n in counts.items()]


def process_list(*, user) -> list[ReviewProcess]:
    """Processes, each with ``visible_rounds`` (the rounds ``user`` may see, by year). Two queries."""
    rounds = access.scope(user, VIEW, ReviewRound).order_by("year")
    processes = (access.scope(user, VIEW, ReviewProcess)
                 .prefetch_related(Prefetch("rounds", queryset=rounds, to_attr="visible_rounds")))
    return list(processes)


def round_list(*, user, process: ReviewProcess) -> list[ReviewRound]:
    return list(access.scope(user, VIEW, ReviewRound).filter(process=process).order_by("year"))


def item_list(*, process: ReviewProcess, review_round: ReviewRound | None = None) -> list[ReviewItem]:
    """The process's active items, plus inactive ones that still have assessments in ``review_round``."""
    q = Q(active=True)
    if review_round is not None:
        q |= Q(assessments__round=review_round)
    return list(access.public_scope(ReviewItem).filter(q, process=process).distinct().order_by("position", "number"))


def assessments_in_scope(*, user) -> QuerySet[CountryAssessment]:
    return access.scope(user, VIEW, CountryAssessment)


def reports_in_scope(*, user) -> QuerySet[CountryRoundReport]:
    return access.scope(user, VIEW, CountryRoundReport)


def rounds_for_country(*, user, rounds: list[ReviewRound], country) -> list[ReviewRound]:
    """The rounds in which ``user`` may see ``country``'s records (asked of the policy, round by round)."""
    viewer = user
    return [r for r in rounds if r.published or access.user_can(viewer, VIEW, CountryRoundReport(round=r,
                                                                                                  country=country))]


# Regional view ------------------------------------------------------------------------------------

def region_status_counts(*, user, rounds: list[ReviewRound]) -> list[dict]:
    """For each round, the number of assessments in each status across countries, and how many countries report.

    Two queries for all rounds. A reader sees the counts of what they may see.
    """
    rows = (assessments_in_scope(user=user).filter(round__in=rounds)
            .values("round_id", "status").annotate(n=Count("id")))
    by_round: dict[int, dict[str, int]] = defaultdict(dict)
    for row in rows:
        by_round[row["round_id"]][row["status"]] = row["n"]
    countries = dict(assessments_in_scope(user=user).filter(round__in=rounds).values("round_id")
                     .annotate(n=Count("country_id", distinct=True)).values_list("round_id", "n"))
    result = []
    for r in rounds:
        counts = {status: by_round[r.pk].get(status, 0) for status in progress.STATUSES}
        result.append({"round": r, "counts": counts, "total": sum(counts.values()),
                       "countries": countries.get(r.pk, 0)})
    return result


@dataclass
class RoundTable:
    items: list[ReviewItem]
    rows: list[dict]  # {"country": Country, "cells": [CountryAssessment | None, ...], "report": report | None}
    counts: list[dict]  # labelled_counts()


def round_table(*, user, review_round: ReviewRound, include_countries=()) -> RoundTable:
    """Countries × items for one round: each country that has a record the user may see, by name.

    ``include_countries`` adds countries without any record yet (a coordinator's
    own, so that they can start). A fixed number of queries.
    """
    items = item_list(process=review_round.process, review_round=review_round)
    assessments = list(assessments_in_scope(user=user).filter(round=review_round).select_related("country"))
    reports = {r.country_id: r for r in reports_in_scope(user=user).filter(round=review_round)
               .select_related("country")}
    countries = {a.country_id: a.country for a in assessments}
    countries.update({r.country_id: r.country for r in reports.values()})
    countries.update({c.pk: c for c in include_countries})
    cells = {(a.country_id, a.item_id): a for a in assessments}
    rows = [{"country": country, "cells": [cells.get((country.pk, item.pk)) for item in items],
             "report": reports.get(country.pk)}
            for country in sorted(countries.values(), key=lambda c: c.name)]
    return RoundTable(items=items, rows=rows,
                      counts=labelled_counts(progress.status_counts(a.status for a in assessments)))


# Country progress across rounds -------------------------------------------------------------------

@dataclass
class FundingPoint:
    review_round: ReviewRound
    report: CountryRoundReport | None
    bar: float = 0.0  # percent of the largest amount in the same currency


@dataclass
class CountryProgress:
    process: ReviewProcess
    country: object
    rounds: list[ReviewRound]
    rows: list[dict]  # {"item": item, "cells": [{"assessment", "status", "change"}, ...]}
    funding: list[FundingPoint] = field(default_factory=list)
    last_change: dict[str, int] = field(default_factory=dict)


def country_progress(*, user, process: ReviewProcess, country) -> CountryProgress:
    """Status per item per round for one country, the change against the previous round, and the funding trend."""
    rounds = rounds_for_country(user=user, rounds=round_list(user=user, process=process), country=country)
    items = item_list(process=process)
    assessments = (assessments_in_scope(user=user).filter(round__in=rounds, country=country)
                   .select_related("item"))
    by_cell = {(a.item_id, a.round_id): a for a in assessments}
    extra_items = {a.item for a in by_cell.values() if a.item not in items}
    items = items + sorted(extra_items, key=lambda i: (i.position, i.number))
    rows = []
    last_changes = []
    for item in items:
        cells = [by_cell.get((item.pk, r.pk)) for r in rounds]
        statuses = [a.status if a else None for a in cells]
        changes = progress.changes_across(statuses)
        rows.append({"item": item, "cells": [{"assessment": a, "status": s, "change": c}
                                             for a, (s, c) in zip(cells, changes, strict=True)]})
        if len(changes) >= 2 and changes[-1][0] is not None:
            last_changes.append(changes[-1][1])
    reports = {r.round_id: r for r in reports_in_scope(user=user).filter(round__in=rounds, country=country)}
    funding = [FundingPoint(review_round=r, report=reports.get(r.pk)) for r in rounds]
    largest: dict[str, Decimal] = {}
    for point in funding:
        if point.report and point.report.funding_amount is not None:
            currency = point.report.funding_currency
            largest[currency] = max(largest.get(currency, Decimal(0)), point.report.funding_amount)
    for point in funding:
        if point.report and point.report.funding_amount is not None and largest[point.report.funding_currency]:
            point.bar = float(point.report.funding_amount / largest[point.report.funding_currency] * 100)
    return CountryProgress(process=process, country=country, rounds=rounds, rows=rows, funding=funding,
                           last_change=progress.summary(last_changes))


# Shadow report ------------------------------------------------------------------------------------

def shadow_report_context(review_round: ReviewRound, country, *, user=access.VISITOR) -> dict:
    """Everything a shadow report section for ``country`` in ``review_round`` shows, as plain context.

    Used by the HTML page and meant for the PDF renderer of the reports
    capability. Records come from the access policy: without ``user`` (a
    renderer working for the public) only a published round is readable, and an
    unreadable round raises ``Http404``. Texts are in the active language, with
    the other language as fallback.
    """
    viewer = user
    if not access.user_can(viewer, VIEW, CountryRoundReport(round=review_round, country=country)):
        raise Http404
    process = review_round.process
    items = item_list(process=process, review_round=review_round)
    assessments = {a.item_id: a for a in assessments_in_scope(user=viewer)
                   .filter(round=review_round, country=country).select_related("updated_by")}
    earlier = [r for r in rounds_for_country(user=viewer, rounds=round_list(user=viewer, process=process),
                                             country=country) if r.year < review_round.year]
    previous_round = earlier[-1] if earlier else None
    previous = {}
    if previous_round is not None:
        previous = dict(assessments_in_scope(user=viewer).filter(round=previous_round, country=country)
                        .values_list("item_id", "status"))
    report = reports_in_scope(user=viewer).filter(round=review_round, country=country).first()
    entries = []
    for item in items:
        assessment = assessments.get(item.pk)
        status = assessment.status if assessment else None
        before = previous.get(item.pk)
        entries.append({
            "item": item,
            "assessment": assessment,
            "status": status,
            "status_label": Status(status).label if status else "",
            "evidence": assessment.evidence if assessment else [],
            "comment": assessment.comment if assessment else "",
            "previous_status": before,
            "previous_status_label": Status(before).label if before else "",
            "change": progress.change(before, status) if previous_round else progress.Change.NONE,
        })
    groups: list[dict] = []
    for entry in entries:
        heading = entry["item"].group
        if not groups or groups[-1]["heading"] != heading:
            groups.append({"heading": heading, "entries": []})
        groups[-1]["entries"].append(entry)
    funding = None
    if report is not None and report.funding_amount is not None:
        funding = {"amount": report.funding_amount, "currency": report.funding_currency,
                   "year": report.funding_year, "source_title": report.funding_source_title,
                   "source_url": report.funding_source_url, "note": report.funding_note}
    return {
        "process": process,
        "round": review_round,
        "country": country,
        "report": report,
        "introduction": report.introduction if report else "",
        "entries": entries,
        "groups": groups,
        "counts": labelled_counts(progress.status_counts(e["status"] for e in entries if e["status"])),
        "assessed": sum(1 for e in entries if e["status"]),
        "previous_round": previous_round,
        "funding": funding,
        "sources": process.sources,
        "generated_at": timezone.now(),
    }
