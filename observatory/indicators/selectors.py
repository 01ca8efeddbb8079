"""Reads of the indicator database (public data: no access policy needed)."""

from __future__ import annotations

from observatory.indicators.models import LatestObservation, Observation


def observation_latest(*, country, indicator_code: str, sex: str = "", age_group: str = "") -> Observation | None:
    """The latest value of an indicator for a country, from its preferred source, with source and indicator."""
    row = (
        LatestObservation.objects.select_related("observation__source", "observation__indicator")
        .filter(country=country, indicator__code=indicator_code, sex=sex, age_group=age_group)
        .first()
    )
    return row.observation if row else None
