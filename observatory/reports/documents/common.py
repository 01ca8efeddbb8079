"""What every document shares: number formatting, the numbered sources list and the document blocks.

A document is plain data (``Document``): a title, a language and a list of
blocks (headings, paragraphs, tables, figures, lists, the sources). The Typst
template draws the blocks; nothing in them is parsed as markup, so a staff text
or a source title can never change the layout.
"""

from __future__ import annotations

import datetime
import importlib
import math
from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.translation import gettext as _


def optional(module: str):
    """The module of another capability, or ``None`` where that capability is not installed (yet).

    A brief prints a section only when its capability exists and has something to
    say; a missing capability leaves the section out, with no placeholder.
    """
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        # Only the capability's own absence; a broken import inside it is a bug to report, not to hide.
        if error.name and (module == error.name or module.startswith(f"{error.name}.")):
            return None
        raise


def number(value, decimals: int = 0) -> str:
    """``value`` rounded to ``decimals`` places, in the active language's format (``12,345.6`` / ``12 345,6``)."""
    return formats.number_format(round(float(value), decimals), decimal_pos=decimals, use_l10n=True,
                                 force_grouping=True)


def is_number(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def percent_change(value: float) -> str:
    sign = "+" if value >= 0 else "−"
    return f"{sign}{number(abs(value), 0)}%"


def date_long(day: datetime.date) -> str:
    return formats.date_format(day, "DATE_FORMAT", use_l10n=True)


class SourceList:
    """The numbered list of every source a document cites, in order of first use; each cited once."""

    def __init__(self):
        self._entries: dict[str, dict] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def _add(self, key: str, entry: dict) -> int:
        if key not in self._entries:
            self._entries[key] = {"n": len(self._entries) + 1, **entry}
        return self._entries[key]["n"]

    def indicator_source(self, source) -> int:
        """An indicator database source (publisher, dataset, edition, URL, licence); returns its number."""
        return self._add(f"source:{source.key}", {
            "publisher": source.publisher_name, "title": source.dataset_name, "edition": source.edition_name,
            "url": source.url, "licence": source.licence_text,
            "retrieved": date_long(source.retrieved) if source.retrieved else "",
        })

    def document(self, *, title: str, url: str = "", publisher: str = "", note: str = "") -> int:
        """Any other document: a law, a report, an event's source, a piece of evidence."""
        key = f"doc:{url or title}"
        return self._add(key, {"publisher": publisher, "title": title, "edition": "", "url": url, "licence": "",
                               "retrieved": "", "note": note})

    def entries(self) -> list[dict]:
        return sorted(self._entries.values(), key=lambda e: e["n"])


def refs(numbers) -> str:
    """``[1, 3]`` as ``[1, 3]``: the reference marks that point into the sources list."""
    unique = sorted(set(numbers))
    return f"[{', '.join(str(n) for n in unique)}]" if unique else ""


@dataclass
class Document:
    """A document ready for the PDF engine: plain, JSON-ready data."""

    kind: str
    language: str
    title: str
    subtitle: str
    blocks: list[dict] = field(default_factory=list)
    sources: SourceList = field(default_factory=SourceList)
    generated: datetime.date = field(default_factory=timezone.localdate)

    def heading(self, text: str, level: int = 1) -> None:
        self.blocks.append({"type": "heading", "level": level, "text": text})

    def paragraph(self, text: str = "", *, runs: list[dict] | None = None, style: str = "") -> None:
        self.blocks.append({"type": "paragraph", "runs": runs or [{"text": text}], "style": style})

    def add(self, block: dict) -> None:
        self.blocks.append(block)

    def payload(self) -> dict:
        """The data the Typst template reads (``sys.inputs.data``)."""
        blocks = list(self.blocks)
        if len(self.sources):
            blocks.append({"type": "heading", "level": 1, "text": _("Sources")})
            blocks.append({"type": "sources", "items": self.sources.entries(), "labels": {
                "licence": _("Licence:"), "retrieved": _("Retrieved")}})
        return {
            "kind": self.kind,
            "lang": self.language,
            "title": self.title,
            "subtitle": self.subtitle,
            "org": _("Drug Policy Observatory"),
            "generated": _("Generated from the platform's live data on %(date)s") % {
                "date": date_long(self.generated)},
            "page": _("Page"),
            "blocks": blocks,
        }
