"""A civil-society submission to a UN human rights mechanism, drafted from the platform's live data.

It holds the country's previous recommendations on drugs and their implementation, the published
violation statistics (suppressed as everywhere), the gaps between the law and the model law, the headline
indicators, the litigation, and suggested recommendations; and it stays within the mechanism's word limit,
by shortening first the texts of earlier recommendations and then leaving out the implemented ones.

A member's draft (:class:`DraftTexts`) adds what people write: who submits, an introduction, their own
findings and their recommendations, which replace the suggested ones. Those texts are never shortened:
when they leave no room within the limit, ``OverWordLimit`` says by how many words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from observatory.reports.documents import sections
from observatory.reports.documents.common import Document, refs
from observatory.reports.documents.country import (
    _headlines,
    _law_gaps,
    gaps_of,
    law_cells,
    suggested_recommendations,
)
from observatory.reports.documents.inputs import Inputs

# Words a submission may hold. The UPR's technical guidelines for stakeholders: 2,815 words for one
# stakeholder, 5,630 for a joint submission. No limit is set here for the treaty bodies' civil-society
# reports (their guidance limits pages, which depend on layout): the document states its length instead.
WORD_LIMITS = {"upr": 5630}
MECHANISMS = ("upr", "cescr", "cedaw", "cat", "hrc", "crc")
_WORD = re.compile(r"\w[\w'’\-]*", re.UNICODE)


class OverWordLimit(ValueError):
    """Even the shortest form of the submission is longer than the mechanism allows."""

    def __init__(self, message: str, *, words: int = 0, limit: int = 0):
        super().__init__(message)
        self.words, self.limit = words, limit


@dataclass(frozen=True)
class DraftTexts:
    """What a member writes into a submission; paragraphs are lists of strings, empty when not written."""

    title: str = ""
    submitters: list[str] = field(default_factory=list)
    introduction: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)


def words(document: Document) -> int:
    """The words of the text a reader sees (headings, paragraphs, tables, lists); sources are not counted."""
    texts: list[str] = []

    def collect(value) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for key in ("text", "title", "label", "value", "detail"):
                if key in value:
                    collect(value[key])
            for key in ("runs", "items", "rows"):
                if key in value:
                    collect(value[key])
        elif isinstance(value, list):
            for item in value:
                collect(item)

    for block in document.blocks:
        if block.get("type") == "heading":
            collect(block["text"])
        elif block.get("type") in ("paragraph", "table", "list", "cards"):
            collect({k: v for k, v in block.items() if k in ("runs", "rows", "items")})
    return sum(len(_WORD.findall(str(text))) for text in texts)


def _short(text: str, limit: int | None) -> str:
    parts = text.split()
    return text if limit is None or len(parts) <= limit else " ".join(parts[:limit]) + " …"


def _previous(doc: Document, country, mechanism: str, *, text_words: int | None, only_open: bool) -> list:
    from observatory.rights.models import Mechanism
    from observatory.rights.selectors import recommendation_list

    items = list(recommendation_list(country=country))
    # The chosen mechanism's own recommendations first, then the others, newest first within each.
    items.sort(key=lambda r: (r.mechanism != mechanism, -r.date.toordinal()))
    if only_open:
        items = [r for r in items if r.current_status != "fully"]
    if not items:
        return []
    doc.heading(_("Previous recommendations on drugs and their implementation"))
    labels = dict(Mechanism.choices)
    rows = []
    for r in items:
        n = doc.sources.document(title=f"{r.symbol}, {labels[r.mechanism]}", url=r.source_url)
        status = {"fully": _("fully implemented"), "partly": _("partly implemented"),
                  "not": _("not implemented")}.get(r.current_status or "", _("not assessed yet"))
        if r.current_round:
            status += f" ({r.current_round})"
        rows.append([f"{r.symbol} ¶{r.paragraph} {refs([n])}", _short(r.text, text_words), status])
    doc.add({"type": "table", "columns": [{"label": _("Document"), "width": "22%"},
                                          {"label": _("Recommendation"), "width": "1fr"},
                                          {"label": _("Implementation"), "width": "20%"}],
             "rows": rows})
    if only_open:
        doc.paragraph(_("Recommendations assessed as fully implemented are left out to keep within the word "
                        "limit."), style="note")
    return items


def _litigation(doc: Document, country) -> None:
    from observatory.rights.selectors import case_list

    cases = list(case_list(country=country))
    if not cases:
        return
    doc.heading(_("Litigation"))
    rows = []
    for case in cases:
        n = doc.sources.document(title=f"{case.title}, {case.reference}", url=case.source_url)
        rows.append([f"{case.title} ({case.judgment_date:%Y}) {refs([n])}", case.outcome])
    doc.add({"type": "table", "columns": [{"label": _("Case"), "width": "35%"},
                                          {"label": _("Outcome"), "width": "1fr"}], "rows": rows})


def suggested_items(gaps: list, previous: list) -> list[dict]:
    """The recommendations a submission suggests: implement the open previous ones, close the law's gaps."""
    items = [{"text": _("Implement %(symbol)s ¶%(paragraph)s, assessed as %(status)s.") % {
        "symbol": r.symbol, "paragraph": r.paragraph,
        "status": {"partly": _("partly implemented"), "not": _("not implemented")}[r.current_status]}}
        for r in previous if r.current_status in ("not", "partly")]
    return items + suggested_recommendations(gaps)


def suggested_text(*, inputs: Inputs, country, mechanism: str) -> str:
    """The suggested recommendations as a draft's text: one paragraph each, ready to edit."""
    from observatory.rights.selectors import recommendation_list

    previous = sorted(recommendation_list(country=country),
                      key=lambda r: (r.mechanism != mechanism, -r.date.toordinal()))
    items = suggested_items(gaps_of(law_cells(inputs, country)), previous)
    return "\n\n".join(f"{i['title']}: {i['text']}" if i.get("title") else i["text"] for i in items)


def _paragraphs(doc: Document, heading: str, paragraphs: list[str], style: str = "") -> None:
    if paragraphs:
        doc.heading(heading)
        for text in paragraphs:
            doc.paragraph(text, style=style)


def _build(*, inputs: Inputs, country, mechanism: str, language: str, text_words, only_open, indicators,
           texts: DraftTexts) -> Document:
    from observatory.rights.models import Mechanism

    doc = Document(kind="submission", language=language,
                   title=texts.title or _("%(country)s: drug policy and human rights") % {"country": country.name},
                   subtitle=_("Civil society submission to the %(mechanism)s (draft)") % {
                       "mechanism": dict(Mechanism.choices)[mechanism]})
    doc.paragraph(_("A draft for the network's members to complete and submit. It is drawn from the Drug Policy "
                    "Observatory's live data; every figure names its source."), style="lead")
    _paragraphs(doc, _("Submitted by"), texts.submitters)
    _paragraphs(doc, _("Introduction"), texts.introduction)
    previous = _previous(doc, country, mechanism, text_words=text_words, only_open=only_open)
    _paragraphs(doc, _("Findings of the submitting organisations"), texts.findings)
    sections.violations(doc, country)
    gaps = _law_gaps(doc, inputs, country)
    if indicators:
        _headlines(doc, inputs, country)
    _litigation(doc, country)
    items = ([{"text": text} for text in texts.recommendations] if texts.recommendations
             else suggested_items(gaps, previous))
    if items:
        doc.heading(_("Recommendations") if texts.recommendations else _("Suggested recommendations"))
        doc.add({"type": "list", "numbered": True, "items": items})
    return doc


def submission(*, inputs: Inputs, country, mechanism: str, language: str,
               texts: DraftTexts | None = None) -> tuple[Document, int]:
    """The submission and its word count, within the mechanism's limit (``OverWordLimit`` if impossible)."""
    texts = texts or DraftTexts()
    if mechanism not in MECHANISMS:
        raise ValueError(f"mechanism: one of {', '.join(MECHANISMS)}")
    limit = WORD_LIMITS.get(mechanism)

    def note(count: int) -> str:
        return (_("%(words)s words (sources not counted).") % {"words": count}
                + (" " + _("Limit: %(limit)s.") % {"limit": limit} if limit else ""))

    note_words = len(_WORD.findall(note(0)))  # the note counts itself: its length does not depend on the number
    # From the fullest form to the shortest: recommendation texts in full, then shortened, then only
    # the recommendations not fully implemented, then without the headline indicators.
    for text_words, only_open, indicators in ((None, False, True), (40, False, True), (25, True, True),
                                              (25, True, False)):
        doc = _build(inputs=inputs, country=country, mechanism=mechanism, language=language,
                     text_words=text_words, only_open=only_open, indicators=indicators, texts=texts)
        count = words(doc) + note_words
        if limit is None or count <= limit:
            break
    else:
        raise OverWordLimit(f"{count} words; the {mechanism} limit is {limit}", words=count, limit=limit)
    doc.paragraph(note(count), style="note")
    return doc, count
