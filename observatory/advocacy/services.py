"""Recording advocacy actions (writes): validated, checked against the policy, audited in one transaction."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from observatory.access import require
from observatory.advocacy.models import EVIDENCE_KINDS, PUBLISHABLE, ActionKind, AdvocacyAction, Outcome
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
    alliance: object = None  # partners.Alliance
    target_partner: object = None  # partners.Partner
    evidence: list[dict] = field(default_factory=list)  # [{"kind": ..., "ref": ...}]
    follow_up_on: dt.date | None = None
    followed_by: object = None  # events.PolicyEvent
    followed_by_law: object = None  # laws.LegalProvision
    publish: bool = False


def action_errors(data: ActionData) -> dict[str, str]:
    """Field → what to fix (empty when the action can be recorded)."""
    errors = {}
    if data.kind not in ActionKind.values:
        errors["kind"] = _("one of %(values)s") % {"values": ", ".join(ActionKind.values)}
    if data.date > timezone.now().date():
        errors["date"] = _("an action is recorded once it happened: not a date in the future")
    if not data.target.strip():
        errors["target"] = _("name the institution the action addressed")
    if not data.ask.strip():
        errors["ask"] = _("say what was asked")
    for i, item in enumerate(data.evidence):
        if item.get("kind") not in EVIDENCE_KINDS:
            errors[f"evidence.{i}.kind"] = _("one of %(values)s (never case records)") % {
                "values": ", ".join(EVIDENCE_KINDS)}
        elif not _REFERENCE.match(str(item.get("ref", ""))):
            errors[f"evidence.{i}.ref"] = _("the item's key on the platform, e.g. an indicator code or UKR/2023")
    if data.follow_up_on and data.follow_up_on < data.date:
        errors["follow_up_on"] = _("the follow-up comes after the action")
    other = [m for m in data.members if m.country_id != data.country.pk and not m.regional]
    if other:
        errors["members"] = _("members of another country (only regional members join any country's actions)")
    errors.update(outcome_errors(country=data.country, outcome=data.outcome, followed_by=data.followed_by,
                                 followed_by_law=data.followed_by_law, publish=data.publish))
    if data.alliance is not None and data.alliance.country_id not in (None, data.country.pk):
        errors["alliance"] = _("an alliance of the same country, or a regional one")
    if data.target_partner is not None and data.target_partner.country_id != data.country.pk \
            and not data.target_partner.regional:
        errors["target_partner"] = _("a partner of the same country, or a regional one")
    return errors




def outcome_errors(*, country, outcome, followed_by, followed_by_law, publish) -> dict[str, str]:
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("one of %(values)s") % {"values": ", ".join(Outcome.values)}
    if followed_by is not None and followed_by.country_id != country.pk:
        errors["followed_by"] = _("a policy event of the same country")
    if followed_by_law is not None and followed_by_law.country_id != country.pk:
        errors["followed_by_law"] = _("a law version of the same country")
    if publish and (outcome not in PUBLISHABLE or (followed_by is None and followed_by_law is None)):
        errors["publish"] = _("only an achieved or partly achieved action that names the reform that followed it "
                              "(a policy event or a law version) is shown on the country's page")
    return errors


@transaction.atomic
def action_create(*, actor, data: ActionData) -> AdvocacyAction:
    errors = action_errors(data)
    if errors:
        raise ValidationError({key: [message] for key, message in errors.items()})
    action = AdvocacyAction(country=data.country, date=data.date, kind=data.kind, target=data.target.strip(),
                            ask=data.ask.strip(), alliance=data.alliance, target_partner=data.target_partner,
                            outcome=data.outcome,
                            evidence=[{"kind": e["kind"], "ref": str(e["ref"])} for e in data.evidence],
                            follow_up_on=data.follow_up_on, followed_by=data.followed_by,
                            followed_by_law=data.followed_by_law, publish=data.publish,
                            created_by=actor if getattr(actor, "pk", None) else None)
    require(actor, "create", action)
    action.save()
    action.members.set(data.members)
    audit_record(actor=actor, action="advocacy.create", obj=action,
                 details={"country": data.country.iso3, "kind": data.kind, "outcome": data.outcome,
                          "publish": data.publish})
    return action


@dataclass
class OutcomeData:
    outcome: str
    follow_up_on: dt.date | None = None
    followed_by: object = None  # events.PolicyEvent
    followed_by_law: object = None  # laws.LegalProvision
    publish: bool = False


@transaction.atomic
def action_outcome_change(*, actor, action: AdvocacyAction, data: OutcomeData) -> AdvocacyAction:
    """Record what came of an action: its outcome, the reform that followed, the next follow-up, publication."""
    action = AdvocacyAction.objects.select_for_update().select_related("country").get(pk=action.pk)
    require(actor, "change", action)
    errors = outcome_errors(country=action.country, outcome=data.outcome, followed_by=data.followed_by,
                            followed_by_law=data.followed_by_law, publish=data.publish)
    if data.follow_up_on and data.follow_up_on < action.date:
        errors["follow_up_on"] = _("the follow-up comes after the action")
    if errors:
        raise ValidationError({key: [message] for key, message in errors.items()})
    previous = action.outcome
    action.outcome, action.follow_up_on = data.outcome, data.follow_up_on
    action.followed_by, action.followed_by_law, action.publish = data.followed_by, data.followed_by_law, data.publish
    action.save()
    audit_record(actor=actor, action="advocacy.outcome", obj=action,
                 details={"from": previous, "to": data.outcome, "publish": data.publish,
                          "followed_by": data.followed_by.slug if data.followed_by else None,
                          "followed_by_law": data.followed_by_law.pk if data.followed_by_law else None})
    return action
