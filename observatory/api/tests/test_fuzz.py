"""The API fuzzed against its own OpenAPI schema: no input, however malformed, gets a 5xx.

Schemathesis generates requests from ``/api/v1/openapi.json`` (valid and invalid ones) for every
operation, as a visitor and with a documenter's token, and checks each answer: never a server
error, a status code the schema documents, the documented content type, and a body that matches
the schema (so a 422 is the documented list of errors). Marked ``fuzz``: CI runs it once, on
SQLite; each operation is bounded to a fixed number of examples.
"""

from __future__ import annotations

import pytest
import schemathesis
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup
from hypothesis import HealthCheck, Phase, given
from hypothesis.errors import Unsatisfiable
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

EXAMPLES = 50
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def api_schema(db, personas):
    from django.core.wsgi import get_wsgi_application

    from observatory.access import SYSTEM
    from observatory.cases.services import vocabularies_load

    vocabularies_load(actor=SYSTEM)
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def documenter_token(personas):
    from observatory.accounts.services import token_create

    return token_create(actor=personas["documenter_ukr"], user=personas["documenter_ukr"])[1]


def _fuzz(operation, mode, headers, failures):
    @hypothesis_settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                         phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=CHECKS)
        except (AssertionError, FailureGroup) as error:  # names every failed check
            found = getattr(error, "exceptions", [error])
            names = sorted({type(e).__name__ for e in found})
            failures.append(f"{operation.label} [{mode.value}, {'token' if headers else 'visitor'}]: "
                            f"{response.status_code} {', '.join(names)}: "
                            + " | ".join(" ".join(str(e).split())[:300] for e in found))
            raise

    try:
        run()
    except (AssertionError, FailureGroup):
        pass  # recorded above; the other operations still run
    except Unsatisfiable:
        assert mode == GenerationMode.NEGATIVE, operation.label  # nothing to make invalid (no parameters)


@pytest.mark.fuzz
def test_no_request_gets_a_server_error(api_schema, documenter_token):
    failures: list[str] = []
    operations = [result.ok() for result in api_schema.get_all_operations()]
    documented = sum(len([m for m in item if m in {"get", "post", "put", "patch", "delete"}])
                     for item in api_schema.raw_schema["paths"].values())
    assert len(operations) == documented >= 19, "every operation of the schema is fuzzed"
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            for headers in ({}, {"Authorization": f"Bearer {documenter_token}"}):
                _fuzz(operation, mode, headers, failures)
    assert failures == [], "\n".join(failures)
