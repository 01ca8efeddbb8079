"""UNODC Data Portal downloads (dataUNODC), e.g. ``data_cts_prisons_and_prisoners.xlsx``.

Layout: one sheet; a banner of a few rows ("UNODC", the download date), then
the header ``Iso3_code, Country, Region, Subregion, Indicator, Dimension,
Category, Sex, Age, Year, Unit of measurement, VALUE, Source``, then one row per
value. The header row is found by its ``Iso3_code`` and ``VALUE`` cells.

One import selects one series by ``Indicator``, ``Dimension`` (optional),
``Category``, ``Age`` and ``Unit of measurement``. Matching ignores case, spaces
and hyphens, because the portal spells the same category several ways
("Drug possession" / "Drug Possession", "environment" / "environ-ment").
``sex`` chooses ``total`` (the default, Sex = Total), ``male``, ``female`` or
``all`` (all three, Total as the empty sex). Each row's ``Source`` (CTS,
WPB-ICPR, SDG, External …) is kept in its note. Rows of countries that are not
on the platform are left out and listed in ``skipped``; a second value for the
same country, year and sex is reported as an error.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from .base import CountryResolver, ImportFormatError, Row, RowError
from .common import (PublisherAdapter, cell_error, check_flags, check_indicator_code, is_blank,
                     number_cell, require, year_period)
from .readers import Cell, cell_text, open_sheet, sniff_rows

SheetRow = tuple[int, tuple[Cell, ...]]
COLUMNS = ("Iso3_code", "Country", "Indicator", "Dimension", "Category", "Sex", "Age", "Year",
           "Unit of measurement", "VALUE", "Source")
SEX_CHOICES = {"total": ("total",), "male": ("male",), "female": ("female",), "all": ("total", "male", "female")}


def key(text: str) -> str:
    """The matching key of a dimension value: case, spaces and hyphens ignored."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", str(text or "")).casefold()


@functools.lru_cache(maxsize=2)
def _read(path: str, _stamp: tuple[int, int], sheet: str | None) -> tuple[tuple[str, ...], tuple[SheetRow, ...]]:
    """Header and rows of the sheet, cached for repeated loads of the same (unchanged) file."""
    name = Path(path).name
    _, rows = open_sheet(Path(path), sheet=sheet)
    header: tuple[str, ...] = ()
    for number, cells in rows:
        texts = tuple(cell_text(c) for c in cells)
        if "Iso3_code" in texts and "VALUE" in texts:
            header = texts
            break
        if number > 20:
            break
    if not header:
        rows.close()
        raise ImportFormatError(
            f"{name} is not a UNODC Data Portal table: no header row with 'Iso3_code' and 'VALUE' in its "
            "first 20 rows. Download the table again from dataunodc.un.org as Excel."
        )
    if missing := [c for c in COLUMNS if c not in header]:
        rows.close()
        raise ImportFormatError(f"{name}: the UNODC table lacks the column(s) {', '.join(missing)}.")
    return header, tuple((line, tuple(cells)) for line, cells in rows)


class UnodcAdapter(PublisherAdapter):
    """Reads one series of a UNODC Data Portal table as one indicator."""

    name = "unodc"

    def sniff(self, path: Path) -> bool:
        first = sniff_rows(path, 6) or []
        return any("Iso3_code" in map(cell_text, cells) and "VALUE" in map(cell_text, cells) for cells in first)

    def rows(self, path: Path, *, resolver: CountryResolver, indicator: str = "", source: str = "",
             unodc_indicator: str = "Persons held", dimension: str = "", category: str = "Total",
             age: str = "Total", unit: str = "Counts", sex: str = "total", sheet: str | None = None,
             flags: str | Sequence[str] = ()) -> Iterator[Row | RowError]:
        """Yield one Row per platform country, year and chosen sex of the selected series."""
        require(path, "unodc", indicator=indicator, source=source, category=category)
        check_indicator_code(path, indicator)
        if sex not in SEX_CHOICES:
            raise ImportFormatError(f"{Path(path).name}: sex must be one of {', '.join(SEX_CHOICES)}, not {sex!r}.")
        stat = os.stat(path) if Path(path).is_file() else None
        header, table = _read(str(path), (stat.st_mtime_ns, stat.st_size) if stat else (0, 0), sheet)
        wanted = {"Indicator": key(unodc_indicator), "Dimension": key(dimension), "Category": key(category),
                  "Age": key(age), "Unit of measurement": key(unit)}
        return self._rows(header, table, wanted=wanted, sexes=SEX_CHOICES[sex], resolver=resolver,
                          indicator=indicator, source=source, flags=check_flags(path, flags))

    def _rows(self, header, table, *, wanted, sexes, resolver, indicator, source, flags) -> Iterator[Row | RowError]:
        self._reset()
        at = {c: header.index(c) for c in COLUMNS}
        seen: dict[tuple[str, str, str], int] = {}
        for line, cells in table:
            if all(is_blank(c) for c in cells):
                continue
            cells = cells + (None,) * (len(header) - len(cells))
            if any(value and key(cells[at[column]]) != value for column, value in wanted.items()):
                continue
            sex = key(cells[at["Sex"]])
            if sex not in sexes:
                continue
            iso3 = self._resolve(resolver, cell_text(cells[at["Iso3_code"]]), cell_text(cells[at["Country"]]))
            if iso3 is None:
                self._skip(line, cell_text(cells[at["Country"]]) or cell_text(cells[at["Iso3_code"]]))
                continue
            try:
                period = year_period(cells[at["Year"]])
            except ValueError as exc:
                yield cell_error(line, "Year", cells[at["Year"]], exc)
                continue
            cell = cells[at["VALUE"]]
            if is_blank(cell):
                continue
            try:
                value, text = number_cell(cell)
            except ValueError as exc:
                yield cell_error(line, "VALUE", cell, exc)
                continue
            row_sex = "" if sex == "total" else sex
            if (first := seen.setdefault((iso3, period, row_sex), line)) != line:
                yield RowError(line=line, column="VALUE", value=text,
                               reason=f"a second value for {iso3} {period}; the first is on row {first}")
                continue
            yield Row(indicator=indicator, country=iso3, period=period, source=source, line=line, value=value,
                      value_text=text, sex=row_sex, flags=flags, note=source_note(cell_text(cells[at["Source"]])))


def source_note(text: str) -> str:
    """The note that keeps a row's own UNODC ``Source`` field, e.g. ``UNODC source field: CTS/WPB-ICPR.``"""
    return f"UNODC source field: {text}." if text else ""
