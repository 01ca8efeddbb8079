"""About, methodology and glossary: reachable from every page, in both languages, saying what readers need."""

from __future__ import annotations

import pytest


@pytest.fixture
def sources(countries):
    from observatory.access import SYSTEM
    from observatory.indicators.services import catalogue_load

    catalogue_load(actor=SYSTEM)


def test_the_pages_explain_sources_suppression_limits_and_citation(client, sources):
    home = client.get("/en/").content.decode()
    for path in ("/en/about/", "/en/methodology/", "/en/glossary/"):
        assert f'href="{path}"' in home  # in the footer of every page
    about = client.get("/en/about/").content.decode()
    assert "World Bank" in about and "Harm Reduction International" in about  # the sources, named
    method = client.get("/en/methodology/").content.decode()
    assert "“<5”" in method and "“≥5”" in method  # the suppression rule
    assert "not a cause" in method and "confidence interval" in method
    assert "/en/indicators/gbd_drug_deaths_rate_as/?countries=UKR,KAZ" in method  # how to cite, with a permalink
    glossary = client.get("/ru/glossary/").content.decode()
    assert "Декриминализация" in glossary and "Депенализация" in glossary and "Медиана" in glossary
    russian = client.get("/ru/methodology/").content.decode()
    assert "Как ссылаться на график" in russian and "«<5»" in russian
