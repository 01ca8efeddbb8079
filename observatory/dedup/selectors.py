"""Reading possible duplicates: the reviewer's queue and the two cases side by side."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from observatory import access
from observatory.cases import selectors as case_selectors
from observatory.cases.models import Case
from observatory.cases.policies import CaseAction
from observatory.dedup.models import CandidatePair, PairStatus

FIELD_ORDER = ("name", "birth", "client_code", "sex", "age_group", "occurred", "place", "violations")


def pair_queue(*, user, status: str = PairStatus.OPEN) -> QuerySet[CandidatePair]:
    return (access.scope(user, "view", CandidatePair).filter(status=status)
            .select_related("country", "case_a__organisation", "case_b__organisation")
            .order_by("-match_probability", "pk"))


def open_pair_count(*, user) -> int:
    return access.scope(user, "view", CandidatePair).filter(status=PairStatus.OPEN).count()


@dataclass
class Side:
    case: Case | None  # None: the reviewer may not see this case
    identity: case_selectors.CaseIdentity | None = None
    may_see_identity: bool = False


def pair_sides(*, user, pair: CandidatePair, identities: bool = False) -> list[Side]:
    """Each case as the cases policy lets ``user`` see it; identities decrypted (and audited) only on request."""
    sides = []
    for case in (pair.case_a, pair.case_b):
        visible = access.scope(user, CaseAction.VIEW, Case).filter(pk=case.pk).exists()
        if not visible:
            sides.append(Side(case=None))
            continue
        detail = case_selectors.case_detail(user=user, case=case)
        may = access.scope(user, CaseAction.VIEW_IDENTITY, Case).filter(pk=case.pk).exists()
        identity = case_selectors.case_identity(user=user, case=case, via="duplicates") if identities and may \
            else None
        sides.append(Side(case=detail, identity=identity, may_see_identity=may))
    return sides
