"""Read a whole CSV file column by column, for the bulk import path.

The line-by-line readers live in :mod:`.readers`; this module gives the same cells
as numpy columns (plain or factorised) so that a large file is checked and keyed
without a Python object per row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .readers import _csv_reader, _delimiter, _read_text, is_blank

if TYPE_CHECKING:
    import numpy as np

# numpy and pandas are imported in the functions that use them (see .readers).


class Column:
    """One column's cells, kept as plain cells or as distinct cells plus a code per row; each form on demand."""

    def __init__(self, *, cells: np.ndarray | None = None, codes: np.ndarray | None = None,
                 uniques: np.ndarray | None = None):
        self._cells, self._codes, self._uniques = cells, codes, uniques

    @property
    def cells(self) -> np.ndarray:
        """The cells (``str``), one per row."""
        if self._cells is None:
            self._cells = self._uniques[self._codes]
        return self._cells

    @property
    def codes(self) -> np.ndarray:
        """For each row, the position of its cell in :attr:`uniques`."""
        if self._codes is None:
            self._factorise()
        return self._codes

    @property
    def uniques(self) -> np.ndarray:
        """The distinct cells."""
        if self._uniques is None:
            self._factorise()
        return self._uniques

    def _factorise(self) -> None:
        import pandas as pd

        self._codes, self._uniques = pd.factorize(self._cells)

    def __len__(self) -> int:
        return len(self._cells if self._cells is not None else self._codes)

    def __getitem__(self, row: int) -> str:
        return self._cells[row] if self._cells is not None else self._uniques[self._codes[row]]

    def take(self, rows: np.ndarray) -> Column:
        if self._cells is not None:
            return Column(cells=self._cells[rows])
        return Column(codes=self._codes[rows], uniques=self._uniques)


def csv_columns(path: Path, *, few_values: Callable[[str], bool] = lambda name: False,
                ) -> tuple[list[str], np.ndarray, list[Column]] | None:
    """The whole CSV file at once, column by column, for readers that work on columns.

    Returns the header (trimmed, as :func:`open_csv` gives it), the file line
    number of each non-blank data line, and one :class:`Column` per header
    column. The cells are exactly those :func:`open_csv` yields, except that a
    cell missing from a short line is ``""`` and cells beyond the header are
    dropped (they still count when deciding whether a line is blank). Columns
    whose header cell ``few_values`` accepts are read as distinct cells plus
    codes, which is faster and smaller when few cells differ. Returns None when
    the file cannot be read this way (a CSV syntax error), for the caller to read
    it line by line with :func:`open_csv`, which explains the problem; raises
    ImportFormatError as :func:`read_text` does.

    A file without quote characters is split by pandas' C parser: without quotes
    a record is exactly one line and a cell exactly the text between delimiters,
    so both parsers agree. A file with quotes goes through :mod:`csv`, whose
    quoting rules define the format.
    """
    data, text, encoding = _read_text(path)
    delimiter = _delimiter(text)
    table = None
    if '"' not in text and "\x00" not in text and text.count("\r") == text.count("\r\n"):
        table = _pandas_columns(data, text, encoding, delimiter, few_values)
    return table if table is not None else _csv_module_columns(_csv_reader(text, delimiter))


def _pandas_columns(data: bytes, text: str, encoding: str, delimiter: str, few_values: Callable[[str], bool]):
    import numpy as np
    import pandas as pd

    end = text.find("\n")
    first_line = (text if end < 0 else text[:end]).rstrip("\r")
    kinds = {i: "category" if few_values(cell.strip()) else object
             for i, cell in enumerate(first_line.split(delimiter))}
    try:
        # The bytes, not the text: the parser decodes as it goes instead of copying the whole text.
        frame = pd.read_csv(io.BytesIO(data), encoding=encoding, sep=delimiter, header=None, dtype=kinds,
                            keep_default_na=False, na_filter=False, skip_blank_lines=False, engine="c",
                            quoting=csv.QUOTE_NONE)
    except (ValueError, pd.errors.ParserError):
        return None  # e.g. a line with more cells than the header: the csv module keeps them
    # Every line must have become one record (the C parser never splits a line, so equal counts
    # mean nothing was merged or dropped); otherwise the csv module decides.
    expected = text.count("\n") + (0 if text.endswith("\n") else 1)
    if len(frame) != expected or len(frame.columns) != len(kinds):
        return None
    columns = []
    for name in frame.columns:
        series = frame[name]
        if isinstance(series.dtype, pd.CategoricalDtype):
            uniques = series.cat.categories.to_numpy(dtype=object)
            columns.append(Column(codes=series.cat.codes.to_numpy().astype(np.int64), uniques=uniques))
        else:
            columns.append(Column(cells=series.to_numpy(dtype=object)))
    header = [str(column[0]).strip() for column in columns]
    rows = np.arange(1, len(frame))
    columns = [column.take(rows) for column in columns]
    blank = _blank_rows(columns)
    if blank.any():
        rows, columns = rows[~blank], [column.take(~blank) for column in columns]
    return header, rows + 1, columns


def _csv_module_columns(reader):
    import numpy as np

    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return None
    width = len(header)
    lines, rows = [], []
    try:
        for cells in reader:
            if all(is_blank(c) for c in cells):
                continue
            lines.append(reader.line_num)
            rows.append(cells[:width] if len(cells) >= width else cells + [""] * (width - len(cells)))
    except csv.Error:
        return None
    columns = [np.array(column, dtype=object) for column in zip(*rows)] if rows else [
        np.empty(0, dtype=object) for _ in range(width)]
    return [cell.strip() for cell in header], np.array(lines, dtype=np.int64), [Column(cells=c) for c in columns]


def row_keys(*codes: np.ndarray) -> np.ndarray:
    """One int64 per row from per-column integer codes (0 to n-1): equal exactly when all codes are equal."""
    import numpy as np

    key = np.zeros(len(codes[0]) if codes else 0, dtype=np.int64)
    size = 1
    for column in codes:
        width = int(column.max()) + 1 if len(column) else 1
        if size * width >= 2**62:  # renumber what we have so far to stay inside int64
            import pandas as pd

            key, uniques = pd.factorize(key)
            size = max(len(uniques), 1)
        key = key * width + column
        size *= width
    return key


def _blank_rows(columns: list[Column]) -> np.ndarray:
    """Mask of the rows whose every cell is blank (:func:`is_blank`), looking at few cells per row."""
    import numpy as np

    if not columns:
        return np.zeros(0, dtype=bool)
    first = columns[0]
    blank = np.array([is_blank(u) for u in first.uniques], dtype=bool)[first.codes] if len(first) else np.zeros(
        0, dtype=bool)
    for column in columns[1:]:
        rows = np.flatnonzero(blank)
        if not len(rows):
            break
        blank[rows] = [is_blank(column[r]) for r in rows.tolist()]
    return blank
