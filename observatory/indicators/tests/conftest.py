from __future__ import annotations

import pytest


@pytest.fixture
def catalogue(countries):
    """The shipped indicator catalogue (sources and indicators), without observations."""
    from observatory.access import SYSTEM
    from observatory.indicators.services import catalogue_load

    catalogue_load(actor=SYSTEM)


@pytest.fixture
def tidy_csv(tmp_path):
    def write(text: str, name: str = "upload.csv"):
        path = tmp_path / name
        path.write_text(text.strip() + "\n", encoding="utf-8")
        return path

    return write
