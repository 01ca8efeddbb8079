"""The same document as an editable Word file (DOCX), for members who finish a draft in a word processor.

It holds what the PDF holds, block by block: headings, paragraphs, tables, lists, the headline cards
(as a table), figures (as PNG images with their alternative text) and the numbered sources. Like the
PDF, nothing in a block is read as markup: a text is always set as plain text.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from observatory.reports.documents.common import Document

_LANGUAGE_TAGS = {"en": "en-GB", "ru": "ru-RU"}
_FONT = "DejaVu Sans"


def _runs(paragraph, runs: list[dict], *, size=None, italic: bool = False) -> None:
    for item in runs:
        run = paragraph.add_run(str(item.get("text", "")))
        run.bold = bool(item.get("strong")) or None
        run.italic = italic or None
        if size is not None:
            run.font.size = size


def _cell_text(cell) -> tuple[str, bool]:
    if isinstance(cell, dict):
        return str(cell.get("text", "")), bool(cell.get("strong"))
    return str(cell), False


def _table(doc, header: list[str], rows: list[list]) -> None:
    from docx.shared import Pt

    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, header):
        cell.text = ""
        run = cell.paragraphs[0].add_run(str(label))
        run.bold = True
        run.font.size = Pt(9)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            text, strong = _cell_text(value)
            run = cell.paragraphs[0].add_run(text)
            run.bold = strong or None
            run.font.size = Pt(9)
    doc.add_paragraph()


def _figure(doc, block: dict) -> None:
    import vl_convert
    from docx.shared import Cm

    png = vl_convert.svg_to_png(block["svg"], scale=2)
    doc.add_picture(io.BytesIO(png), width=Cm(16))
    picture = doc.inline_shapes[-1]
    picture._inline.docPr.set("descr", str(block.get("alt", "")))  # the alternative text screen readers read
    doc.add_paragraph(str(block.get("caption", "")), style="Caption")


def _list(doc, block: dict) -> None:
    if block.get("title"):
        doc.add_heading(str(block["title"]), level=2)
    style = "List Number" if block.get("numbered") else "List Bullet"
    for item in block.get("items", []):
        paragraph = doc.add_paragraph(style=style)
        if item.get("title"):
            paragraph.add_run(f"{item['title']} — ").bold = True
        paragraph.add_run(str(item.get("text", "")))


def _sources(doc, block: dict) -> None:
    for source in block["items"]:
        parts = [p for p in (source.get("publisher"), source.get("title"), source.get("edition")) if p]
        text = f"[{source['n']}] " + ", ".join(str(p) for p in parts) + "."
        if source.get("url"):
            text += f" {source['url']}."
        if source.get("licence"):
            text += f" {block['labels']['licence']} {source['licence']}."
        if source.get("retrieved"):
            text += f" {block['labels']['retrieved']} {source['retrieved']}."
        if source.get("note"):
            text += f" {source['note']}"
        doc.add_paragraph(text, style="Normal")


def docx_render(document: Document) -> bytes:
    """The document as a DOCX file, in its language, with its title and generation note."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    payload = document.payload()
    doc = docx.Document()
    normal = doc.styles["Normal"]
    normal.font.name = _FONT
    normal.font.size = Pt(10)
    language = _LANGUAGE_TAGS.get(payload["lang"], payload["lang"])
    for style in doc.styles:
        properties = getattr(style.element, "rPr", None)
        if properties is not None:
            lang = properties.find(qn("w:lang"))
            if lang is None:
                lang = properties.makeelement(qn("w:lang"), {})
                properties.append(lang)
            lang.set(qn("w:val"), language)
    doc.core_properties.title = str(payload["title"])
    doc.core_properties.language = language
    doc.core_properties.author = str(payload["org"])
    doc.add_paragraph(f"{payload['org']} · {payload['subtitle']}", style="Subtitle")
    doc.add_heading(str(payload["title"]), level=0)
    for block in payload["blocks"]:
        kind = block["type"]
        if kind == "heading":
            doc.add_heading(str(block["text"]), level=min(int(block.get("level", 1)), 3))
        elif kind == "paragraph":
            note = block.get("style") in ("note", "intro-note")
            _runs(doc.add_paragraph(), block["runs"], size=Pt(8.5) if note else None, italic=note)
        elif kind == "table":
            _table(doc, [c["label"] for c in block["columns"]], block["rows"])
            if block.get("note"):
                _runs(doc.add_paragraph(), [{"text": block["note"]}], size=Pt(8.5), italic=True)
        elif kind == "cards":
            _table(doc, [_("Indicator"), _("Value"), _("Source")],
                   [[c["label"], f"{c['value']} {c.get('unit', '')}".strip() + (f" ({c['detail']})" if c.get("detail")
                                                                              else ""), c.get("source", "")]
                    for c in block["items"]])
        elif kind == "figure":
            _figure(doc, block)
        elif kind == "list":
            _list(doc, block)
        elif kind == "sources":
            _sources(doc, block)
        elif kind == "pagebreak":
            doc.add_page_break()
    _runs(doc.add_paragraph(), [{"text": payload["generated"]}], size=Pt(8), italic=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
