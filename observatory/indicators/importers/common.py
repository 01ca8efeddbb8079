"""Helpers shared by the adapters for publishers' own formats (OWID, World Bank, EMCDDA, UNODC, UNAIDS)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .base import FLAGS, Adapter, CountryResolver, ImportFormatError, RowError
from .readers import Cell, cell_text, is_blank
from .values import format_number

YEAR_MIN, YEAR_MAX = 1900, 2100
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
NOT_ON_PLATFORM = "not a country on the platform"


@dataclass(frozen=True)
class Skipped:
    """A file row left out on purpose, with the reason shown to the operator."""

    line: int
    entity: str
    reason: str = NOT_ON_PLATFORM


class PublisherAdapter(Adapter):
    """An adapter for a publisher's file that covers more countries than the platform.

    Rows about entities that are not platform countries (other countries,
    regional aggregates such as "World" or "Central Asia") are not errors: they
    are left out. While :meth:`rows` runs, ``skipped`` lists each such file row
    as a :class:`Skipped` (line, entity as spelt in the file, reason), and
    ``skipped_entities`` counts them per entity. Both are reset when iteration
    starts, so after a full iteration they describe that file.
    """

    def __init__(self) -> None:
        self.skipped: list[Skipped] = []
        self.skipped_entities: Counter[str] = Counter()

    def _reset(self) -> None:
        self.skipped = []
        self.skipped_entities = Counter()

    def _skip(self, line: int, entity: str, reason: str = NOT_ON_PLATFORM) -> None:
        self.skipped.append(Skipped(line=line, entity=entity, reason=reason))
        self.skipped_entities[entity] += 1

    def _resolve(self, resolver: CountryResolver, *candidates: str) -> str | None:
        """The ISO3 code of the first candidate (code or name) the resolver knows, else None."""
        for candidate in candidates:
            if candidate and (iso3 := resolver.resolve(candidate)):
                return iso3
        return None


def require(path: Path, adapter: str, **options: object) -> None:
    """Raise a readable error when a required option was not given."""
    missing = [name for name, value in options.items() if not value]
    if missing:
        names = ", ".join(missing)
        raise ImportFormatError(
            f"{Path(path).name}: the {adapter} adapter needs the option(s) {names} "
            f"(for example in data/catalogue/*.yaml loads, or on the command line)."
        )


def check_indicator_code(path: Path, code: str) -> str:
    """The code, or ImportFormatError if it is not a well-formed indicator code."""
    if not _CODE.match(code or ""):
        raise ImportFormatError(
            f"{Path(path).name}: {code!r} is not an indicator code "
            "(lower-case letters, digits and underscores, e.g. drug_induced_deaths)."
        )
    return code


def as_list(value: str | Iterable[str] | None) -> list[str]:
    """An option given as a list, or as one string separated by ``;`` or ``,`` (as on the command line)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[;,]", value) if part.strip()]
    return list(value)


def check_flags(path: Path, flags: str | Iterable[str]) -> frozenset[str]:
    """The flags as a set; ImportFormatError naming any that are not in ``base.FLAGS``."""
    flags = frozenset(as_list(flags))
    if unknown := sorted(flags - set(FLAGS)):
        raise ImportFormatError(
            f"{Path(path).name}: unknown flag(s) {', '.join(unknown)}; the flags are {', '.join(FLAGS)}."
        )
    return flags


def year_period(cell: Cell) -> str:
    """A year cell (``2017``, ``2017.0``, ``"2017"``) as a period string; ``ValueError`` otherwise."""
    text = cell_text(cell)
    if not re.fullmatch(r"\d{4}", text) or not YEAR_MIN <= int(text) <= YEAR_MAX:
        raise ValueError(f"{text!r} is not a year between {YEAR_MIN} and {YEAR_MAX}")
    return text


def number_cell(cell: Cell) -> tuple[float, str]:
    """A numeric cell as ``(value, value_text)``; ``ValueError`` if it is not a finite number."""
    if isinstance(cell, bool):
        raise ValueError(f"{cell!r} is not a number")
    if isinstance(cell, (int, float)):
        number = float(cell)
    else:
        text = cell_text(cell)
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"{cell!r} is not a finite number")
    return number, format_number(number)


def cell_error(line: int, column: str, cell: Cell, exc: Exception) -> RowError:
    """A RowError for one cell, with the exception's message as the reason."""
    return RowError(line=line, column=column, value=cell_text(cell), reason=str(exc))


__all__ = [
    "NOT_ON_PLATFORM", "PublisherAdapter", "Skipped", "as_list", "require", "check_indicator_code", "check_flags",
    "year_period", "number_cell", "cell_error", "is_blank",
]
