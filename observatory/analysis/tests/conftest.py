"""Fixtures: the published datasets stored under ``tests/data`` (see SOURCES.md)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def sicily() -> pd.DataFrame:
    """Lopez Bernal et al. (2017) Sicily smoking-ban series, 59 months."""
    return pd.read_csv(DATA / "sicily.csv")


@pytest.fixture(scope="session")
def mpdta() -> pd.DataFrame:
    """Callaway & Sant'Anna minimum-wage county panel, 500 counties x 5 years."""
    return pd.read_csv(DATA / "mpdta.csv")


@pytest.fixture(scope="session")
def prop99() -> pd.DataFrame:
    """California Proposition 99 cigarette sales panel, 39 states x 31 years."""
    return pd.read_csv(DATA / "california_prop99.csv", sep=";")
