"""Reading a spreadsheet (CSV in any common dialect, or the first sheet of an XLSX) as rows of text.

Shared by the imports: the header is lower-cased, every value is a stripped
string (dates in XLSX cells become ``YYYY-MM-DD``), empty rows are left out,
and each row keeps its line number in the file, so an error report can name it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and ``[(line, {column: value})]`` of ``path``; see the module docstring."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(h or "").strip().lower() for h in next(rows, [])]
        out = []
        for line, values in enumerate(rows, start=2):
            record = {h: "" if v is None else (v.isoformat()[:10] if hasattr(v, "isoformat") else str(v)).strip()
                      for h, v in zip(header, values) if h}
            if any(record.values()):
                out.append((line, record))
        workbook.close()
        return header, out
    text = path.read_bytes().decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [(h or "").strip().lower() for h in reader.fieldnames or []]
    reader.fieldnames = header
    out = [(line, {k: (v or "").strip() for k, v in row.items() if k})
           for line, row in enumerate(reader, start=2) if any((v or "").strip() for v in row.values() if v)]
    return header, out
