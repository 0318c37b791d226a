"""What stands in front of the routes: the token, the Host check, the body limit, and errors that
are always `{"error": true, "message", "error_type"}`, never a traceback."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from datamorph.api import ServiceSettings
from datamorph.api.errors import ServiceBusy, status_for
from datamorph.api.settings import LOOPBACK_HOSTS
from datamorph.engines.base import EngineError, ErrorCategory
from datamorph.errors import (
    ConfigurationError,
    DataMorphError,
    NotFoundError,
    PipelineError,
    UsageError,
)
from datamorph.llm.base import LLMAuthenticationError, LLMRetryableError
from datamorph.planning.base import PlanningError
from datamorph.spec import Problem, SpecError

from .helpers import SEED_PROMPT, app_of, assert_error, start, wait_for

TOKEN = "s3cret-token"
BEARER = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def secured(make_client: Callable[..., TestClient], settings: ServiceSettings) -> TestClient:
    return make_client(settings.model_copy(update={"token": TOKEN}))


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/start", {"user_prompt": SEED_PROMPT}),
        ("POST", "/get/schemas", {"table_names": ["orders"]}),
        ("POST", "/get/data", {"table_names": ["orders"]}),
        ("POST", "/execute/query", {"query": "SELECT 1"}),
        ("GET", "/get/logs/x", None),
        ("POST", "/api/plan", {"user_prompt": SEED_PROMPT}),
        ("GET", "/api/runs", None),
        ("GET", "/api/runs/x", None),
        ("GET", "/api/runs/x/events", None),
        ("GET", "/openapi.json", None),
        ("GET", "/docs", None),
        ("GET", "/no/such/path", None),
    ],
)
def test_with_a_token_every_endpoint_but_health_needs_it(
    secured: TestClient, method: str, path: str, body: dict | None
) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        response = secured.request(method, path, json=body, headers=headers)
        assert_error(response, 401, "Unauthorized")
        assert response.headers["www-authenticate"] == "Bearer"
    assert secured.request(method, path, json=body, headers=BEARER).status_code != 401


def test_health_and_the_pages_shell_need_no_token(secured: TestClient) -> None:
    assert secured.get("/health").json()["auth"] is True
    assert "<textarea" in secured.get("/").text
    assert secured.get("/static/app.js").status_code == 200


def test_a_stranger_learns_nothing_from_a_malformed_body(secured: TestClient) -> None:
    response = secured.post(
        "/start", content=b"{not json", headers={"content-type": "application/json"}
    )

    assert_error(response, 401, "Unauthorized")


def test_with_the_token_a_run_goes_through(secured: TestClient) -> None:
    response = secured.post("/start", json={"user_prompt": SEED_PROMPT}, headers=BEARER)
    run_id = response.json()["run_id"]

    secured.headers.update(BEARER)
    assert wait_for(secured, run_id)["status"] == "completed"


def test_the_openapi_document_declares_the_bearer_scheme(secured: TestClient) -> None:
    document = secured.get("/openapi.json", headers=BEARER).json()

    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    assert document["paths"]["/start"]["post"]["security"] == [{"bearer": []}]
    assert "security" not in document["paths"]["/health"]["get"]


def test_without_a_token_only_loopback_host_names_are_served(
    make_client: Callable[..., TestClient], settings: ServiceSettings
) -> None:
    guarded = settings.model_copy(update={"allowed_hosts": LOOPBACK_HOSTS})
    stranger = make_client(guarded, base_url="http://evil.example:8000")
    local = make_client(guarded, base_url="http://127.0.0.1:8000")
    named = make_client(guarded, base_url="http://localhost:8000")

    body = assert_error(stranger.get("/api/runs"), 400, "HostNotAllowed")
    assert "evil.example" in body["message"]
    assert local.get("/api/runs").status_code == 200
    assert named.get("/health").status_code == 200


@pytest.mark.parametrize(
    ("host", "served"),
    [
        ("localhost", True),
        ("127.0.0.1:8000", True),
        ("[::1]:8000", True),
        ("LOCALHOST:80", True),
        ("[::1].evil.com", False),
        ("[::1]evil.com", False),
        ("localhost:evil", False),
        ("localhost.evil.com", False),
        ("127.0.0.1.nip.io", False),
        ("localhost:8000:9000", False),
        ("", False),
    ],
)
def test_the_host_header_is_parsed_not_pattern_matched(
    make_client: Callable[..., TestClient], settings: ServiceSettings, host: str, served: bool
) -> None:
    guarded = make_client(settings.model_copy(update={"allowed_hosts": LOOPBACK_HOSTS}))
    response = guarded.get("/health", headers={"host": host})
    assert response.status_code == (200 if served else 400), response.text


def test_an_oversized_url_or_header_is_refused_before_any_route(client: TestClient) -> None:
    assert_error(client.get("/api/runs/" + "x" * 20_000), 414, "URITooLong")
    assert_error(client.get("/health", headers={"x-big": "y" * 40_000}), 431, "HeadersTooLarge")
    assert client.get("/health").status_code == 200


def test_an_oversized_body_is_413_before_it_is_read(
    make_client: Callable[..., TestClient], settings: ServiceSettings
) -> None:
    client = make_client(settings.model_copy(update={"max_body_bytes": 1_000}))
    big = {"user_prompt": "x" * 2_000}

    body = assert_error(client.post("/start", json=big), 413, "ContentTooLarge")
    assert "1,000 bytes" in body["message"]
    assert client.get("/api/runs").json()["runs"] == []


def test_an_oversized_body_without_a_length_is_refused_as_it_streams(
    make_client: Callable[..., TestClient], settings: ServiceSettings
) -> None:
    client = make_client(settings.model_copy(update={"max_body_bytes": 1_000}))

    def chunks() -> Iterator[bytes]:
        yield b'{"query": "SELECT 1 --'
        for _ in range(20):
            yield b"x" * 100
        yield b'"}'

    response = client.post(
        "/execute/query", content=chunks(), headers={"content-type": "application/json"}
    )

    assert "content-length" not in response.request.headers
    assert_error(response, 413, "ContentTooLarge")


@pytest.mark.parametrize(
    ("content", "status", "error_type"),
    [
        (b"{not json", 400, "MalformedJSON"),
        (b"[1, 2", 400, "MalformedJSON"),
        (b'{"user_prompt": "x",}', 400, "MalformedJSON"),
        (b"\xff\xfe", 400, "MalformedJSON"),
        (b"", 422, "ValidationError"),  # no body at all: the body is missing
        (b"[]", 422, "ValidationError"),  # JSON, but not an object
        (b"null", 422, "ValidationError"),
    ],
)
def test_malformed_json_is_4xx_with_the_reason(
    client: TestClient, content: bytes, status: int, error_type: str
) -> None:
    response = client.post("/start", content=content, headers={"content-type": "application/json"})

    body = assert_error(response, status, error_type)
    assert body["message"].startswith("malformed JSON: " if status == 400 else "body: ")


def test_json_sent_as_text_is_not_parsed(client: TestClient) -> None:
    # A cross-site form or fetch without preflight can only send text/plain: it must not run.
    response = client.post(
        "/start",
        content=b'{"user_prompt": "total order amount per customer"}',
        headers={"content-type": "text/plain"},
    )

    assert_error(response, 422, "ValidationError")
    assert client.get("/api/runs").json()["runs"] == []


def test_unknown_paths_and_methods_get_json_errors(client: TestClient) -> None:
    assert_error(client.get("/no/such/path"), 404, "NotFound")
    assert_error(client.delete("/health"), 405, "MethodNotAllowed")
    assert_error(client.get("/start"), 405, "MethodNotAllowed")


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (UsageError("bad"), 400),
        (SpecError([Problem("filters[0]", "unknown column 'x'", "unknown_column")]), 400),
        (NotFoundError("unknown table 'x'"), 404),
        (PlanningError("could not place: 'salary'"), 422),
        (PipelineError("validation failed"), 422),
        (
            EngineError(
                "x", category=ErrorCategory.SCHEMA_MISMATCH, engine="duckdb", native_type="B"
            ),
            400,
        ),
        (EngineError("x", category=ErrorCategory.TRANSIENT, engine="duckdb", native_type="I"), 503),
        (LLMRetryableError("rate limited"), 502),
        (LLMAuthenticationError("key rejected"), 503),
        (ConfigurationError("unknown database URL scheme"), 503),
        (ServiceBusy("full"), 503),
    ],
)
def test_whose_move_it_is_decides_the_status(error: DataMorphError, status: int) -> None:
    assert status_for(error) == status


def test_a_bug_is_a_500_with_one_line_and_no_traceback(
    make_client: Callable[..., TestClient], settings: ServiceSettings
) -> None:
    client = make_client(settings, raise_server_exceptions=False)

    def broken() -> None:
        raise ZeroDivisionError("division by zero in some helper")

    app_of(client).add_api_route("/broken", broken)

    body = assert_error(client.get("/broken"), 500, "InternalError")
    assert body["message"].startswith("internal error: ZeroDivisionError")
    assert "helper" not in body["message"]  # details stay in the service's log


def test_the_page_is_served_with_a_strict_content_policy(client: TestClient) -> None:
    response = client.get("/")

    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    for element in ('id="prompt"', 'id="steps"', 'id="checks"', 'id="preview"', 'id="runs"'):
        assert element in response.text
    script = client.get("/static/app.js")
    assert script.status_code == 200 and "textContent" in script.text
    assert "innerHTML" not in script.text


def test_the_run_started_from_the_page_flow_completes(client: TestClient) -> None:
    planned = client.post("/api/plan", json={"user_prompt": SEED_PROMPT}).json()

    run_id = start(client, spec=planned["spec"])

    assert wait_for(client, run_id)["status"] == "completed"


def test_the_services_database_has_a_memory_cap(settings: ServiceSettings) -> None:
    from datamorph.api.service import Service

    service = Service(settings.model_copy(update={"memory_limit": "300MB"}))
    try:
        with service.engine() as engine:
            assert engine.settings()["memory_limit"] == "286.1 MiB"  # 300 MB in DuckDB's units
    finally:
        service.close()
