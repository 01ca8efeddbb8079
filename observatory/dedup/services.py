"""Finding possible duplicates across organisations, and the reviewer's decision (writes).

``duplicates_find`` scores every pair of a country's cases from different
lists on their keyed features (``features``) with the Fellegi–Sunter model of
``observatory.analysis.linkage``; where the registry is too small to estimate
it, a transparent rule (``features.rule_match``) decides. New pairs are stored
to review; a pair already decided is never reopened.

``pair_decide`` records a coordinator's decision, with its audit entry, in one
transaction: confirming joins both cases to one entity (merging entities when
each already has one), so public counts count the violation once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from itertools import combinations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from observatory.access import require
from observatory.analysis.errors import AnalysisError
from observatory.audit.services import audit_record
from observatory.cases.models import Case, CaseEntity
from observatory.dedup.features import CaseFeatures, agreements, country_features, rule_match
from observatory.dedup.models import CandidatePair, PairStatus

logger = logging.getLogger(__name__)

# A pair is offered for review from this match probability; the reviewer decides, so recall matters more.
REVIEW_THRESHOLD = 0.5
COLUMNS = ["name:key", "name_sound:key", "birth:key", "client_code:key", "sex:exact", "age_group:exact",
           "occurred:date", "place:exact", "violations:exact"]


@dataclass
class FindResult:
    cases: int
    lists: int
    pairs_found: int
    pairs_new: int
    method: str


def _score(features: list[CaseFeatures]) -> tuple[list[tuple[int, int, float | None]], str]:
    """Pairs from different lists with their match probability, and the method that found them."""
    by_id = {f.case_id: f for f in features}
    try:
        import pandas as pd

        from observatory.analysis.linkage import link_records

        frame = pd.DataFrame([f.row() for f in features])
        result = link_records([frame], id_column="id", columns=COLUMNS, threshold=REVIEW_THRESHOLD)
        pairs = []
        for pair in result["predicted_pairs"]:
            a, b = by_id[int(pair["id_l"])], by_id[int(pair["id_r"])]
            if a.source != b.source:
                pairs.append((a.case_id, b.case_id, pair["match_probability"]))
        return pairs, "model"
    except Exception as error:  # noqa: BLE001 - any failure of the model falls back to the stated rule
        if not isinstance(error, AnalysisError):
            logger.warning("linkage model failed (%s); the rule decides", type(error).__name__)
        pairs = [(a.case_id, b.case_id, None) for a, b in combinations(features, 2)
                 if a.source != b.source and rule_match(a, b)]
        return pairs, "rule"


@transaction.atomic
def duplicates_find(*, actor, country) -> FindResult:
    """Score the country's cases and store the new candidate pairs; see the module docstring."""
    require(actor, "create", CandidatePair(country=country))
    features = country_features(country=country)
    lists = len({f.source for f in features})
    pairs, method = _score(features) if lists >= 2 and len(features) >= 2 else ([], "none")
    by_id = {f.case_id: f for f in features}
    new = 0
    for first, second, probability in pairs:
        a, b = sorted((first, second))
        _, created = CandidatePair.objects.get_or_create(
            case_a_id=a, case_b_id=b,
            defaults={"country": country, "match_probability": probability, "method": method,
                      "agreements": agreements(by_id[a], by_id[b])})
        new += created
    audit_record(actor=actor, action="dedup.find", object_type="countries.country", object_id=country.iso3,
                 details={"cases": len(features), "lists": lists, "pairs": len(pairs), "new": new,
                          "method": method})
    return FindResult(cases=len(features), lists=lists, pairs_found=len(pairs), pairs_new=new, method=method)


@transaction.atomic
def pair_decide(*, actor, pair: CandidatePair, same: bool) -> CandidatePair:
    """Confirm (``same``) or reject a pair; confirming joins both cases to one entity."""
    pair = CandidatePair.objects.select_for_update().get(pk=pair.pk)
    require(actor, "change", pair)
    if pair.status != PairStatus.OPEN:
        raise ValidationError(_("This pair was already decided."), code="decided")
    pair.status = PairStatus.CONFIRMED if same else PairStatus.REJECTED
    pair.decided_by, pair.decided_at = actor, timezone.now()
    pair.save(update_fields=["status", "decided_by", "decided_at"])
    entity = _join(pair.case_a_id, pair.case_b_id) if same else None
    audit_record(actor=actor, action="dedup.confirm" if same else "dedup.reject", obj=pair,
                 details={"cases": [pair.case_a.reference, pair.case_b.reference],
                          "entity": str(entity.uuid) if entity else None})
    return pair


def _join(first_id: int, second_id: int) -> CaseEntity:
    cases = list(Case.objects.select_for_update().filter(pk__in=[first_id, second_id]).order_by("pk"))
    entities = sorted({c.entity_id for c in cases if c.entity_id})
    if not entities:
        entity = CaseEntity.objects.create()
    else:
        entity = CaseEntity.objects.get(pk=entities[0])
        for other in entities[1:]:
            # Two entities that a confirmed pair connects are one: move the second's cases, drop it.
            Case.objects.filter(entity_id=other).update(entity=entity)
            CaseEntity.objects.filter(pk=other).delete()
    Case.objects.filter(pk__in=[first_id, second_id]).update(entity=entity)
    return entity
