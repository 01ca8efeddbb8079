"""EMCDDA (now EUDA) Statistical Bulletin tables, saved as wide XLSX sheets.

Layout: cell A1 reads ``Country``; the other header cells are years, newest
first; each following row is one country, whose name may end in ``*`` (a
footnote mark of EMCDDA's table; the footnote text is not in the file). A blank
cell means no data. The ``*`` is stripped for matching and reported in the
row's note. Rows for countries that are not on the platform are left out and
listed in ``skipped``.

Summing tables: with the ``parts`` option, the adapter reads several tables of
the same layout (``{label: file name}``, file names relative to the folder of
the imported file) and yields their sum per country and year. A sum is made
only where every part is present, except parts listed in ``optional_parts``,
which are added when present. Each summed value carries a note listing its
parts, e.g. ``Sum of male (30) + female (12).`` This is how
``drug_induced_deaths`` (male + female) and ``dlo_use_possession`` (heroin +
cannabis + cocaine, plus ecstasy where reported) are built.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .base import SEXES, CountryResolver, ImportFormatError, Row, RowError
from .common import (NOT_ON_PLATFORM, PublisherAdapter, as_list, cell_error, check_flags, check_indicator_code,
                     is_blank, number_cell, require)
from .readers import Cell, cell_text, open_sheet, sniff_rows
from .values import format_number

FOOTNOTE_NOTE = "EMCDDA's table marks this country with * (the footnote text is not in the copy)."


@dataclass
class WideRow:
    """One country row of a wide table: its sheet row number, name as printed and cells by year."""

    line: int
    entity: str
    footnote: bool
    cells: dict[str, Cell] = field(default_factory=dict)


def read_wide(path: Path, *, sheet: str | None = None) -> list[WideRow]:
    """Read a wide EMCDDA sheet; raise ImportFormatError if its header is not ``Country, <years>``."""
    name = Path(path).name
    _, rows = open_sheet(path, sheet=sheet)
    header = next((cells for _, cells in rows), ())
    first = cell_text(header[0]) if header else ""
    years: list[tuple[int, str]] = []
    for at, cell in enumerate(header[1:], start=1):
        text = cell_text(cell)
        if text.isdigit() and len(text) == 4:
            years.append((at, text))
        elif text:
            years = []
            break
    if first.casefold() != "country" or not years:
        rows.close()
        shown = ", ".join(cell_text(c) for c in header[:4]) or "an empty first row"
        raise ImportFormatError(
            f"{name} does not look like an EMCDDA Statistical Bulletin table: the first row should read "
            f"'Country' followed by years (found {shown}). If the table is on another sheet, "
            "pass the option sheet."
        )
    table = []
    for line, cells in rows:
        entity = cell_text(cells[0]) if cells else ""
        if not entity:
            continue
        table.append(WideRow(
            line=line,
            entity=entity.rstrip(" *"),
            footnote=entity.endswith("*"),
            cells={year: cells[at] if at < len(cells) else None for at, year in years},
        ))
    return table


class EmcddaAdapter(PublisherAdapter):
    """Reads one wide EMCDDA table, or the sum of several, as one indicator."""

    name = "emcdda"

    def sniff(self, path: Path) -> bool:
        first = sniff_rows(path, 1)
        if not first or not first[0]:
            return False
        header = first[0]
        return cell_text(header[0]) == "Country" and len(header) > 1 and cell_text(header[1]).isdigit()

    def rows(self, path: Path, *, resolver: CountryResolver, indicator: str = "", source: str = "",
             sex: str = "", age_group: str = "", parts: Mapping[str, str] | None = None,
             optional_parts: str | Sequence[str] = (), sheet: str | None = None, flags: str | Sequence[str] = (),
             note: str = "") -> Iterator[Row | RowError]:
        """Yield one Row per platform country and year with a value (or with a complete sum).

        ``sex`` (``male``/``female``) and ``age_group`` (e.g. ``15-19``) label every
        row; ``note`` is put on every row.
        """
        require(path, "emcdda", indicator=indicator, source=source)
        check_indicator_code(path, indicator)
        if sex not in SEXES:
            raise ImportFormatError(f"{Path(path).name}: sex must be one of male, female or empty, not {sex!r}.")
        common = {"indicator": indicator, "source": source, "sex": sex, "age_group": age_group,
                  "flags": check_flags(path, flags)}
        if not parts:
            return self._rows(read_wide(path, sheet=sheet), resolver=resolver, note=note, **common)
        optional_parts = as_list(optional_parts)
        if unknown := [p for p in optional_parts if p not in parts]:
            raise ImportFormatError(f"{Path(path).name}: optional_parts {unknown} are not among parts {list(parts)}.")
        tables = {label: read_wide(Path(path).parent / file, sheet=sheet) for label, file in parts.items()}
        return self._sum_rows(tables, files=dict(parts), optional=set(optional_parts), resolver=resolver,
                              note=note, **common)

    def _rows(self, table: list[WideRow], *, resolver, note, **common) -> Iterator[Row | RowError]:
        self._reset()
        for wide in table:
            iso3 = self._resolve(resolver, wide.entity)
            if iso3 is None:
                self._skip(wide.line, wide.entity)
                continue
            row_note = _join(note, FOOTNOTE_NOTE if wide.footnote else "")
            for year, cell in wide.cells.items():
                if is_blank(cell):
                    continue
                try:
                    value, text = number_cell(cell)
                except ValueError as exc:
                    yield cell_error(wide.line, year, cell, exc)
                    continue
                yield Row(country=iso3, period=year, line=wide.line, value=value, value_text=text,
                          note=row_note, **common)

    def _sum_rows(self, tables: dict[str, list[WideRow]], *, files, optional, resolver, note,
                  **common) -> Iterator[Row | RowError]:
        self._reset()
        found: dict[tuple[str, str], dict[str, tuple[float, int, bool]]] = {}
        for label, table in tables.items():
            for wide in table:
                iso3 = self._resolve(resolver, wide.entity)
                if iso3 is None:
                    self._skip(wide.line, wide.entity, f"{NOT_ON_PLATFORM} ({files[label]})")
                    continue
                for year, cell in wide.cells.items():
                    if is_blank(cell):
                        continue
                    try:
                        value, _ = number_cell(cell)
                    except ValueError as exc:
                        error = cell_error(wide.line, year, cell, exc)
                        yield RowError(line=error.line, column=error.column, value=error.value,
                                       reason=f"{files[label]}: {error.reason}")
                        continue
                    found.setdefault((iso3, year), {})[label] = (value, wide.line, wide.footnote)
        required = [label for label in tables if label not in optional]
        for (iso3, year), present in sorted(found.items()):
            if any(label not in present for label in required):
                continue
            labels = [label for label in tables if label in present]
            total = sum(present[label][0] for label in labels)
            terms = " + ".join(f"{label} ({format_number(present[label][0])})" for label in labels)
            absent = [label for label in tables if label not in present]
            summary = f"Sum of {terms}" + (
                f"; {', '.join(absent)}: no data, not included." if absent else ".")
            footnote = any(present[label][2] for label in labels)
            yield Row(country=iso3, period=year, line=present[labels[0]][1], value=total,
                      value_text=format_number(total),
                      note=_join(note, summary, FOOTNOTE_NOTE if footnote else ""), **common)


def _join(*notes: str) -> str:
    return " ".join(n for n in notes if n)
