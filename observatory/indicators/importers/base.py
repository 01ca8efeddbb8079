"""The contract between publisher-format adapters and the import service.

An adapter reads one file and yields :class:`Row` objects (one observation each)
or :class:`RowError` objects (a row it could not read). Adapters are pure: they
never touch the database. The import service (``indicators/services/imports.py``)
validates rows against the catalogue, writes them in one transaction, and turns
errors into the error report a user sees.

An adapter for files that can be large may also offer :meth:`Adapter.frame`,
the same rows read in bulk; the service uses it when it is there.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

SEXES = ("", "male", "female")

# Flags a value may carry; users see each one next to the value.
FLAGS = {
    "estimate": "modelled or estimated value",
    "provisional": "provisional value",
    "break": "break in series",
    "edition_year": "the year is the publication's edition year, not the data year",
    "uncertain": "transcription uncertain (see note)",
    "national_via_network": "a national source supplied by a member of the network and reviewed by an analyst",
}


# The columns of the DataFrame that Adapter.frame returns: Row's fields, one row per Row, in line order.
# value, lower and upper are floats (NaN for None); flags are the sorted flag names joined by ";";
# every other column holds str.
FRAME_COLUMNS = ("line", "indicator", "country", "period", "sex", "age_group", "source", "value", "value_text",
                 "lower", "upper", "qualifier", "category", "flags", "note")


@dataclass(frozen=True)
class Row:
    """One observation as read from a file.

    ``value`` is the numeric point value, or ``None`` for a range, a
    categorical value or a bare inequality. ``value_text`` is the cell as
    printed (``"5132-6182"``, ``"<1"``, ``"yes"``). ``qualifier`` is one of
    ``"", "<", ">", "<=", ">=", "~"``. ``category`` holds a categorical value
    such as ``"yes"``/``"no"``.
    """

    indicator: str
    country: str  # ISO3, upper case
    period: str  # "2017" or "2017-03"
    source: str  # key of a source in data/sources.yaml
    line: int  # 1-based line (CSV) or row (sheet) number in the file, for error reports
    value: float | None = None
    value_text: str = ""
    lower: float | None = None
    upper: float | None = None
    qualifier: str = ""
    category: str = ""
    sex: str = ""
    age_group: str = ""
    flags: frozenset[str] = field(default_factory=frozenset)
    note: str = ""


@dataclass(frozen=True)
class RowError:
    """A row an adapter could not read. Shown to the user as one line of the error report."""

    line: int
    column: str
    value: str
    reason: str
    suggestions: tuple[str, ...] = ()


class ImportFormatError(Exception):
    """The whole file cannot be read (not a CSV, wrong sheet, empty). One readable message."""


class CountryResolver:
    """Turns a country name or code as a publisher spells it into the platform's ISO3 code.

    ``countries`` maps ISO3 to the names the platform knows (English, Russian,
    official and common names, aliases). Matching ignores case, surrounding
    spaces and a trailing footnote ``*``.
    """

    def __init__(self, countries: Mapping[str, Iterable[str]]):
        self._by_key: dict[str, str] = {}
        for iso3, names in countries.items():
            self._by_key[_norm(iso3)] = iso3
            for name in names:
                self._by_key.setdefault(_norm(name), iso3)

    def resolve(self, text: str) -> str | None:
        return self._by_key.get(_norm(text))

    def suggest(self, text: str, n: int = 3) -> tuple[str, ...]:
        """Only close spellings: a three-letter text against codes, anything longer against names.

        ("Ukriane" → UKR; "UKT" → UKR; "Atlantis" → nothing, rather than a far-fetched ALB.)
        """
        wanted = _norm(text)
        if len(wanted) <= 3:
            candidates = [k for k in self._by_key if len(k) == 3]
            cutoff = 0.66
        else:
            candidates = [k for k in self._by_key if len(k) > 3]
            cutoff = 0.8
        keys = difflib.get_close_matches(wanted, candidates, n=n, cutoff=cutoff)
        return tuple(dict.fromkeys(self._by_key[k] for k in keys))


def _norm(text: str) -> str:
    return " ".join(str(text).replace("*", " ").split()).casefold()


class Adapter:
    """Base class for a publisher format. Subclasses set ``name`` and implement ``rows``."""

    name = ""

    def sniff(self, path: Path) -> bool:
        """True when the file looks like this format (used by ``--format auto``)."""
        return False

    def rows(self, path: Path, *, resolver: CountryResolver, **options) -> Iterator[Row | RowError]:
        raise NotImplementedError

    def frame(self, path: Path, *, resolver: CountryResolver, **options):
        """Optionally, the whole file in bulk: ``(DataFrame with FRAME_COLUMNS, list of RowError)``.

        Exactly what :meth:`rows` yields (the Rows as the DataFrame's rows, the
        RowErrors in the order rows() yields them), or None for "read this file
        with rows()". The default is None.
        """
        return None
