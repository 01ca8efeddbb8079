"""The law database and the model law: public reference data that network staff (admins) change."""

from __future__ import annotations

from observatory.access import register
from observatory.access.public import PublicReferencePolicy
from observatory.laws.models import LegalProvision, LegalSource, ModelLaw, ModelLawProvision


class ModelLawPolicy(PublicReferencePolicy):
    model = ModelLaw


class ModelLawProvisionPolicy(PublicReferencePolicy):
    model = ModelLawProvision


class LegalProvisionPolicy(PublicReferencePolicy):
    model = LegalProvision


class LegalSourcePolicy(PublicReferencePolicy):
    model = LegalSource


def register_all() -> None:
    for policy in (ModelLawPolicy(), ModelLawProvisionPolicy(), LegalProvisionPolicy(), LegalSourcePolicy()):
        register(policy)
