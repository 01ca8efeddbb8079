"""Our World in Data grapher CSV: ``Entity, Code, Year, <value columns>``.

Used for the IHME Global Burden of Disease downloads (drug use disorders,
HIV/AIDS) and for OWID's World Prison Brief table, which has no ``Code``
column. A row's country is found from ``Code`` (ISO3) and, failing that, from
``Entity`` (a name). Rows for other countries and for aggregates ("World",
"Central Asia", OWID_ codes, empty codes) are left out and listed in
``skipped``. Blank cells mean no data and yield nothing.

Values in a GBD measure column (its name reads ``<measure> - <cause> - Sex: …
- Age: …``) are flagged ``estimate`` unless the ``flags`` option says otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from .base import CountryResolver, ImportFormatError, Row, RowError
from .common import (PublisherAdapter, cell_error, check_flags, check_indicator_code, is_blank,
                     number_cell, require, year_period)
from .readers import open_csv, sniff_header

_GBD_COLUMN = re.compile(r" - Sex: .+ - Age: ")


class OwidAdapter(PublisherAdapter):
    """Reads one value column of an OWID grapher CSV as one indicator."""

    name = "owid"

    def sniff(self, path: Path) -> bool:
        header = sniff_header(path)
        return bool(header) and header[0] == "Entity" and "Year" in header[1:3] and len(header) >= 3

    def rows(self, path: Path, *, resolver: CountryResolver, indicator: str = "", source: str = "",
             column: str = "", flags: str | Sequence[str] | None = None, note: str = "") -> Iterator[Row | RowError]:
        """Yield one Row per platform country and year with a value in ``column``.

        ``column`` may be left out when the file has a single value column.
        ``flags`` replaces the automatic ``estimate`` flag of GBD columns;
        ``note`` is put on every row.
        """
        require(path, "owid", indicator=indicator, source=source)
        check_indicator_code(path, indicator)
        header, lines = open_csv(path)
        name = Path(path).name
        if not header or header[0] != "Entity" or "Year" not in header:
            raise ImportFormatError(
                f"{name} is not an Our World in Data grapher CSV: the header should start with "
                f"'Entity, Code, Year' (found {', '.join(header[:3]) or 'nothing'})."
            )
        code_at = header.index("Code") if "Code" in header else None
        year_at = header.index("Year")
        values = [h for i, h in enumerate(header) if i not in (0, year_at, code_at)]
        column = column or (values[0] if len(values) == 1 else "")
        if column not in values:
            folded = {v.casefold(): v for v in values}
            if column.casefold() not in folded:
                listed = "; ".join(repr(v) for v in values)
                what = f"has no column {column!r}" if column else "has several value columns"
                raise ImportFormatError(f"{name} {what}. Choose one with the option column: {listed}.")
            column = folded[column.casefold()]
        value_at = header.index(column)
        row_flags = check_flags(path, flags if flags is not None
                                else (["estimate"] if _GBD_COLUMN.search(column) else []))
        return self._rows(lines, resolver=resolver, indicator=indicator, source=source, code_at=code_at,
                          year_at=year_at, value_at=value_at, column=column, flags=row_flags, note=note)

    def _rows(self, lines, *, resolver, indicator, source, code_at, year_at, value_at, column, flags,
              note) -> Iterator[Row | RowError]:
        self._reset()
        for line, cells in lines:
            if not any(c.strip() for c in cells):
                continue
            cells = cells + [""] * (value_at + 1 - len(cells))
            entity = cells[0].strip()
            code = cells[code_at].strip() if code_at is not None else ""
            iso3 = self._resolve(resolver, code, entity)
            if iso3 is None:
                self._skip(line, entity or code)
                continue
            cell = cells[value_at]
            if is_blank(cell):
                continue
            try:
                period = year_period(cells[year_at])
            except ValueError as exc:
                yield cell_error(line, "Year", cells[year_at], exc)
                continue
            try:
                value, text = number_cell(cell)
            except ValueError as exc:
                yield cell_error(line, column, cell, exc)
                continue
            yield Row(indicator=indicator, country=iso3, period=period, source=source, line=line,
                      value=value, value_text=text, flags=flags, note=note)
