"""Recording advocacy actions (writes): validated, checked against the policy, audited in one transaction."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from observatory.access import require
from observatory.advocacy.models import EVIDENCE_KINDS, ActionKind, AdvocacyAction, Outcome
from observatory.audit.services import audit_record
from observatory.countries.models import Country

_REFERENCE = re.compile(r"^[A-Za-z0-9_./-]{1,120}$")


@dataclass
class ActionData:
    country: Country
    date: dt.date
    kind: str
    target: str
    ask: str
    outcome: str = Outcome.PENDING
    members: list = field(default_factory=list)  # network.Member records
    alliance: str = ""
    evidence: list[dict] = field(default_factory=list)  # [{"kind": ..., "ref": ...}]
    follow_up_on: dt.date | None = None
    followed_by: object = None  # events.PolicyEvent


def action_errors(data: ActionData) -> dict[str, str]:
    """Field → what to fix (empty when the action can be recorded)."""
    errors = {}
    if data.kind not in ActionKind.values:
        errors["kind"] = f"one of {', '.join(ActionKind.values)}"
    if data.outcome not in Outcome.values:
        errors["outcome"] = f"one of {', '.join(Outcome.values)}"
    if data.date > timezone.now().date():
        errors["date"] = "an action is recorded once it happened: not a date in the future"
    if not data.target.strip():
        errors["target"] = "name the institution the action addressed"
    if not data.ask.strip():
        errors["ask"] = "say what was asked"
    for i, item in enumerate(data.evidence):
        if item.get("kind") not in EVIDENCE_KINDS:
            errors[f"evidence.{i}.kind"] = f"one of {', '.join(EVIDENCE_KINDS)} (never case records)"
        elif not _REFERENCE.match(str(item.get("ref", ""))):
            errors[f"evidence.{i}.ref"] = "the item's key on the platform, e.g. an indicator code or UKR/2023"
    if data.follow_up_on and data.follow_up_on < data.date:
        errors["follow_up_on"] = "the follow-up comes after the action"
    other = [m for m in data.members if m.country_id != data.country.pk and not m.regional]
    if other:
        errors["members"] = "members of another country (only regional members join any country's actions)"
    if data.followed_by is not None and data.followed_by.country_id != data.country.pk:
        errors["followed_by"] = "a policy event of the same country"
    return errors


@transaction.atomic
def action_create(*, actor, data: ActionData) -> AdvocacyAction:
    errors = action_errors(data)
    if errors:
        raise ValidationError({key: [message] for key, message in errors.items()})
    action = AdvocacyAction(country=data.country, date=data.date, kind=data.kind, target=data.target.strip(),
                            ask=data.ask.strip(), alliance=data.alliance.strip(), outcome=data.outcome,
                            evidence=[{"kind": e["kind"], "ref": str(e["ref"])} for e in data.evidence],
                            follow_up_on=data.follow_up_on, followed_by=data.followed_by,
                            created_by=actor if getattr(actor, "pk", None) else None)
    require(actor, "create", action)
    action.save()
    action.members.set(data.members)
    audit_record(actor=actor, action="advocacy.create", obj=action,
                 details={"country": data.country.iso3, "kind": data.kind, "outcome": data.outcome})
    return action
