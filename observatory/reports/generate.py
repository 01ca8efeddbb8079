"""Generating the documents as PDF: the one entry point for the web, the command line and the tests.

Each function writes the document in ``language`` (whatever language is active
around it), renders it with the PDF engine and keeps the PDF in the disk cache
under a key of its inputs, so an unchanged document is generated once.
"""

from __future__ import annotations

import hashlib

from django.utils import translation

from observatory import access
from observatory.reports.documents import cache
from observatory.reports.documents.common import Document
from observatory.reports.documents.engine import pdf_render
from observatory.reports.documents.inputs import Inputs, inputs_load
from observatory.reports.selectors import brief_text_current

BRIEF_DATA = ("indicators", "events", "laws", "scorecard", "cases", "texts")
SHADOW_DATA = ("indicators", "reviews")


def brief_document(*, country, language: str, inputs: Inputs | None = None) -> Document:
    """The country brief as data, in ``language`` (no PDF): what the PDF will say."""
    from observatory.reports.documents.country import country_brief

    inputs = inputs or inputs_load()
    with translation.override(language):
        return country_brief(inputs=inputs, country=country, language=language,
                             text=brief_text_current(country=country, language=language))


def brief_suggestions(*, country, language: str) -> list[dict]:
    """The recommendations a brief prints when staff have written none: drawn from the model-law gaps."""
    from observatory.reports.documents.country import gaps_of, law_cells, suggested_recommendations

    inputs = inputs_load(series=False, scorecard=False)
    with translation.override(language):
        return [{"title": str(i["title"]), "text": str(i["text"])}
                for i in suggested_recommendations(gaps_of(law_cells(inputs, country)))]


def brief_pdf(*, country, language: str, inputs: Inputs | None = None, version: str | None = None,
              use_cache: bool = True) -> bytes:
    """The country brief of ``country`` in ``language`` as a PDF.

    ``inputs`` and ``version`` (:func:`cache.data_version`) may be passed in by a
    batch that makes many briefs from the same data.
    """
    def build() -> bytes:
        document = brief_document(country=country, language=language, inputs=inputs)
        with translation.override(language):
            return pdf_render(document)

    if not use_cache:
        return build()
    version = version or cache.data_version(parts=BRIEF_DATA)
    return cache.cached_pdf(name=f"brief-{country.iso3}-{language}", key=version, build=build)[0]


def regional_document(*, language: str, inputs: Inputs | None = None) -> Document:
    from observatory.reports.documents.regional import regional_brief

    inputs = inputs or inputs_load()
    with translation.override(language):
        return regional_brief(inputs=inputs, language=language)


def regional_pdf(*, language: str, inputs: Inputs | None = None, use_cache: bool = True) -> bytes:
    """The regional brief (the 29 countries compared, with maps) in ``language`` as a PDF."""
    def build() -> bytes:
        document = regional_document(language=language, inputs=inputs)
        with translation.override(language):
            return pdf_render(document)

    if not use_cache:
        return build()
    version = cache.data_version(parts=BRIEF_DATA)
    return cache.cached_pdf(name=f"regional-{language}", key=version, build=build)[0]


def shadow_document(*, review_round, country, language: str, user=access.VISITOR) -> Document:
    """The shadow report of ``country`` for ``review_round``; ``Http404`` when ``user`` may not read it."""
    from observatory.reports.documents.shadow import shadow_report

    with translation.override(language):
        return shadow_report(review_round=review_round, country=country, language=language, user=user)


def shadow_pdf(*, review_round, country, language: str, user=access.VISITOR, use_cache: bool = True) -> bytes:
    """The shadow report as a PDF; ``Http404`` when ``user`` may not read the round's records.

    A published round's report is the public document, whoever asks: it is built as the public
    reads it (an earlier round that is not published is never compared with) and cached. An
    unpublished round is built for ``user`` (its country's coordinator, an admin) and never cached.
    """
    viewer = access.VISITOR if review_round.published else user

    def build() -> bytes:
        document = shadow_document(review_round=review_round, country=country, language=language, user=viewer)
        with translation.override(language):
            return pdf_render(document)

    if not (use_cache and review_round.published):
        return build()
    version = hashlib.sha256(f"{cache.data_version(parts=SHADOW_DATA)}|{review_round.pk}".encode()).hexdigest()
    name = f"shadow-{review_round.process.code}-{review_round.year}-{country.iso3}-{language}"
    return cache.cached_pdf(name=name, key=version, build=build)[0]


def submission_document(*, country, mechanism: str, language: str, texts=None):
    """A draft civil-society submission to ``mechanism`` as data, and its word count.

    ``texts`` (``submission.DraftTexts``) are what a member wrote; raises ``OverWordLimit`` when the
    submission cannot be made to fit the mechanism's limit.
    """
    from observatory.reports.documents.submission import submission

    with translation.override(language):
        return submission(inputs=inputs_load(), country=country, mechanism=mechanism, language=language,
                          texts=texts)


def submission_file(*, country, mechanism: str, language: str, fmt: str = "pdf", texts=None) -> tuple[bytes, int]:
    """The submission as a PDF or DOCX file (``fmt``), and its word count (never cached: a draft)."""
    from observatory.reports.documents.docx import docx_render

    if fmt not in ("pdf", "docx"):
        raise ValueError("fmt: pdf or docx")
    document, count = submission_document(country=country, mechanism=mechanism, language=language, texts=texts)
    with translation.override(language):
        return (pdf_render(document) if fmt == "pdf" else docx_render(document)), count


def submission_pdf(*, country, mechanism: str, language: str) -> tuple[bytes, int]:
    """A draft civil-society submission to ``mechanism`` as a PDF, and its word count."""
    return submission_file(country=country, mechanism=mechanism, language=language)


def submission_suggestions(*, country, mechanism: str, language: str) -> str:
    """The recommendations a new draft starts from, in ``language``, one paragraph each."""
    from observatory.reports.documents.submission import suggested_text

    with translation.override(language):
        return suggested_text(inputs=inputs_load(series=False, scorecard=False), country=country,
                              mechanism=mechanism)
