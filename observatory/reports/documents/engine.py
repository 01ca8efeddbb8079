"""The PDF engine: Typst (the ``typst`` package bundles the compiler), tagged PDF/UA-1 output.

One compiler is kept per process, with the shipped fonts (DejaVu Sans for the
charts, headings and tables; Typst's bundled Libertinus Serif for the text) and
never the system's, so a document looks the same on every machine. PDF/UA-1 makes
Typst refuse a document without a title or an image without alternative text.
"""

from __future__ import annotations

import json
import threading
from functools import lru_cache
from pathlib import Path

from observatory.reports.documents.common import Document

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = PACKAGE / "typst"
FONT_DIR = PACKAGE / "fonts"
TEMPLATE = TEMPLATE_DIR / "document.typ"
PDF_STANDARD = "ua-1"

_lock = threading.Lock()


class RenderError(RuntimeError):
    """The PDF engine refused the document; ``str()`` says why."""


def engine_version() -> str:
    import typst

    return f"typst {getattr(typst, '__version__', '?')}"


@lru_cache(maxsize=1)
def _compiler():
    import typst

    return typst.Compiler(root=str(TEMPLATE_DIR), font_paths=[str(FONT_DIR)], ignore_system_fonts=True)


def pdf_render(document: Document) -> bytes:
    """The document as a tagged PDF (PDF/UA-1) with its language and title set and its fonts embedded."""
    import typst

    # ``default=str`` turns lazy translations (labels of choices) into text in the active language.
    payload = json.dumps(document.payload(), ensure_ascii=False, separators=(",", ":"), default=str)
    with _lock:  # one compiler per process; Typst compiles one document at a time on it
        try:
            return _compiler().compile(input=str(TEMPLATE), format="pdf", sys_inputs={"data": payload},
                                       pdf_standards=[PDF_STANDARD])
        except typst.TypstError as error:
            hints = "; ".join(getattr(error, "hints", []) or [])
            raise RenderError(f"{getattr(error, 'message', error)}{' (' + hints + ')' if hints else ''}") from error
