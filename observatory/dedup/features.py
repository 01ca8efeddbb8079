"""The pseudonymous features of a country's cases, as the linkage model and the reviewer see them (reads only).

One row per case: its list (the organisation, or ``self`` for a self-report not
yet assigned), and of its first victim the keyed indexes of the name, of the
name's consonant skeleton, of the birth month and of the client code (HMACs:
``cases.linkkeys``, ``cases.crypto``), sex and age group; of the case the date,
the place (lower case) and the violation types. No ciphertext is read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from observatory.cases.models import Act, Case, CaseStatus, Victim

# Cases that can be duplicates: sent to the network and not rejected.
CANDIDATE_STATUSES = (CaseStatus.SUBMITTED, CaseStatus.VERIFIED, CaseStatus.IN_RESPONSE, CaseStatus.CLOSED)
FEATURES = ("name", "name_sound", "birth", "client_code", "sex", "age_group", "occurred", "place", "violations")


@dataclass
class CaseFeatures:
    case_id: int
    source: str
    name: str = ""
    name_sound: str = ""
    birth: str = ""
    client_code: str = ""
    sex: str = ""
    age_group: str = ""
    occurred: dt.date | None = None
    place: str = ""
    violations: list[str] = field(default_factory=list)

    def row(self) -> dict:
        return {"id": str(self.case_id), "name": self.name, "name_sound": self.name_sound, "birth": self.birth,
                "client_code": self.client_code, "sex": self.sex, "age_group": self.age_group,
                "occurred": self.occurred.isoformat() if self.occurred else "", "place": self.place,
                "violations": "|".join(sorted(set(self.violations)))}


def country_features(*, country) -> list[CaseFeatures]:
    cases = (Case.objects.filter(country=country, status__in=CANDIDATE_STATUSES)
             .only("pk", "organisation_id", "occurred_on", "region").order_by("pk"))
    features = {c.pk: CaseFeatures(case_id=c.pk, source=str(c.organisation_id or "self"), occurred=c.occurred_on,
                                   place=c.region.strip().lower()) for c in cases}
    victims = (Victim.objects.filter(case_id__in=features).select_related("sex", "age_group")
               .only("case_id", "name_index", "name_sound_index", "birth_index", "client_code_index",
                     "sex__code", "age_group__code").order_by("case_id", "pk"))
    seen = set()
    for victim in victims:
        if victim.case_id in seen:
            continue
        seen.add(victim.case_id)
        item = features[victim.case_id]
        item.name, item.name_sound, item.birth = victim.name_index, victim.name_sound_index, victim.birth_index
        item.client_code = victim.client_code_index
        item.sex = victim.sex.code if victim.sex else ""
        item.age_group = victim.age_group.code if victim.age_group else ""
    for case_id, code in Act.objects.filter(case_id__in=features).values_list("case_id", "violation__code"):
        features[case_id].violations.append(code)
    return list(features.values())


def agreements(a: CaseFeatures, b: CaseFeatures) -> dict:
    """Field by field: ``same``, ``close``, ``different`` or ``missing`` (and days apart for the dates)."""
    def compare(x, y):
        if not x or not y:
            return "missing"
        return "same" if x == y else "different"

    result = {key: compare(getattr(a, key), getattr(b, key))
              for key in ("birth", "client_code", "sex", "age_group", "place")}
    name = compare(a.name, b.name)
    if name == "different" and a.name_sound and a.name_sound == b.name_sound:
        name = "close"
    result["name"] = name
    if a.occurred and b.occurred:
        days = abs((a.occurred - b.occurred).days)
        result["occurred"] = "same" if days == 0 else ("close" if days <= 31 else "different")
        result["days_apart"] = days
    else:
        result["occurred"] = "missing"
    left, right = set(a.violations), set(b.violations)
    result["violations"] = ("missing" if not left or not right else "same" if left == right
                            else "close" if left & right else "different")
    return result


def rule_match(a: CaseFeatures, b: CaseFeatures) -> bool:
    """The fallback when the registry is too small to estimate a model: agreement no coincidence explains.

    The same client code; or the same name with the same birth month or dates at most 31 days
    apart; or a near name with the same birth month and dates at most 31 days apart.
    """
    found = agreements(a, b)
    near_date = found["occurred"] in ("same", "close")
    if found["client_code"] == "same":
        return True
    if found["name"] == "same" and (found["birth"] == "same" or near_date):
        return True
    return found["name"] == "close" and found["birth"] == "same" and near_date
