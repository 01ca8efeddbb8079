from __future__ import annotations

import pytest

from observatory.laws.tests.helpers import countries_quick


@pytest.fixture
def countries(db):
    """The shipped countries, without boundaries (faster than the project-wide fixture)."""
    return countries_quick()


@pytest.fixture
def laws(countries):
    """The shipped model law and provision versions (data/laws/)."""
    from observatory.access import SYSTEM
    from observatory.laws.services import laws_load

    return laws_load(actor=SYSTEM)
