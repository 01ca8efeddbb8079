"""The disk cache of generated PDFs: one file per document and version of its inputs, never stale."""

from __future__ import annotations

import pytest

from observatory.reports import generate
from observatory.reports.documents import cache, engine

pytestmark = pytest.mark.slow


@pytest.fixture
def renders(monkeypatch):
    calls = []
    real = engine.pdf_render

    def counting(document):
        calls.append(document.title)
        return real(document)

    monkeypatch.setattr(engine, "pdf_render", counting)
    from observatory.reports import generate as generate_module

    monkeypatch.setattr(generate_module, "pdf_render", counting)
    return calls


def test_unchanged_inputs_reuse_the_file_and_changed_inputs_make_a_new_one(brief_data, personas, renders):
    from observatory.indicators.models import Observation
    from observatory.reports.services import brief_text_save

    ukr = brief_data["UKR"]
    first = generate.brief_pdf(country=ukr, language="en")
    assert generate.brief_pdf(country=ukr, language="en") == first and len(renders) == 1
    brief_text_save(actor=personas["admin"], country=ukr, language="en", introduction="New introduction.",
                    recommendations="")
    generate.brief_pdf(country=ukr, language="en")
    assert len(renders) == 2
    observation = Observation.objects.filter(country=ukr, indicator__code="ost_coverage").get()
    observation.value = 6.0
    observation.save()
    generate.brief_pdf(country=ukr, language="en")
    assert len(renders) == 3
    files = list(cache.cache_dir().glob("brief-UKR-en.*.pdf"))
    assert len(files) == 1  # older versions of the same document are removed


def test_languages_and_countries_are_cached_separately(brief_data, renders):
    generate.brief_pdf(country=brief_data["UKR"], language="en")
    generate.brief_pdf(country=brief_data["UKR"], language="ru")
    generate.brief_pdf(country=brief_data["GEO"], language="en")
    assert len(renders) == 3
    assert len(list(cache.cache_dir().glob("brief-*.pdf"))) == 3
