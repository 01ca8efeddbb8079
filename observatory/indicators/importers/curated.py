"""Adapter for the hand-transcribed harm-reduction tables in ``data/curated/``.

Each CSV row is one figure from a published report, with its own source
(``iso3, country, indicator, year, value, unit, note, source_title, source_url``).
The adapter turns each row into one :class:`Row` and never changes what was printed:
value forms are parsed by :mod:`.curated_values`, indicator codes and flags come from
:mod:`.curated_rules`, and the source key comes from the ``curated_source_map`` in
``data/catalogue/curated.yaml``.

Rows that cannot be a country x period observation (blank ``iso3``: a regional
aggregate; blank ``year``: the source gives no date) are *skipped*, not errors: a
:class:`RowError` would fail the whole file in the all-or-nothing import, and a
year must never be invented. As in the other publisher adapters, ``skipped``
lists each one as a :class:`.common.Skipped` (line, entity as spelt, reason) and
``skipped_entities`` counts them; both are reset when :meth:`CuratedAdapter.rows`
starts. After iterating, rows + row errors + skipped = the data lines of the file.
"""

from __future__ import annotations

import csv
import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from .base import CountryResolver, ImportFormatError, Row, RowError
from .common import PublisherAdapter
from .curated_rules import INDICATORS, PLATFORM_CODES, indicator_code, note_flags
from .curated_values import ValueParseError, parse_cell

HEADER = ("iso3", "country", "indicator", "year", "value", "unit", "note", "source_title", "source_url")

# data/catalogue/curated.yaml in the project checkout (observatory/indicators/importers/ -> root).
DEFAULT_CATALOGUE = Path(__file__).resolve().parents[3] / "data" / "catalogue" / "curated.yaml"

SKIP_REGIONAL = "blank iso3: regional aggregate, not a country"
SKIP_UNDATED = "blank year: the source gives no date, and a year is not invented"

_MONTHS = ("january", "february", "march", "april", "may", "june", "july",
           "august", "september", "october", "november", "december")
# Stuikyte et al. print a second, earlier reading of the same year in brackets
# ("27,432 [20,331 in February 2022]"); the bracketed reading gets its month as the period
# so the two readings do not collide on one country x year.
_BRACKETED_READING = re.compile(r"^printed in brackets:.*?\bin (" + "|".join(_MONTHS) + r") (\d{4})\b", re.I)


@dataclass(frozen=True)
class CuratedCatalogue:
    """What the adapter needs from ``curated.yaml``: source keys and indicator kinds."""

    sources: Mapping[tuple[str, str], str]  # (source_title, source_url) -> source key
    year_is_edition: frozenset[str]  # source keys whose every year is the publication year
    kinds: Mapping[str, str]  # indicator code -> "numeric" | "categorical"

    @classmethod
    def load(cls, path: Path = DEFAULT_CATALOGUE) -> CuratedCatalogue:
        try:
            with open(path, encoding="utf-8") as fh:
                data = yaml.safe_load(fh) or {}
        except OSError as exc:
            raise ImportFormatError(f"the curated catalogue {path} cannot be read ({exc.strerror}).") from exc
        sources, edition = {}, set()
        for entry in data.get("curated_source_map") or ():
            sources[(entry["source_title"], entry["source_url"])] = entry["source"]
            if entry.get("year_is_edition"):
                edition.add(entry["source"])
        kinds = {code: "numeric" for code in PLATFORM_CODES}
        kinds.update({ind["code"]: ind["kind"] for ind in data.get("indicators") or ()})
        return cls(sources=sources, year_is_edition=frozenset(edition), kinds=kinds)


class CuratedAdapter(PublisherAdapter):
    """The curated long-format tables (one figure per row, each row naming its source)."""

    name = "curated"

    def sniff(self, path: Path) -> bool:
        try:
            with open(path, encoding="utf-8-sig", newline="") as fh:
                first = next(csv.reader(fh), None)
        except (OSError, UnicodeDecodeError, csv.Error):
            return False
        return first is not None and tuple(c.strip() for c in first) == HEADER

    def rows(
        self,
        path: Path,
        *,
        resolver: CountryResolver,
        catalogue: Path | CuratedCatalogue | None = None,
        **options,
    ) -> Iterator[Row | RowError]:
        """Yield one Row (or RowError) per dated country row; list the others in ``skipped``.

        ``catalogue`` is the path of curated.yaml (or an already loaded :class:`CuratedCatalogue`);
        by default the project's ``data/catalogue/curated.yaml``.
        """
        self._reset()
        cat = catalogue
        if not isinstance(cat, CuratedCatalogue):
            cat = CuratedCatalogue.load(catalogue or DEFAULT_CATALOGUE)
        path = Path(path)
        try:
            with open(path, encoding="utf-8-sig", newline="") as fh:
                reader = csv.reader(fh)
                header = next(reader, None)
                if header is None:
                    raise ImportFormatError(f"{path.name} is empty.")
                if tuple(c.strip() for c in header) != HEADER:
                    raise ImportFormatError(
                        f"{path.name} is not a curated table: the header must be {','.join(HEADER)}."
                    )
                line = 2
                for cells in reader:
                    if any(c.strip() for c in cells):
                        yield from self._read(line, cells, resolver=resolver, cat=cat)
                    line = reader.line_num + 1
        except UnicodeDecodeError as exc:
            raise ImportFormatError(f"{path.name} is not UTF-8 text ({exc.reason}).") from exc
        except csv.Error as exc:
            raise ImportFormatError(f"{path.name} is not a readable CSV file ({exc}).") from exc

    def _read(
        self, line: int, cells: list[str], *, resolver: CountryResolver, cat: CuratedCatalogue
    ) -> Iterator[Row | RowError]:
        if len(cells) != len(HEADER):
            yield RowError(line, "", ",".join(cells)[:80], f"expected {len(HEADER)} columns, found {len(cells)}")
            return
        r = dict(zip(HEADER, (c.strip() for c in cells)))

        if not r["iso3"] or not r["year"]:
            self._skip(line, r["country"] or r["iso3"], SKIP_REGIONAL if not r["iso3"] else SKIP_UNDATED)
            return

        country = resolver.resolve(r["iso3"])
        if country is None:
            yield RowError(line, "iso3", r["iso3"], "unknown country code", resolver.suggest(r["country"]))
            return
        named = resolver.resolve(r["country"])
        if named is not None and named != country:
            yield RowError(line, "country", r["country"], f"names {named}, but iso3 says {country}")
            return

        if not re.fullmatch(r"\d{4}", r["year"]):
            yield RowError(line, "year", r["year"], "year must be four digits")
            return
        period = r["year"]
        if m := _BRACKETED_READING.match(r["note"]):
            if m[2] == r["year"]:
                period = f"{r['year']}-{_MONTHS.index(m[1].lower()) + 1:02d}"

        code = indicator_code(r["indicator"], r["unit"])
        if code is None or code not in cat.kinds:
            yield RowError(line, "indicator", r["indicator"],
                           "no platform indicator code for this name (see curated_rules.INDICATORS)",
                           tuple(difflib.get_close_matches(r["indicator"], sorted(INDICATORS), n=3)))
            return

        source = cat.sources.get((r["source_title"], r["source_url"]))
        if source is None:
            yield RowError(line, "source_title", r["source_title"][:80],
                           "source not in curated_source_map of data/catalogue/curated.yaml")
            return

        try:
            parsed = parse_cell(r["value"])
        except ValueParseError as exc:
            yield RowError(line, "value", r["value"], str(exc))
            return
        kind = cat.kinds[code]
        if parsed.is_numeric != (kind == "numeric"):
            yield RowError(line, "value", r["value"], f"{code} is {kind}, but the value is {parsed.form}")
            return

        flags = note_flags(r["note"])
        if source in cat.year_is_edition:
            flags |= {"edition_year"}

        yield Row(
            indicator=code,
            country=country,
            period=period,
            source=source,
            line=line,
            value=parsed.value,
            value_text=parsed.text,
            lower=parsed.lower,
            upper=parsed.upper,
            qualifier=parsed.qualifier,
            category=parsed.category,
            flags=frozenset(flags),
            note=r["note"],
        )

