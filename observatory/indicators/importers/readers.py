"""Open a CSV or XLSX file for an adapter, or say in one sentence why it cannot be opened.

Every failure is an :class:`ImportFormatError` whose message names the file and
what to do. ``sniff_*`` helpers never raise: they answer "not this format" with
``None`` so that format detection can try the next adapter.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .base import ImportFormatError

if TYPE_CHECKING:
    import numpy as np

# numpy, pandas and openpyxl are imported in the functions that use them: the indicator pages and
# every command import the adapters at start-up, and those libraries take up to a second to load.

Cell = Any  # str, int, float, datetime or None, as the file holds it

_SIGNATURES = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an Excel workbook"),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) or Word (.doc) file"),
)
SAVE_AS = "Save the table as CSV (UTF-8) or as an Excel .xlsx workbook and try again."


def head_bytes(path: Path, n: int = 8192) -> bytes:
    """Return the first ``n`` bytes; raise if the file is missing, unreadable or empty."""
    path = Path(path)
    if not path.is_file():
        raise ImportFormatError(f"{path.name}: file not found at {path}. Check the path and try again.")
    try:
        with path.open("rb") as handle:
            head = handle.read(n)
    except OSError as exc:
        raise ImportFormatError(f"{path.name}: the file cannot be read ({exc.strerror}).") from None
    if not head.strip():
        raise ImportFormatError(f"{path.name}: the file is empty. Export the table again; {SAVE_AS}")
    return head


def is_xlsx(path: Path) -> bool:
    """True when the file is a ZIP container (what an .xlsx workbook is)."""
    try:
        with Path(path).open("rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def binary_kind(head: bytes) -> str | None:
    """Name the kind of a binary file from its first bytes, or None for text."""
    for magic, kind in _SIGNATURES:
        if head.startswith(magic):
            return kind
    if b"\x00" in head:
        return "a binary file"
    return None


def read_text(path: Path) -> str:
    """Decode a text file: UTF-8 (with or without BOM), else Windows-1251 as Russian Excel saves it."""
    return _read_text(path)[1]


def _read_text(path: Path) -> tuple[bytes, str, str]:
    """The file's bytes, its text and the encoding that decoded it."""
    head = head_bytes(path)
    kind = binary_kind(head)
    if kind:
        raise ImportFormatError(f"{Path(path).name} is not a CSV text file: it is {kind}. {SAVE_AS}")
    data = Path(path).read_bytes()
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data, data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ImportFormatError(
        f"{Path(path).name}: the text encoding is not UTF-8 or Windows-1251. "
        "Save the file as 'CSV UTF-8' and try again."
    )


def _delimiter(text: str) -> str:
    """Whichever of comma, semicolon and tab the header line uses most."""
    end = text.find("\n")
    first_line = text if end < 0 else text[:end]
    return max(",;\t", key=first_line.count)


def _csv_reader(text: str, delimiter: str):
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def open_csv(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """Return the header (trimmed) and an iterator of ``(line number, cells)`` for the data lines.

    The delimiter is a comma, a semicolon or a tab, whichever the header line uses.
    """
    text = read_text(path)
    reader = _csv_reader(text, _delimiter(text))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise ImportFormatError(f"{Path(path).name}: the file has no header line. {SAVE_AS}") from None
    header = [cell.strip() for cell in header]

    def lines() -> Iterator[tuple[int, list[str]]]:
        try:
            for cells in reader:
                yield reader.line_num, cells
        except csv.Error as exc:
            raise ImportFormatError(
                f"{Path(path).name}, line {reader.line_num}: the CSV cannot be read ({exc}). "
                "Check for an unclosed quote."
            ) from None

    return header, lines()


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


def open_sheet(path: Path, *, sheet: str | None = None) -> tuple[str, Iterator[tuple[int, tuple[Cell, ...]]]]:
    """Return the sheet name and an iterator of ``(row number, cells)`` for every row of one sheet.

    ``sheet`` is a sheet name; ``None`` means the first sheet. The workbook is
    opened read-only and closed when the iterator is exhausted.
    """
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    head = head_bytes(path)
    name = Path(path).name
    if not head.startswith(b"PK\x03\x04"):
        kind = binary_kind(head) or "a text file"
        raise ImportFormatError(f"{name} is not an Excel .xlsx workbook: it is {kind}. {SAVE_AS}")
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise ImportFormatError(f"{name} cannot be opened as an Excel .xlsx workbook ({exc}). {SAVE_AS}") from None
    if sheet is None:
        worksheet = workbook.worksheets[0]
    elif sheet in workbook.sheetnames:
        worksheet = workbook[sheet]
    else:
        names = ", ".join(repr(s) for s in workbook.sheetnames)
        workbook.close()
        raise ImportFormatError(
            f"{name} has no sheet named {sheet!r}; its sheets are {names}. "
            "Rename the sheet or choose one of these."
        )

    if hasattr(worksheet, "reset_dimensions"):
        # Some exporters (the UNODC portal among them) declare the sheet as the single
        # cell A1:A1; read-only mode would then stop after the first row. Rows come
        # back unpadded, so a row may be shorter than the header.
        worksheet.reset_dimensions()

    def rows() -> Iterator[tuple[int, tuple[Cell, ...]]]:
        try:
            for number, cells in enumerate(worksheet.iter_rows(values_only=True), start=1):
                yield number, cells
        finally:
            workbook.close()

    return worksheet.title, rows()


def open_table(path: Path, *, sheet: str | None = None) -> tuple[list[str], Iterator[tuple[int, list[Cell]]]]:
    """Open a CSV or an XLSX file as a header plus numbered rows; the first non-blank row is the header."""
    if is_xlsx(path):
        _, sheet_rows = open_sheet(path, sheet=sheet)
        for _, cells in sheet_rows:
            if not all(is_blank(c) for c in cells):
                header = ["" if c is None else str(c).strip() for c in cells]
                break
        else:
            raise ImportFormatError(f"{Path(path).name}: the sheet is empty. {SAVE_AS}")

        def rest() -> Iterator[tuple[int, list[Cell]]]:
            try:
                for number, cells in sheet_rows:
                    yield number, list(cells)
            finally:
                sheet_rows.close()

        return header, rest()
    return open_csv(path)


def sniff_header(path: Path) -> list[str] | None:
    """The header of a CSV or XLSX file, or None if the file cannot be read."""
    try:
        header, rows = open_table(path)
        rows.close()
        return header
    except ImportFormatError:
        return None


def sniff_rows(path: Path, n: int = 5) -> list[tuple[Cell, ...]] | None:
    """The first ``n`` rows of the first sheet of an XLSX file, or None if it is not one."""
    if not is_xlsx(path):
        return None
    try:
        _, rows = open_sheet(path)
        first = [cells for _, (_, cells) in zip(range(n), rows)]
        rows.close()
        return first
    except ImportFormatError:
        return None


def is_blank(cell: Cell) -> bool:
    """True for an empty cell: None, or text made only of spaces."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def cell_text(cell: Cell) -> str:
    """A cell as trimmed text; numbers print without a trailing ``.0``."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()
