"""Who reviews possible duplicates: coordinators, for the countries they coordinate.

| role | pairs it may see and decide |
|---|---|
| coordinator | its countries' |
| everyone else | none |

The cases of a pair are shown side by side with what the cases policy allows the
reviewer: case fields (its countries' sent cases) and identities only with the
person's consent to share (``cases.policies``), every display audited.
"""

from __future__ import annotations

from django.db.models import Q

from observatory.access import Action, Policy, register, user_country_ids
from observatory.accounts.models import Role
from observatory.dedup.models import CandidatePair


class CandidatePairPolicy(Policy):
    model = CandidatePair
    actions = (Action.VIEW, Action.CHANGE, Action.CREATE)

    def rule(self, user, action):
        if user.role == Role.COORDINATOR:
            return Q(country_id__in=user_country_ids(user))
        return None


def register_all() -> None:
    register(CandidatePairPolicy())
