from observatory.cases.tests.conftest import (  # noqa: F401 - the registry's fixtures
    _fresh_cache_and_keys,
    countries,
    make_case,
    vocabularies,
)
