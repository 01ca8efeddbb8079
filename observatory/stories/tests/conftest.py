import pytest

from observatory.cases.tests.conftest import _fresh_cache_and_keys, countries  # noqa: F401 - shared fixtures
from observatory.indicators.tests.conftest import catalogue, tidy_csv  # noqa: F401 - shared fixtures


@pytest.fixture
def editors(personas):
    from observatory.accounts.models import Role
    from observatory.conftest import make_user

    return {"ed1": make_user("editor_one", Role.EDITOR), "ed2": make_user("editor_two", Role.EDITOR),
            **personas}


# Made-up values for the tests (not real data): deaths in three Baltic countries.
DEATHS = """indicator,country,period,value,sex,source
drug_induced_deaths,LVA,2015,20,,emcdda_statbulletin_2019
drug_induced_deaths,LVA,2016,25,,emcdda_statbulletin_2019
drug_induced_deaths,LTU,2015,80,,emcdda_statbulletin_2019
drug_induced_deaths,LTU,2016,90,,emcdda_statbulletin_2019
drug_induced_deaths,EST,2015,100,,emcdda_statbulletin_2019
drug_induced_deaths,EST,2016,110,,emcdda_statbulletin_2019
"""


@pytest.fixture
def deaths(catalogue, tidy_csv):  # noqa: F811 - the fixtures imported above
    from observatory.access import SYSTEM
    from observatory.indicators.services import observations_import

    assert observations_import(actor=SYSTEM, path=tidy_csv(DEATHS)).ok
    return catalogue
