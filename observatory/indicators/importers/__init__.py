"""Adapters that read publishers' files into observations, and format detection.

``ADAPTERS`` maps a format name (``--format``) to its adapter class;
:func:`detect` picks the adapter for ``--format auto``. Each call gets a new
adapter instance, because publisher adapters record what they skipped.
"""

from __future__ import annotations

from pathlib import Path

from .base import Adapter, ImportFormatError
from .curated import CuratedAdapter
from .emcdda import EmcddaAdapter
from .owid import OwidAdapter
from .tidy import TidyAdapter
from .unaids import UnaidsAdapter
from .unodc import UnodcAdapter
from .worldbank import WorldBankAdapter

# Most specific first: detect() returns the first adapter whose sniff() accepts the file.
ADAPTERS: dict[str, type[Adapter]] = {
    cls.name: cls
    for cls in (TidyAdapter, CuratedAdapter, UnodcAdapter, EmcddaAdapter, UnaidsAdapter, WorldBankAdapter,
                OwidAdapter)
}


def get_adapter(name: str) -> Adapter:
    """A new adapter for a format name; ImportFormatError listing the formats if the name is unknown."""
    try:
        return ADAPTERS[name]()
    except KeyError:
        raise ImportFormatError(
            f"unknown format {name!r}; the formats are {', '.join(ADAPTERS)} (or auto)."
        ) from None


def detect(path: Path) -> Adapter:
    """A new instance of the adapter whose format the file has; ImportFormatError if none fits."""
    from .readers import head_bytes

    head_bytes(Path(path))  # a missing or empty file gets its own message
    for cls in ADAPTERS.values():
        adapter = cls()
        if adapter.sniff(Path(path)):
            return adapter
    raise ImportFormatError(
        f"{Path(path).name}: the format cannot be recognised. Use the platform's template "
        "(data/templates/observations-template.csv, columns indicator, country, period, value) "
        f"or name the format: {', '.join(ADAPTERS)}."
    )


__all__ = ["ADAPTERS", "detect", "get_adapter"]
