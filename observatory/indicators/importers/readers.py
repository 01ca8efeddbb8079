"""Open a CSV or XLSX file for an adapter, or say in one sentence why it cannot be opened.

Every failure is an :class:`ImportFormatError` whose message names the file and
what to do. ``sniff_*`` helpers never raise: they answer "not this format" with
``None`` so that format detection can try the next adapter.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .base import ImportFormatError

# pandas and openpyxl (and numpy, in .columns) are imported in the functions that use them: the indicator pages and
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
