"""World Bank indicator CSV in the long layout ``Country Name, Country Code, Year, Value``.

This is the layout of the ``datasets/population`` data package (World Bank
SP.POP.TOTL). Rows for other countries and for World Bank aggregates (regions,
income groups) are left out and listed in ``skipped``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from .base import CountryResolver, ImportFormatError, Row, RowError
from .common import (PublisherAdapter, cell_error, check_flags, check_indicator_code, is_blank,
                     number_cell, require, year_period)
from .readers import open_csv, sniff_header

COLUMNS = ("Country Name", "Country Code", "Year", "Value")


class WorldBankAdapter(PublisherAdapter):
    """Reads a World Bank long CSV as one indicator (``population`` unless told otherwise)."""

    name = "worldbank"

    def sniff(self, path: Path) -> bool:
        return tuple(sniff_header(path) or ()) == COLUMNS

    def rows(self, path: Path, *, resolver: CountryResolver, source: str = "", indicator: str = "population",
             flags: str | Sequence[str] = ()) -> Iterator[Row | RowError]:
        """Yield one Row per platform country and year with a value."""
        require(path, "worldbank", indicator=indicator, source=source)
        check_indicator_code(path, indicator)
        row_flags = check_flags(path, flags)
        header, lines = open_csv(path)
        if missing := [c for c in COLUMNS if c not in header]:
            raise ImportFormatError(
                f"{Path(path).name} is not a World Bank long CSV: it lacks the column(s) "
                f"{', '.join(missing)} (expected {', '.join(COLUMNS)})."
            )
        at = {c: header.index(c) for c in COLUMNS}
        return self._rows(lines, at=at, resolver=resolver, indicator=indicator, source=source, flags=row_flags)

    def _rows(self, lines, *, at, resolver, indicator, source, flags) -> Iterator[Row | RowError]:
        self._reset()
        width = max(at.values()) + 1
        for line, cells in lines:
            if not any(c.strip() for c in cells):
                continue
            cells = cells + [""] * (width - len(cells))
            name, code = cells[at["Country Name"]].strip(), cells[at["Country Code"]].strip()
            iso3 = self._resolve(resolver, code, name)
            if iso3 is None:
                self._skip(line, name or code)
                continue
            if is_blank(cells[at["Value"]]):
                continue
            try:
                period = year_period(cells[at["Year"]])
            except ValueError as exc:
                yield cell_error(line, "Year", cells[at["Year"]], exc)
                continue
            try:
                value, text = number_cell(cells[at["Value"]])
            except ValueError as exc:
                yield cell_error(line, "Value", cells[at["Value"]], exc)
                continue
            yield Row(indicator=indicator, country=iso3, period=period, source=source, line=line,
                      value=value, value_text=text, flags=flags)
