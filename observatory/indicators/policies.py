"""The indicator database: everyone reads the catalogue, sources and observations; network staff import.

Import batches (who loaded which file, with its error report) are staff records.
"""

from __future__ import annotations

from observatory.access import register
from observatory.access.public import PublicReferencePolicy, StaffOnlyPolicy
from observatory.indicators.models import (
    ImportBatch,
    Indicator,
    LatestObservation,
    Observation,
    ObservationRevision,
    Source,
)


class ImportBatchPolicy(StaffOnlyPolicy):
    model = ImportBatch


class SourcePolicy(PublicReferencePolicy):
    model = Source


class IndicatorPolicy(PublicReferencePolicy):
    model = Indicator


class ObservationPolicy(PublicReferencePolicy):
    model = Observation


class ObservationRevisionPolicy(PublicReferencePolicy):
    """Earlier values of an observation: public, so that a correction is visible."""

    model = ObservationRevision


class LatestObservationPolicy(PublicReferencePolicy):
    model = LatestObservation


def register_all() -> None:
    for policy in (ImportBatchPolicy(), SourcePolicy(), IndicatorPolicy(), ObservationPolicy(), ObservationRevisionPolicy(),
                   LatestObservationPolicy()):
        register(policy)
