"""Shared pieces of the case services: input shapes, vocabulary look-ups, permission checks."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from observatory.cases import limits
from observatory.cases.models import Term

# The identifying fields and where they live; audit entries name these, never their values.
VICTIM_IDENTITY_FIELDS = ("name", "contact", "date_of_birth", "address", "client_code")
IDENTITY_FIELDS = tuple(f"victim.{f}" for f in VICTIM_IDENTITY_FIELDS) + ("narrative",)

LIMITS = limits.TEXT


@dataclass
class Consent:
    document: bool = False
    share_network: bool = False
    advocacy: bool = False
    contact: bool = False


@dataclass
class VictimData:
    name: str = ""
    contact: str = ""
    date_of_birth: str = ""
    address: str = ""
    client_code: str = ""
    sex: str = ""
    age_group: str = ""
    key_populations: list[str] = field(default_factory=list)

    def identity_fields(self) -> list[str]:
        return [f"victim.{f}" for f in VICTIM_IDENTITY_FIELDS if getattr(self, f)]


@dataclass
class ActData:
    violation: str = ""
    perpetrators: list[str] = field(default_factory=list)
    place_type: str = ""
    consequences: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.violation or self.perpetrators or self.place_type or self.consequences)


@dataclass
class CaseData:
    """What a documenter, the API or an import row says about a case; codes for vocabulary terms."""

    occurred_on: str = ""
    region: str = ""
    channel: str = ""
    narrative: str = ""
    consent: Consent = field(default_factory=Consent)
    victim: VictimData = field(default_factory=VictimData)
    acts: list[ActData] = field(default_factory=list)


class Terms:
    """Active vocabulary terms by vocabulary and code, read once per request or import."""

    def __init__(self):
        self.by_vocabulary: dict[str, dict[str, Term]] = {}
        for term in Term.objects.filter(active=True).select_related("vocabulary"):
            self.by_vocabulary.setdefault(term.vocabulary.code, {})[term.code] = term

    def get(self, vocabulary: str, code: str) -> Term | None:
        return self.by_vocabulary.get(vocabulary, {}).get((code or "").strip())

    def codes(self, vocabulary: str) -> list[str]:
        return list(self.by_vocabulary.get(vocabulary, {}))


class Errors:
    """Collects field errors and raises them together, each naming the field and what to fix."""

    def __init__(self):
        self.messages: dict[str, list[str]] = {}

    def add(self, field_name: str, message: str) -> None:
        self.messages.setdefault(field_name, []).append(message)

    def raise_if_any(self) -> None:
        if self.messages:
            raise ValidationError(self.messages)


def check_count(errors: Errors, field_name: str, items, limit: int) -> bool:
    """Add an error naming the field and the limit when ``items`` has more than ``limit`` entries."""
    if len(items) > limit:
        errors.add(field_name, _("Too many: at most %(limit)d.") % {"limit": limit})
        return False
    return True


def check_length(errors: Errors, field_name: str, value: str, limit_key: str) -> None:
    limit = LIMITS[limit_key]
    if value and len(value) > limit:
        errors.add(field_name, _("Too long: at most %(limit)d characters.") % {"limit": limit})
