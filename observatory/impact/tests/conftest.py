"""Fixtures: SYNTHETIC series loaded through the real import service, and policy events.

Every value here is made up for the tests (the source column still names a
catalogue source because the import service requires one); nothing of it is
shipped or shown to users.
"""

from __future__ import annotations

import datetime

import numpy as np
import pytest
from django.core.cache import cache

from observatory.access import SYSTEM
from observatory.indicators.services import observations_import

COUNT = "drug_induced_deaths"          # unit "deaths": a count
RATE = "gbd_drug_deaths_rate_as"       # unit "deaths per 100,000 ...": a rate
PERCENT = "hiv_prevalence_pwid"        # unit "% of people who inject drugs": a percentage
COUNT_SOURCE = "emcdda_statbulletin_2019"
RATE_SOURCE = "ihme_gbd2019_owid"
PERCENT_SOURCE = "unaids_gam2019"
POPULATION_SOURCE = "worldbank_population"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so a cached analysis never leaks between tests."""
    cache.clear()
    yield
    cache.clear()


def synthetic_counts(years, *, first_post_year, step=0.25, trend=0.02, population=5_000_000, rate=8e-5, seed=7):
    """SYNTHETIC Poisson counts around a log-linear rate with a level step of ``step`` (log scale)."""
    rng = np.random.default_rng(seed)
    years = list(years)
    mu = [population * rate * np.exp(trend * (y - years[0]) + (step if y >= first_post_year else 0.0))
          for y in years]
    return [int(v) for v in rng.poisson(mu)]


def synthetic_rates(years, *, first_post_year, step=1.5, trend=0.1, base=5.0, noise=0.2, seed=11):
    """SYNTHETIC rates: a linear trend, a level step, Gaussian noise."""
    rng = np.random.default_rng(seed)
    return [round(base + trend * (y - years[0]) + (step if y >= first_post_year else 0.0)
                  + rng.normal(0, noise), 3) for y in years]


@pytest.fixture
def catalogue(countries):
    """The shipped indicator catalogue (sources and indicators), without observations."""
    from observatory.indicators.services import catalogue_load

    catalogue_load(actor=SYSTEM)


@pytest.fixture
def tidy_csv(tmp_path):
    def write(text: str, name: str = "upload.csv"):
        path = tmp_path / name
        path.write_text(text.strip() + "\n", encoding="utf-8")
        return path

    return write


@pytest.fixture
def load_rows(catalogue, tidy_csv):
    """Import rows ``(indicator, iso3, year, value, source)`` through the import service (all or nothing)."""
    counter = {"n": 0}

    def load(rows, *, flags=""):
        counter["n"] += 1
        text = "indicator,country,period,value,flags,source\n" + "".join(
            f"{indicator},{iso3},{year},{value},{flags},{source}\n" for indicator, iso3, year, value, source in rows)
        result = observations_import(actor=SYSTEM, path=tidy_csv(text, name=f"synthetic-{counter['n']}.csv"))
        assert result.ok, result.issues or result.message
        return result

    return load


@pytest.fixture
def population(load_rows):
    """SYNTHETIC constant-ish population of Ukraine and Georgia, 1990-2022."""
    load_rows([("population", iso3, year, people + 1000 * (year - 1990), POPULATION_SOURCE)
               for iso3, people in (("UKR", 5_000_000), ("GEO", 3_700_000)) for year in range(1990, 2023)])


@pytest.fixture
def event(make_event):
    """A published SYNTHETIC event of Ukraine in March 2010 (first year after it: 2010)."""
    return make_event("ukr-2010-synthetic", country="UKR", date=datetime.date(2010, 3, 1), precision="month",
                      type="police_crackdown", title_en="Synthetic crackdown", title_ru="Вымышленная облава")


@pytest.fixture
def counts_loaded(load_rows, population, event):
    """SYNTHETIC yearly counts of Ukraine 1998-2019 with a step of +0.25 on the log scale from 2010."""
    years = list(range(1998, 2020))
    values = synthetic_counts(years, first_post_year=2010)
    load_rows([(COUNT, "UKR", y, v, COUNT_SOURCE) for y, v in zip(years, values)])
    return dict(zip(years, values))


@pytest.fixture
def make_event(countries):
    """Write an event directly (test data, not the service under test), with one source."""
    from observatory.events.models import EventSource, PolicyEvent

    def make(slug, *, country="UKR", date=datetime.date(2015, 1, 1), precision="year", type="law_change",
             published=True, **fields):
        item = PolicyEvent.objects.create(
            slug=slug, country=countries[country], date=date, precision=precision, type=type, published=published,
            title_en=fields.pop("title_en", f"Title {slug}"), title_ru=fields.pop("title_ru", f"Заголовок {slug}"),
            description_en="Synthetic test event.", description_ru="Вымышленное событие для теста.", **fields)
        EventSource.objects.create(event=item, position=0, title="Test source", url="https://example.org/source")
        return item

    return make
