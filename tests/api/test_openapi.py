"""Property-based tests of the OpenAPI document (schemathesis): whatever a client sends that the
document allows, or nearly allows, the service never answers with a 5xx.

The app is the real one, on a small retail database. `/start` is included: the runs it starts
are real, which is why the database is small and the queue long enough never to be full.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from datamorph.api import ServiceSettings, create_app
from datamorph.demo.showcase import build_demo_database

EXAMPLES_PER_OPERATION = 30


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> schemathesis.BaseSchema:
    root = tmp_path_factory.mktemp("openapi")
    database = root / "tiny.duckdb"
    build_demo_database(database, orders=1_000, seed=3)
    app = create_app(
        ServiceSettings(
            database=str(database),
            home=Path(root / ".datamorph"),
            workers=2,
            max_queued=10_000,
            poll_seconds=0.02,
        )
    )
    return schemathesis.openapi.from_asgi("/openapi.json", app)


# Every operation in the document (a new endpoint cannot go untested unnoticed), and whether a
# request to it can be made invalid: a free-text path id or no parameters at all cannot.
OPERATIONS = {
    ("POST", "/start"): True,
    ("POST", "/get/schemas"): True,
    ("POST", "/get/data"): True,
    ("POST", "/execute/query"): True,
    ("GET", "/get/logs/{run_id}"): False,
    ("GET", "/health"): False,
    ("POST", "/api/plan"): True,
    ("GET", "/api/runs"): True,
    ("GET", "/api/runs/{run_id}"): False,
    ("GET", "/api/runs/{run_id}/events"): True,
    ("POST", "/api/runs/{run_id}/resume"): False,
    ("POST", "/api/runs/{run_id}/rerun"): False,
    ("POST", "/api/runs/{run_id}/cancel"): False,
    ("GET", "/api/catalog"): True,
    ("GET", "/api/incidents"): True,
    ("GET", "/api/metrics"): True,
    ("GET", "/metrics"): True,
}
CASES = [(*op, GenerationMode.POSITIVE) for op in OPERATIONS] + [
    (*op, GenerationMode.NEGATIVE) for op, negatable in OPERATIONS.items() if negatable
]


def test_the_document_lists_every_operation(api_schema: schemathesis.BaseSchema) -> None:
    documented = {(method.upper(), path) for path in api_schema for method in api_schema[path]}
    assert documented == set(OPERATIONS)


# Schemathesis' pytest loader (`from_fixture`) does not run under this pytest version, so each
# operation's Hypothesis strategies are driven directly: valid requests, then invalid ones.
@pytest.mark.parametrize(("method", "path", "mode"), CASES)
def test_no_request_gets_a_server_error(
    api_schema: schemathesis.BaseSchema, method: str, path: str, mode: GenerationMode
) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: schemathesis.Case) -> None:
        response = case.call()
        case.validate_response(response, checks=[not_a_server_error])
        if response.status_code >= 400:  # every refusal is the service's JSON error body
            body = response.json()
            assert body["error"] is True and body["message"] and body["error_type"]

    check()
