"""Malformed and hostile HTTP: bodies, types, sizes, encodings, tokens, table names on the
read-only endpoints (`/get/data`, `/get/schemas`), Host headers and oversized URLs and headers.

The app cases go through the ASGI app (Starlette's TestClient, server exceptions turned into
500s, which fail the case); Host headers, oversized request lines and headers through a real
`datamorph serve` process over a raw socket, since only a real server parses those. Every case:
never a 5xx, never a hang, no canary in the answer, and the service healthy afterwards.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .conftest import CASE_BOUND, HostileEnv, Service, Snapshot, bounded, build_env

pytestmark = pytest.mark.slow  # every test of the battery is in the slow tier
REFUSE = "refuse"  # a 4xx
MAY = "may"  # anything but a 5xx
OK = "ok"  # a 200


@dataclass(frozen=True)
class BodyCase:
    id: str
    body: bytes
    expect: str
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    note: str = ""


def _json(obj: Any) -> bytes:
    return json.dumps(obj).encode()


SETTING = "SELECT current_setting('temp_directory') AS v"
COUNT = "SELECT count(*) AS n FROM customers"

BODY_CASES = [
    BodyCase("not_json", b"SELECT 1", REFUSE),
    BodyCase("truncated_json", b'{"query": "SELECT 1"', REFUSE),
    BodyCase("text_plain", b"SELECT 1", REFUSE, content_type="text/plain"),
    BodyCase(
        "form_encoded", b"query=SELECT+1", REFUSE, content_type="application/x-www-form-urlencoded"
    ),
    BodyCase(
        "multipart",
        b'--x\r\nContent-Disposition: form-data; name="query"\r\n\r\nSELECT 1\r\n--x--\r\n',
        REFUSE,
        content_type="multipart/form-data; boundary=x",
    ),
    BodyCase("no_content_type", _json({"query": COUNT}), MAY, content_type=""),
    BodyCase("empty_body", b"", REFUSE),
    BodyCase("json_null", b"null", REFUSE),
    BodyCase("json_list", _json([COUNT]), REFUSE),
    BodyCase("json_string", _json(COUNT), REFUSE),
    BodyCase("json_number", b"42", REFUSE),
    BodyCase("json_true", b"true", REFUSE),
    BodyCase("missing_query", _json({}), REFUSE),
    BodyCase("wrong_key", _json({"sql": COUNT}), REFUSE),
    BodyCase("query_int", _json({"query": 1}), REFUSE),
    BodyCase("query_float", _json({"query": 1.5}), REFUSE),
    BodyCase("query_bool", _json({"query": True}), REFUSE),
    BodyCase("query_null", _json({"query": None}), REFUSE),
    BodyCase("query_list", _json({"query": [COUNT]}), REFUSE),
    BodyCase("query_list_of_two", _json({"query": [COUNT, SETTING]}), REFUSE),
    BodyCase("query_object", _json({"query": {"$ne": None}}), REFUSE),
    BodyCase("query_empty", _json({"query": ""}), REFUSE),
    BodyCase("query_spaces", _json({"query": "   \n\t "}), REFUSE),
    BodyCase("query_only_comment", _json({"query": "-- nothing here"}), REFUSE),
    BodyCase("query_only_block_comment", _json({"query": "/* nothing */"}), REFUSE),
    BodyCase("query_unterminated_comment", _json({"query": "SELECT 1 /*"}), REFUSE),
    BodyCase("query_unterminated_string", _json({"query": "SELECT 'x"}), REFUSE),
    BodyCase("query_unterminated_identifier", _json({"query": 'SELECT 1 AS "x'}), REFUSE),
    BodyCase("query_semicolons", _json({"query": ";;;"}), REFUSE),
    BodyCase("query_garbage", _json({"query": ")))((( SELECT"}), REFUSE),
    BodyCase(
        "query_nul_then_write", _json({"query": "SELECT 1\u0000; DROP TABLE customers"}), REFUSE
    ),
    BodyCase("query_nul_only", _json({"query": "\u0000"}), REFUSE),
    BodyCase("query_nul_in_string", _json({"query": "SELECT 'a\u0000b' AS s"}), MAY),
    BodyCase(
        "query_nul_before_setting", _json({"query": "SELECT 1 AS one\u0000" + SETTING}), REFUSE
    ),
    BodyCase("query_bom_prefix", _json({"query": "\ufeff" + COUNT}), MAY),
    BodyCase("query_rtl_override", _json({"query": "SELECT '\u202egnp.exe' AS s"}), MAY),
    BodyCase(
        "query_unicode_identifiers", _json({"query": 'SELECT 1 AS "\u00fc\u4e2d\U0001f600"'}), MAY
    ),
    BodyCase("query_lone_surrogate", b'{"query": "SELECT \'\\ud800\' AS s"}', MAY),
    BodyCase("query_escaped_surrogate_pair", b'{"query": "SELECT \'\\ud83d\\ude00\' AS s"}', MAY),
    BodyCase("invalid_utf8_value", b'{"query": "SELECT \'\xff\xfe\' AS s"}', REFUSE),
    BodyCase("invalid_utf8_key", b'{"qu\xc3ery": "SELECT 1"}', REFUSE),
    BodyCase("overlong_utf8", b'{"query": "SELECT \'\xc0\xaf\' AS s"}', REFUSE),
    BodyCase("utf16_body", json.dumps({"query": COUNT}).encode("utf-16"), MAY),
    BodyCase("utf8_bom_body", b"\xef\xbb\xbf" + _json({"query": COUNT}), MAY),
    BodyCase(
        "latin1_charset",
        '{"query": "SELECT \'caf\u00e9\' AS s"}'.encode("latin-1"),
        MAY,
        content_type="application/json; charset=latin-1",
    ),
    BodyCase(
        "extra_fields",
        _json(
            {
                "query": COUNT,
                "database": "<<CANARY_TXT>>",
                "timeout": 1e9,
                "limit": 10**9,
                "engine": "postgres",
            }
        ),
        MAY,
        note="extra fields are ignored, never used",
    ),
    BodyCase(
        "duplicate_keys_setting_last",
        b'{"query": "' + COUNT.encode() + b'", "query": "' + SETTING.encode() + b'"}',
        MAY,
    ),
    BodyCase(
        "duplicate_keys_setting_first",
        b'{"query": "' + SETTING.encode() + b'", "query": "' + COUNT.encode() + b'"}',
        MAY,
    ),
    BodyCase("huge_number", b'{"query": 1e999999}', REFUSE),
    BodyCase("big_integer", b'{"query": ' + b"9" * 5000 + b"}", REFUSE),
    BodyCase("nan_literal", b'{"query": NaN}', REFUSE),
    BodyCase("infinity_literal", b'{"query": Infinity}', REFUSE),
    BodyCase("nested_arrays", b'{"query": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", REFUSE),
    BodyCase(
        "nested_objects", b'{"query": ' + b'{"a":' * 50_000 + b"1" + b"}" * 50_000 + b"}", REFUSE
    ),
    BodyCase("nested_top_level", b"[" * 200_000 + b"]" * 200_000, REFUSE),
    BodyCase("many_keys", _json({f"k{i}": i for i in range(50_000)} | {"query": COUNT}), MAY),
    BodyCase("huge_query_1mb", _json({"query": "SELECT 1 -- " + "x" * 1_000_000}), REFUSE),
    BodyCase("query_over_limit", _json({"query": "SELECT 1 AS one -- " + "x" * 100_000}), REFUSE),
    BodyCase(
        "query_at_limit",
        _json({"query": (q := "SELECT 1 AS one -- ") + "x" * (100_000 - len(q))}),
        MAY,
    ),
    BodyCase("body_2mb_whitespace", b'{"query": "SELECT 1"' + b" " * 2_000_000 + b"}", REFUSE),
    BodyCase(
        "deep_parentheses", _json({"query": "SELECT " + "(" * 5000 + "1" + ")" * 5000}), REFUSE
    ),
    BodyCase("deep_not", _json({"query": "SELECT " + "NOT " * 5000 + "true"}), MAY),
    BodyCase(
        "deep_subqueries",
        _json({"query": "SELECT * FROM " + "(SELECT * FROM " * 500 + "customers" + ") AS s" * 500}),
        MAY,
    ),
    BodyCase("long_union", _json({"query": "SELECT 1 AS x" + " UNION ALL SELECT 1" * 4000}), MAY),
    BodyCase(
        "many_columns",
        _json({"query": "SELECT " + ", ".join(f"{i} AS c{i}" for i in range(5000))}),
        MAY,
    ),
    BodyCase("long_identifier", _json({"query": 'SELECT 1 AS "' + "a" * 60_000 + '"'}), MAY),
    BodyCase("long_string_literal", _json({"query": "SELECT '" + "a" * 90_000 + "' AS s"}), MAY),
    BodyCase("many_statements", _json({"query": "SELECT 1;" * 5000}), REFUSE),
    BodyCase(
        "gzip_claimed_not_gzip", _json({"query": COUNT}), MAY, headers={"Content-Encoding": "gzip"}
    ),
]

TOKEN_CASES = [
    ("no_token", None, 401),
    ("wrong_token", "Bearer not-the-token", 401),
    ("token_with_suffix", "Bearer {token}x", 401),
    ("token_prefix_only", "Bearer {token_head}", 401),
    ("basic_scheme", "Basic {token}", 401),
    ("no_scheme", "{token}", 401),
    ("empty_bearer", "Bearer ", 401),
    ("bearer_twice", "Bearer Bearer {token}", 401),
    ("header_injection", "Bearer x\r\nX-Evil: 1", None),
]

HOSTILE_TABLE_NAMES = [
    ("read_text", "read_text('<<CANARY_TXT>>')"),
    ("string_path", "'<<CANARY_CSV>>'"),
    ("bare_path", "<<CANARY_CSV>>"),
    ("relative_path", "secret.csv"),
    ("dotdot_path", "../../../../etc/passwd"),
    ("duckdb_settings_fn", "duckdb_settings()"),
    ("duckdb_settings", "duckdb_settings"),
    ("duckdb_databases", "duckdb_databases"),
    ("duckdb_secrets", "duckdb_secrets()"),
    ("information_schema", "information_schema.tables"),
    ("system_catalog", "system.main.duckdb_databases"),
    ("pg_settings", "pg_catalog.pg_settings"),
    ("sqlite_master", "sqlite_master"),
    ("pragma_database_list", "pragma_database_list"),
    ("query_table", "query_table('customers')"),
    ("glob", "glob('*')"),
    ("stacked_drop", "customers; DROP TABLE orders"),
    ("quote_break", 'customers"; DROP TABLE orders; --'),
    ("single_quote_break", "customers'; DROP TABLE orders; --"),
    ("union", "customers UNION SELECT current_setting('temp_directory')"),
    ("subquery", "(SELECT current_setting('temp_directory') AS v)"),
    ("where_clause", "customers WHERE 1=1"),
    ("nul_byte", "customers\u0000; DROP TABLE orders"),
    ("other_db", "read_duckdb('<<OTHER_DB>>', table_name='secret')"),
    ("temp_catalog", "temp.main.pwned"),
    ("comment_tail", "customers -- x"),
]
HARMLESS_TABLE_NAMES = [
    ("schema_qualified", "main.customers"),
    ("catalog_qualified", "retail.main.customers"),
    ("upper_case", "CUSTOMERS"),
    ("quoted", '"customers"'),
    ("trailing_space", "customers "),
]


def app_request(
    service: Service,
    method: str,
    path: str,
    *,
    content: bytes | None = None,
    headers: dict[str, str] | None = None,
    json_body: Any = None,
) -> tuple[Any, float]:
    def call() -> Any:
        return service.client.request(
            method, path, content=content, json=json_body, headers=headers or {}
        )

    return bounded(call, CASE_BOUND)


def common_problems(response: Any, env: HostileEnv, request_text: str) -> list[str]:
    if isinstance(response, Exception):
        return [f"the request raised {response!r}"]
    problems = []
    if response.status_code >= 500:
        problems.append(f"a {response.status_code}: {response.text[:300]}")
    if "Traceback" in response.text:
        problems.append("a traceback in the answer")
    problems += [f"leaks {label}" for label in env.leaks(response.text, request_text)]
    return problems


def expectation_problems(response: Any, expect: str) -> list[str]:
    if isinstance(response, Exception):
        return []
    status = response.status_code
    if expect == REFUSE and not 400 <= status < 500:
        return [f"not refused: {status} {response.text[:200]}"]
    if expect == OK and status != 200:
        return [f"not answered: {status} {response.text[:200]}"]
    return []


@pytest.mark.slow
@pytest.mark.parametrize("case", BODY_CASES, ids=[case.id for case in BODY_CASES])
def test_malformed_query_body(case: BodyCase, hostile_service: Service, cwd_secret: Path) -> None:
    env = hostile_service.env
    body = env.fill(case.body.decode("latin-1")).encode("latin-1")
    headers = dict(hostile_service.headers) | case.headers
    if case.content_type:
        headers["Content-Type"] = case.content_type
    before = Snapshot.take(env, cwd_secret)
    try:
        response, _ = app_request(
            hostile_service, "POST", "/execute/query", content=body, headers=headers
        )
    except TimeoutError as error:
        pytest.fail(f"{case.id}: {error}")
    request_text = body.decode("utf-8", "replace")
    problems = common_problems(response, env, request_text) + expectation_problems(
        response, case.expect
    )
    problems += before.changes()
    if problems or case.id.startswith(("nested", "deep", "huge", "body")):
        problems += hostile_service.health_problems()
    assert not problems, f"{case.id}\n- " + "\n- ".join(problems)


@pytest.mark.slow
def test_wrong_method_and_unknown_path(hostile_service: Service) -> None:
    got = hostile_service.client.get("/execute/query", headers=hostile_service.headers)
    assert got.status_code == 405, got.text
    unknown = hostile_service.client.post("/execute/queries", headers=hostile_service.headers)
    assert unknown.status_code == 404, unknown.text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("case_id", "authorization", "status"), TOKEN_CASES, ids=[c[0] for c in TOKEN_CASES]
)
def test_token_required(
    case_id: str, authorization: str | None, status: int | None, hostile_service: Service
) -> None:
    token = hostile_service.env.values["env DATAMORPH_API_TOKEN"]
    headers = {}
    if authorization is not None:
        headers["Authorization"] = authorization.format(token=token, token_head=token[:-4])
    try:
        response, _ = app_request(
            hostile_service, "POST", "/execute/query", json_body={"query": SETTING}, headers=headers
        )
    except TimeoutError as error:
        pytest.fail(str(error))
    except Exception as error:
        if status is None:
            return
        raise error
    problems = common_problems(response, hostile_service.env, SETTING)
    if status is not None and response.status_code != status:
        problems.append(f"{response.status_code} instead of {status}: {response.text[:200]}")
    if status is None and response.status_code == 200:
        problems.append("answered without a valid token")
    assert not problems, f"{case_id}\n- " + "\n- ".join(problems)


def _names_cases() -> list[tuple[str, str, str, str]]:
    cases = []
    for endpoint in ("/get/data", "/get/schemas"):
        short = endpoint.rsplit("/", 1)[-1]
        for nid, name in HOSTILE_TABLE_NAMES:
            cases.append((f"{short}-{nid}", endpoint, name, REFUSE))
        for nid, name in HARMLESS_TABLE_NAMES:
            cases.append((f"{short}-{nid}", endpoint, name, MAY))
        cases.append((f"{short}-control", endpoint, "customers", OK))
    return cases


NAME_CASES = _names_cases()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("case_id", "endpoint", "name", "expect"), NAME_CASES, ids=[c[0] for c in NAME_CASES]
)
def test_table_names_on_read_endpoints(
    case_id: str,
    endpoint: str,
    name: str,
    expect: str,
    hostile_service: Service,
    cwd_secret: Path,
) -> None:
    env = hostile_service.env
    name = env.fill(name)
    body = {"table_names": [name]} | ({"limit": 5} if endpoint == "/get/data" else {})
    before = Snapshot.take(env, cwd_secret)
    try:
        response, _ = app_request(
            hostile_service, "POST", endpoint, json_body=body, headers=hostile_service.headers
        )
    except TimeoutError as error:
        pytest.fail(f"{case_id}: {error}")
    problems = common_problems(response, env, name) + expectation_problems(response, expect)
    problems += before.changes()
    assert not problems, f"{case_id} {name!r}\n- " + "\n- ".join(problems)


DATA_BODIES = [
    ("limit_negative", {"table_names": ["customers"], "limit": -1}),
    ("limit_huge", {"table_names": ["customers"], "limit": 10**12}),
    ("limit_string", {"table_names": ["customers"], "limit": "10; DROP TABLE orders"}),
    ("limit_float", {"table_names": ["customers"], "limit": 1.5}),
    ("names_not_list", {"table_names": "customers"}),
    ("names_empty", {"table_names": []}),
    ("names_nested", {"table_names": [["customers"]]}),
    ("names_too_many", {"table_names": ["customers"] * 101}),
    ("name_too_long", {"table_names": ["c" * 300]}),
    ("name_empty", {"table_names": [""]}),
]


@pytest.mark.slow
@pytest.mark.parametrize(("case_id", "body"), DATA_BODIES, ids=[c[0] for c in DATA_BODIES])
def test_malformed_data_requests(case_id: str, body: Any, hostile_service: Service) -> None:
    for endpoint in ("/get/data", "/get/schemas"):
        try:
            response, _ = app_request(
                hostile_service, "POST", endpoint, json_body=body, headers=hostile_service.headers
            )
        except TimeoutError as error:
            pytest.fail(f"{case_id} {endpoint}: {error}")
        problems = common_problems(response, hostile_service.env, json.dumps(body))
        if endpoint == "/get/data" or case_id.startswith("name"):
            problems += expectation_problems(response, REFUSE)
        assert not problems, f"{case_id} {endpoint}\n- " + "\n- ".join(problems)


# ---- a real server --------------------------------------------------------------------------

DATAMORPH = Path(sys.prefix) / "bin" / "datamorph"
if not DATAMORPH.exists():
    DATAMORPH = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "datamorph"


@dataclass
class RealServer:
    process: subprocess.Popen[str]
    port: int

    def raw(self, request: bytes, timeout: float = 10.0) -> tuple[int | None, bytes, float]:
        """Send raw bytes; (status, answer, seconds); status None when nothing came back."""
        started = time.monotonic()
        answer = b""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as conn:
            conn.settimeout(timeout)
            try:
                conn.sendall(request)
                while True:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    answer += chunk
            except OSError:
                pass
        seconds = time.monotonic() - started
        try:
            status: int | None = int(answer.split(b" ", 2)[1])
        except (IndexError, ValueError):
            status = None
        return status, answer, seconds

    def get(
        self,
        path: str = "/health",
        host: str | None = None,
        extra: bytes = b"",
        timeout: float = 10.0,
    ) -> tuple[int | None, bytes, float]:
        host = host or f"127.0.0.1:{self.port}"
        request = (
            f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n".encode()
            + extra
            + b"\r\n"
        )
        return self.raw(request, timeout)

    def healthy(self) -> list[str]:
        status, answer, _ = self.get("/health", timeout=5.0)
        if status != 200:
            return [f"/health afterwards: {status} {answer[:200]!r}"]
        return []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(env: HostileEnv, home: Path) -> RealServer:
    port = _free_port()
    environment = dict(os.environ, DATAMORPH_HOME=str(home))
    environment.pop("DATAMORPH_API_TOKEN", None)  # loopback only, with the Host check
    process = subprocess.Popen(
        [str(DATAMORPH), "serve", "--port", str(port), "-d", str(env.db_path), "--workers", "2"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    server = RealServer(process, port)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("datamorph serve exited")
        try:
            if server.get("/health", timeout=2.0)[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.1)
    process.kill()
    raise AssertionError("datamorph serve did not start")


def stop_server(server: RealServer) -> None:
    server.process.send_signal(signal.SIGINT)
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="module")
def real_env(tmp_path_factory: pytest.TempPathFactory, retail_template: Path) -> HostileEnv:
    return build_env(tmp_path_factory.mktemp("real_server"), retail_template)


@pytest.fixture(scope="module")
def real_server(
    real_env: HostileEnv, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RealServer]:
    server = start_server(real_env, tmp_path_factory.mktemp("real_home"))
    yield server
    stop_server(server)


# names an attacker's page can be served under (DNS rebinding), and malformed ones
HOSTS_REFUSED = [
    "[::1].evil.com",
    "[::1]evil.com",
    "localhost:evil",
    "localhost.evil.com",
    "127.0.0.1.nip.io",
    "evil.example",
    "127.0.0.1@evil.com",
    "localhost:8000:9000",
    "127.0.0.1:8000.evil.com",
    "localhost.",
]
HOSTS_ACCEPTED = [
    "localhost",
    "localhost:8000",
    "127.0.0.1",
    "127.0.0.1:8000",
    "[::1]",
    "[::1]:8000",
    "LOCALHOST",
]


@pytest.mark.slow
@pytest.mark.parametrize("host", HOSTS_REFUSED + HOSTS_ACCEPTED)
def test_host_header(host: str, real_server: RealServer) -> None:
    status, answer, seconds = real_server.get("/api/runs", host=host)
    problems = []
    if status is None:
        problems.append(f"no answer within {seconds:.0f} s")
    elif status >= 500:
        problems.append(f"a {status}")
    elif host in HOSTS_REFUSED and not 400 <= status < 500:
        problems.append(f"Host {host!r} was answered {status}, not refused")
    elif host in HOSTS_ACCEPTED and status != 200:
        problems.append(f"Host {host!r} was refused ({status}): {answer[:200]!r}")
    assert not problems, f"Host {host!r}\n- " + "\n- ".join(problems)


OVERSIZED = [
    ("url_100kb", "/" + "a" * 100_000, b"", 414),
    ("url_100kb_query_string", "/health?" + "a=1&" * 25_000, b"", 414),
    ("header_100kb", "/health", b"X-Big: " + b"a" * 100_000 + b"\r\n", 431),
    ("many_headers", "/health", b"".join(b"X-Header-%d: value\r\n" % i for i in range(6_000)), 431),
    ("cookie_100kb", "/health", b"Cookie: a=" + b"b" * 100_000 + b"\r\n", 431),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("case_id", "path", "extra", "status"), OVERSIZED, ids=[c[0] for c in OVERSIZED]
)
def test_oversized_request(
    case_id: str, path: str, extra: bytes, status: int, real_server: RealServer
) -> None:
    got, answer, seconds = real_server.get(path, extra=extra, timeout=10.0)
    problems = []
    if got is None:
        problems.append(f"no answer within {seconds:.0f} s")
    elif got != status:
        problems.append(f"{got} instead of {status}: {answer[:150]!r}")
    problems += real_server.healthy()
    assert not problems, f"{case_id}\n- " + "\n- ".join(problems)


@pytest.mark.slow
def test_real_server_invalid_utf8_and_garbage(real_server: RealServer) -> None:
    body = b'{"query": "SELECT \'\xff\xfe\' AS s"}'
    request = (
        f"POST /execute/query HTTP/1.1\r\nHost: 127.0.0.1:{real_server.port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode() + body
    status, answer, _ = real_server.raw(request)
    assert status is not None and 400 <= status < 500, answer[:300]
    status, answer, _ = real_server.raw(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" * 10)
    assert status is None or status < 500, answer[:300]
    assert not real_server.healthy()


@pytest.mark.slow
def test_health_discloses_no_paths_or_secrets(hostile_service: Service) -> None:
    """/health answers without a token; what it says must not tell where the database or the
    service's home are, nor any canary."""
    response = hostile_service.client.get("/health")
    assert response.status_code == 200, response.text
    problems = [f"leaks {label}" for label in hostile_service.env.leaks(response.text, "")]
    home = str(hostile_service.settings.home)
    if home in response.text:
        problems.append("leaks the service's home directory")
    assert not problems, response.text
