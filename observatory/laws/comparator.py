"""The comparator: a country's provisions against the model law, at a date, side by side, before and after.

Works on loaded objects (``ModelLawProvision`` and ``LegalProvision`` rows with their
sources); the selectors do the reading. A provision with no version holding at the
date is ``unknown`` and says why; it is never filled in.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext

from observatory.laws import labels
from observatory.laws.rules import SCORES, UNKNOWN, format_partial_date, holds_at, judge, known_from

MAX_COUNTRIES = 5


def version_status(version) -> str:
    """meets / partly / does_not_meet / unknown for one version (its provision loaded)."""
    spec = version.provision
    return judge(value_type=spec.value_type, judgement=spec.judgement, value=version.value,
                 max_penalty_months=version.max_penalty_months)


@dataclass
class Cell:
    """One provision of one country at one date."""

    provision: object
    version: object | None = None
    status: str = UNKNOWN
    reason: str = ""
    reason_date: str = ""
    history: list = field(default_factory=list)

    @property
    def reason_text(self) -> str:
        """Why a provision is unknown, as a clause in the active language (empty when it is judged)."""
        if self.reason == "no_source":
            return gettext("no source states this provision")
        if self.reason == "ended":
            return gettext("the last recorded version ended in %(date)s and no later version is sourced") % {
                "date": self.reason_date}
        if self.reason == "before":
            return gettext("no source describes this provision before %(date)s") % {"date": self.reason_date}
        if self.reason == "not_at_date":
            return gettext("no sourced version holds at this date")
        if self.reason == "unjudgeable":
            return gettext("the recorded value cannot be judged by the model law's rules")
        return ""

    @property
    def known(self) -> bool:
        return self.status != UNKNOWN

    @property
    def score(self) -> float | None:
        return SCORES.get(self.status)

    @property
    def status_label(self) -> str:
        return str(labels.JUDGEMENT_LABELS[self.status])

    @property
    def value_label(self) -> str:
        if self.version is None:
            return ""
        return labels.value_phrase(code=self.provision.code, value=self.version.value,
                                   max_penalty_months=self.version.max_penalty_months)

    @property
    def gap(self) -> str:
        version = self.version
        if self.status == UNKNOWN:
            return gettext("Unknown: %(reason)s; nothing is assumed.") % {"reason": self.reason_text}
        return labels.gap_sentence(code=self.provision.code, target=self.provision.target, status=self.status,
                                   value=version.value, max_penalty_months=version.max_penalty_months)


def _unknown_reason(history: list, at: datetime.date | None) -> tuple[str, str]:
    if not history:
        return "no_source", ""
    if at is None:
        last = max(history, key=lambda v: v.valid_to or datetime.date.max)
        return "ended", format_partial_date(last.valid_to, last.valid_to_precision)
    starts = [(known_from(valid_from=v.valid_from, as_of=v.as_of), v) for v in history]
    dated = [(start, v) for start, v in starts if start is not None]
    if dated:
        start, first = min(dated, key=lambda pair: pair[0])
        if at < start:
            shown = (format_partial_date(first.valid_from, first.valid_from_precision) if first.valid_from
                     else str(first.as_of))
            return "before", shown
    return "not_at_date", ""


def assess(*, provisions: list, versions: list, at: datetime.date | None = None) -> list[Cell]:
    """Each model-law provision for one country, at date ``at`` (``None``: the latest known state)."""
    by_code: dict[str, list] = {}
    for version in versions:
        by_code.setdefault(version.provision.code, []).append(version)
    cells = []
    for provision in provisions:
        history = sorted(by_code.get(provision.code, []), key=lambda v: v.valid_from or datetime.date.min)
        holding = [v for v in history if holds_at(valid_from=v.valid_from, valid_to=v.valid_to, as_of=v.as_of, at=at)]
        if holding:
            version = holding[-1]
            status = version_status(version)
            cells.append(Cell(provision=provision, version=version, status=status, history=history,
                              reason="unjudgeable" if status == UNKNOWN else ""))
        else:
            reason, reason_date = _unknown_reason(history, at)
            cells.append(Cell(provision=provision, reason=reason, reason_date=reason_date, history=history))
    return cells


def summary(cells: list[Cell]) -> dict[str, int]:
    """How many provisions meet, partly meet, do not meet the model law, and how many are unknown."""
    counts = {"meets": 0, "partly": 0, "does_not_meet": 0, "unknown": 0}
    for cell in cells:
        counts[cell.status] += 1
    return counts


@dataclass
class ReformRow:
    provision: object
    before: Cell
    after: Cell

    @property
    def changed(self) -> bool:
        before, after = self.before.version, self.after.version
        return (before.pk if before else None) != (after.pk if after else None)

    @property
    def status_changed(self) -> bool:
        return self.before.status != self.after.status


def reform(*, provisions: list, versions: list, before: datetime.date, after: datetime.date) -> list[ReformRow]:
    """The state of each provision at two dates, to show what a reform changed."""
    cells_before = assess(provisions=provisions, versions=versions, at=before)
    cells_after = assess(provisions=provisions, versions=versions, at=after)
    return [ReformRow(provision=b.provision, before=b, after=a) for b, a in zip(cells_before, cells_after)]


def change_dates(versions: list) -> list[datetime.date]:
    """Dates on which a recorded version starts or ends: the reforms worth a before/after view."""
    dates = {v.valid_from for v in versions if v.valid_from} | {v.valid_to for v in versions if v.valid_to}
    return sorted(dates)
