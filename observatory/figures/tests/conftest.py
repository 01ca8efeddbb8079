from observatory.cases.tests.conftest import _fresh_cache_and_keys, countries  # noqa: F401 - shared fixtures
