"""Writes to the indicator database. Import from the submodules' public names here."""

from observatory.indicators.services.catalogue import catalogue_load
from observatory.indicators.services.imports import ImportResult, manifest_load, observations_import

__all__ = ["ImportResult", "catalogue_load", "manifest_load", "observations_import"]
