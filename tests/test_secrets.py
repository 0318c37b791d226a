"""Secrets are never stored, logged, printed, returned or sent to a model (redact.py).

Known secret values go through every path (a bad password URL on the CLI, an engine error
quoting a key, a model's error and answer quoting a key, a healing incident, an ingested log
line, the HTTP API and its errors); then every file under the home directory (the run store's
database bytes included), stdout and stderr, the API's answers and the bodies the model server
received are searched for them. Unit tests pin each pattern and the near-misses it must leave.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from datamorph.api import ServiceSettings, create_app
from datamorph.catalog import Catalog
from datamorph.cli import main
from datamorph.codegen.sql import compile_sql
from datamorph.demo.showcase import demo_spec
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.errors import UsageError
from datamorph.redact import (
    MASK,
    install_logging,
    known_secrets,
    redact,
    redact_content,
    redact_json,
    remember,
)
from datamorph.runs import RunStore
from llm_servers import OpenAIServer, data, error

SPEC = Path(__file__).parent / "specs" / "customer_order_summary.json"
LLM = "openai:test-model"

# Secrets of every kind, random per session so that finding one anywhere means a leak. The
# same in every xdist worker (their run id is shared): the values appear in test ids, and the
# workers must collect the same tests.
_HEX = hashlib.sha256(
    (os.environ.get("PYTEST_XDIST_TESTRUNUID") or secrets.token_hex(8)).encode()
).hexdigest()[:24]
DB_PASSWORD = f"Pw{_HEX[:10]}"  # 12 characters, inside a URL
ANTHROPIC_KEY = f"sk-ant-api03-{_HEX}AbC"
OPENAI_KEY = f"sk-proj-{_HEX}XyZ"
AWS_KEY_ID = "AKIA" + _HEX[:16].upper()
AWS_SECRET = f"wJalr/{_HEX}+{_HEX[:10]}="
GITHUB_TOKEN = f"ghp_{_HEX}{_HEX[:12]}"
ODD_TOKEN = f"odd~{_HEX[:9]}~shape"  # no pattern knows this shape: only its value is known
ODD_KEY = f"local/{_HEX[3:15]}!"  # the model server's key, in no provider's shape


def scan_home(home: Path) -> dict[str, list[str]]:
    """Which secrets appear in which file under `home` (raw bytes: SQLite pages, WAL, JSON)."""
    found: dict[str, list[str]] = {}
    for path in home.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            hits = [s for s in ALL_SECRETS if s.encode() in content]
            if hits:
                found[str(path.relative_to(home))] = hits
    return found


ALL_SECRETS = (
    DB_PASSWORD,
    ANTHROPIC_KEY,
    OPENAI_KEY,
    AWS_KEY_ID,
    AWS_SECRET,
    GITHUB_TOKEN,
    ODD_TOKEN,
    ODD_KEY,
)


def leaked(*texts: str) -> list[str]:
    joined = "\n".join(texts)
    return [s for s in ALL_SECRETS if s in joined]


def run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["datamorph", *args])
    try:
        main()
        code = 0
    except SystemExit as done:
        code = int(done.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def server() -> Iterator[OpenAIServer]:
    running = OpenAIServer()
    running.start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def model(server: OpenAIServer, monkeypatch: pytest.MonkeyPatch) -> OpenAIServer:
    """The local model server, with a key and secrets of odd shapes in the environment."""
    monkeypatch.setenv("OPENAI_BASE_URL", f"{server.url}/v1")
    monkeypatch.setenv("OPENAI_API_KEY", ODD_KEY)
    monkeypatch.setenv("DATAMORPH_API_TOKEN", ODD_TOKEN)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", AWS_SECRET)
    monkeypatch.delenv("DATAMORPH_LLM", raising=False)
    server.replies.clear()
    server.requests.clear()
    return server


def sent_to_model(server: OpenAIServer) -> str:
    return json.dumps(server.bodies)


# --- the masking function: each shape, and what it must leave alone ---------------------------


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("postgresql://u:Secr3t@127.0.0.1:1/db", "Secr3t"),
        ("postgres://u:Secr3t@h/db?sslmode=require", "Secr3t"),
        ("foo://u:Secr3t@h/x", "Secr3t"),
        ("spark://admin:Secr3t@master:7077", "Secr3t"),
        ("could not open 'mysql://root:Secr3t@db:3306/x' (refused)", "Secr3t"),
        ("host=h user=u password=Secr3t dbname=x", "Secr3t"),
        ("host=h password='two words' dbname=x", "two words"),
        ("postgresql://u@h/db?sslpassword=Secr3t&password=Secr3t", "Secr3t"),
        (f"invalid x-api-key {ANTHROPIC_KEY} given", ANTHROPIC_KEY),
        ("short sk-ant-test1 key", "sk-ant-test1"),
        (f"Incorrect API key provided: {OPENAI_KEY}.", OPENAI_KEY),
        ("key sk-abcdefghijklmnop0123456789 end", "sk-abcdefghijklmnop0123456789"),
        ("Authorization: Bearer abc.DEF-ghi_123456", "abc.DEF-ghi_123456"),
        ('{"authorization": "Basic dXNlcjpwYXNzd29yZA=="}', "dXNlcjpwYXNzd29yZA=="),
        ("x-api-key: 0123456789abcdef0123", "0123456789abcdef0123"),
        ("X-Api-Key=0123456789abcdef0123", "0123456789abcdef0123"),
        (f"DATAMORPH_API_TOKEN={ODD_TOKEN}", ODD_TOKEN),
        (f"token {GITHUB_TOKEN} expired", GITHUB_TOKEN),
        (f"access key {AWS_KEY_ID} denied", AWS_KEY_ID),
        ("session ASIAIOSFODNN7EXAMPLE done", "ASIAIOSFODNN7EXAMPLE"),
        (f"aws_secret_access_key={AWS_SECRET}", AWS_SECRET),
        (f'{{"SecretAccessKey": "{AWS_SECRET}"}}', AWS_SECRET),
        ('{"SessionToken": "FwoGZXIvYXdzEJr//////////wEaDHxyz"}', "FwoGZXIvYXdzEJr"),
        ("aws_session_token = 'IQoJb3JpZ2luX2VjEHoaCXVz'", "IQoJb3JpZ2luX2VjEHoaCXVz"),
        ("client_secret: 'hunter2'", "hunter2"),
        (
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
            "MIIE",
        ),
    ],
)
def test_each_secret_shape_is_masked(text: str, secret: str) -> None:
    masked = redact(text)
    assert secret not in masked and MASK in masked


@pytest.mark.parametrize(
    "text",
    [
        "SELECT password_hash, u.password FROM users WHERE password_hash = 'x'",
        "WHERE u.password = h.password AND password = other_column",
        "CAST(password AS TEXT), password::text, api_key_env",
        'FATAL:  password authentication failed for user "u"',
        "Unexpected token: FROM",
        "input_tokens: 500, max_tokens=4096, output_tokens=7",
        "https://example.com:8080/path?q=1 and postgresql://user@host:5432/db",
        "total completed order amount per customer, task-force, sk-learn, skip",
        "send the header 'Authorization: Bearer <DATAMORPH_API_TOKEN>'",
        "a bearer token is required",
        '"keys": ["customer_id"], "mode": "replace"',
        "the secret of good data is validation",
    ],
)
def test_near_misses_are_left_alone(text: str) -> None:
    assert redact(text) == text


def test_quoted_values_stay_well_formed() -> None:
    masked = redact(f'{{"api_key": "{OPENAI_KEY}", "password": "a \\" b"}}')
    assert json.loads(masked) == {"api_key": MASK, "password": MASK}
    assert redact("WHERE password = 'hunter2'") == f"WHERE password = '{MASK}'"


def test_json_values_are_masked_by_key_and_by_shape() -> None:
    value = {
        "password": "plain",
        "headers": [{"Authorization": "Bearer zz"}, {"x-api-key": "k"}],
        "url": "postgresql://a:bbbbbbbb@h/db",
        "usage": {"input_tokens": 3, "max_tokens": 9},
        "password_hash": "sha256:abc",
        "flag": True,
        "tuple": ("ok", "sk-proj-abcdefghijklmnop1234"),
    }
    assert redact_json(value) == {
        "password": MASK,
        "headers": [{"Authorization": MASK}, {"x-api-key": MASK}],
        "url": f"postgresql://a:{MASK}@h/db",
        "usage": {"input_tokens": 3, "max_tokens": 9},
        "password_hash": "sha256:abc",
        "flag": True,
        "tuple": ("ok", MASK),
    }


def test_known_values_are_masked_in_any_shape(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", ODD_KEY)
    monkeypatch.setenv("DATAMORPH_DATABASE", f"postgresql://u:{DB_PASSWORD}%40x@h/db")
    monkeypatch.setenv("SOME_SERVICE_TOKEN", ODD_TOKEN)
    monkeypatch.setenv("OPENAI_API_KEY", "x")  # too short to mask: it would hit ordinary words
    text = f"echo {ODD_KEY}, {DB_PASSWORD}@x and {ODD_TOKEN} and xylophone"
    assert redact(text) == f"echo {MASK}, {MASK} and {MASK} and xylophone"
    assert {ODD_KEY, ODD_TOKEN, f"{DB_PASSWORD}@x"} <= known_secrets()


def test_a_secret_seen_once_in_a_known_shape_is_masked_when_echoed_bare() -> None:
    word = f"Bare{secrets.token_hex(5)}"
    remember("abc")  # too short: ignored
    assert "abc" not in known_secrets()
    assert redact(f"could not place '{word}'") == f"could not place '{word}'"
    redact(f"a request with password={word} in it")
    assert redact(f"could not place '{word}'") == f"could not place '{MASK}'"
    assert redact(f"could not place '{word.lower()}'") == f"could not place '{MASK}'"


def test_a_password_in_a_request_is_not_echoed_by_the_planner(
    retail_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    word = f"Zq{secrets.token_hex(6).upper()}"  # the planner quotes words lowercased
    prompt = f"total completed order amount per customer, password={word}"
    code, out, err = run_cli(monkeypatch, capsys, "plan", prompt, "--database", str(retail_db))
    assert code != 0 and "could not place" in err and MASK in err
    assert word.lower() not in (out + err).lower()


def test_artifact_bytes_are_masked_only_when_text() -> None:
    binary = b"\x89PNG\r\n\x1a\n password=Secr3t \xff"
    assert redact_content(binary) == binary  # not UTF-8: no text shape to find
    assert redact_content(b"password=Secr3t") == f"password={MASK}".encode()
    assert redact_content("password=Secr3t") == f"password={MASK}"


def test_errors_and_log_records_are_masked(caplog: pytest.LogCaptureFixture) -> None:
    error = UsageError(f"cannot open 'host=h password={DB_PASSWORD}'", hint=f"not {OPENAI_KEY}")
    assert not leaked(str(error), error.one_line())
    previous = logging.getLogRecordFactory()
    install_logging()
    try:
        with caplog.at_level(logging.INFO, logger="datamorph.test"):
            log = logging.getLogger("datamorph.test")
            log.info("connecting to %s", f"postgresql://u:{DB_PASSWORD}@h/db")
            try:
                raise RuntimeError(f"rejected {ANTHROPIC_KEY}")
            except RuntimeError:
                log.exception("call failed")
        assert not leaked(caplog.text)
        assert f"postgresql://u:{MASK}@h/db" in caplog.text and "RuntimeError" in caplog.text
    finally:
        logging.setLogRecordFactory(previous)


def test_the_shipped_corpus_and_runbooks_hold_no_secret_shapes() -> None:
    from datamorph.monitor.corpus import load_corpus
    from datamorph.monitor.knowledge import load_runbooks

    texts = [entry.message for entry in load_corpus()] + [d.text for d in load_runbooks()]
    changed = [text for text in texts if redact(text) != text]
    assert changed == []


# --- the defect: a connection string passed as --database is echoed with its password -----------


@pytest.mark.parametrize(
    "database",
    [
        f"postgresql://u:{DB_PASSWORD}@h:xx/db",  # a port that is no number
        f"postgres://u:{DB_PASSWORD}@[::1/db",  # malformed
        f"foo://u:{DB_PASSWORD}@h/x",  # unknown scheme
        f"spark://u:{DB_PASSWORD}@master:7077",  # no Spark master URL
        f"host=h user=u password={DB_PASSWORD} dbname=x",  # libpq, taken for a file
        f"postgresql://u@h:xx/db?password={DB_PASSWORD}",
    ],
)
def test_a_bad_database_string_is_never_echoed_with_its_password(
    database: str,
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for args in (
        ["run", "--database", database, "--spec", str(SPEC)],
        ["run", "--database", database, "--spec", str(SPEC), "--json"],
        ["catalog", "-d", database],
        ["catalog", f"--database={database}", "--json"],
    ):
        code, out, err = run_cli(monkeypatch, capsys, *args)
        assert code != 0 and (out + err).strip()
        assert DB_PASSWORD not in out + err
        echoed = "u:" in out + err or "password=" in out + err
        assert not echoed or MASK in out + err  # every echo shows the mask
    assert scan_home(isolated_home) == {}


def test_a_wrong_password_on_a_real_server_is_never_echoed(
    postgres: object,
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    host, port = (getattr(postgres, k) for k in ("host", "port"))
    url = f"postgresql://postgres:{DB_PASSWORD}@{host}:{port}/postgres"
    libpq = f"host={host} port={port} user=postgres password={DB_PASSWORD} dbname=postgres"
    outputs = []
    code, out, err = run_cli(monkeypatch, capsys, "run", "--database", url, "--spec", str(SPEC))
    outputs += [out, err]
    assert code != 0
    for args in (["catalog", "-d", url], ["catalog", "-d", url, "--json"]):
        code, out, err = run_cli(monkeypatch, capsys, *args)
        assert code != 0 and "password authentication failed" in out + err
        outputs += [out, err]
    code, out, err = run_cli(monkeypatch, capsys, "catalog", "-d", libpq)
    outputs += [out, err]
    assert not leaked(*outputs)
    assert scan_home(isolated_home) == {}


# --- an engine error and a model's answer quoting keys, healed through the model ----------------


@pytest.fixture
def catalog(retail_db: Path) -> Catalog:
    with DuckDBEngine(retail_db) as engine:
        return engine.catalog(samples=3)


def test_healing_an_error_that_quotes_keys_keeps_them_from_model_store_and_output(
    model: OpenAIServer,
    retail_db: Path,
    catalog: Catalog,
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    good = compile_sql(demo_spec(), catalog)
    # user code whose failure text quotes an Anthropic key and a value known only by its value
    broken = good.replace("o.amount", f'o."{ANTHROPIC_KEY}_{ODD_TOKEN}"', 1)
    code_file = tmp_path / "job.sql"
    code_file.write_text(f"-- aws_secret_access_key={AWS_SECRET}\n{broken}")
    spec_file = tmp_path / "spec.json"
    spec_file.write_text(demo_spec().to_json())
    fix = {  # the model's answer quotes keys too
        "root_cause_analysis": f"column typo; by the way my key is {OPENAI_KEY}",
        "changes_made": [f"use o.amount ({GITHUB_TOKEN})"],
        "corrected_code": f"-- x-api-key: {OPENAI_KEY}\n{good}",
    }
    model.script(data(fix))
    args = ["run", "--spec", str(spec_file), "--code", str(code_file), "--database"]
    code, out, err = run_cli(monkeypatch, capsys, *args, str(retail_db), "--llm", LLM, "--json")
    result = json.loads(out)
    assert code == 0 and result["status"] == "completed" and result["iterations"] == 1
    assert model.requests, "the model was asked for a fix"
    sent = sent_to_model(model)
    assert MASK in sent and not leaked(sent)  # the failure went out masked
    assert not leaked(out, err)
    assert scan_home(isolated_home) == {}
    with RunStore(isolated_home) as store:
        decisions = store.incidents.decisions(result["run_id"])
        incidents = store.incidents.incidents()
        events = store.events(result["run_id"])
    assert decisions and incidents and events  # a healing incident was recorded
    assert not leaked(json.dumps([decisions, incidents], default=str))
    assert not leaked(json.dumps([e.model_dump(mode="json") for e in events]))


def test_a_model_error_quoting_a_key_reaches_no_output_and_no_store(
    model: OpenAIServer,
    retail_db: Path,
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    refusal = error(401, message=f"Incorrect API key provided: {OPENAI_KEY}. Also {ODD_KEY}")
    model.script(*[refusal] * 10)  # the monitor may re-read the key and ask again
    prompt = f"total completed order amount per customer (api_key={ODD_TOKEN})"
    args = ["run", prompt, "--database", str(retail_db), "--llm", LLM, "--yes"]
    code, out, err = run_cli(monkeypatch, capsys, *args)
    code_json, out_json, err_json = run_cli(monkeypatch, capsys, *args, "--json")
    assert code != 0 and code_json != 0
    assert "rejected the credentials" in out + err, out + err
    assert not leaked(out, err, out_json, err_json)
    assert not leaked(sent_to_model(model))  # the prompt's key did not go out either
    assert scan_home(isolated_home) == {}


def test_an_ingested_log_line_quoting_keys_is_filed_masked(
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = tmp_path / "events.jsonl"
    events = [
        {"message": f"S3 AccessDenied for {AWS_KEY_ID} secret_access_key={AWS_SECRET}"},
        {"message": f"connection refused postgresql://etl:{DB_PASSWORD}@db:5432/x", "job_id": "j"},
        {"message": f"401 Unauthorized: invalid x-api-key {ANTHROPIC_KEY}"},
    ]
    lines.write_text("\n".join(json.dumps(e) for e in events))
    code, out, err = run_cli(monkeypatch, capsys, "monitor", "ingest", str(lines), "--json")
    assert code == 0
    code2, out2, err2 = run_cli(monkeypatch, capsys, "incidents", "list", "--json")
    code3, out3, err3 = run_cli(monkeypatch, capsys, "classify", events[2]["message"], "--json")
    assert code2 == 0 and code3 == 0 and json.loads(out2)
    assert not leaked(out, err, out2, err2, out3, err3)
    assert scan_home(isolated_home) == {}


# --- the HTTP API: runs, their logs and error answers -------------------------------------------


def test_the_api_returns_and_stores_no_secret(
    retail_db: Path,
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATAMORPH_API_TOKEN", ODD_TOKEN)
    settings = ServiceSettings(
        database=str(retail_db), home=isolated_home, workers=1, poll_seconds=0.05, token=ODD_TOKEN
    )
    with TestClient(
        create_app(settings), headers={"Authorization": f"Bearer {ODD_TOKEN}"}
    ) as client:
        answers = exercise_api(client)
    assert not leaked(*answers)
    assert scan_home(isolated_home) == {}


def exercise_api(client: TestClient) -> list[str]:
    """A run whose prompt holds a password, its logs, a failing query quoting a key, an unknown
    run id that is a key, a wrong token: every answer's text."""
    answers: list[str] = []

    def call(method: str, path: str, **kwargs: object) -> dict[str, object]:
        response = client.request(method, path, **kwargs)  # type: ignore[arg-type]
        answers.append(response.text)
        body: dict[str, object] = response.json()
        return body

    prompt = (
        f"Total completed order amount per customer, customers above 1000 password={DB_PASSWORD}"
    )
    run_id = str(call("POST", "/start", json={"user_prompt": prompt})["run_id"])
    for _ in range(1200):
        run = call("GET", f"/api/runs/{run_id}")
        if run["status"] in {"completed", "failed", "needs_attention"}:
            break
        time.sleep(0.05)
    call("GET", f"/get/logs/{run_id}")
    bad_query = call("POST", "/execute/query", json={"query": f'SELECT * FROM "{ANTHROPIC_KEY}"'})
    assert bad_query["error"] is True
    missing = call("GET", f"/api/runs/{OPENAI_KEY}")
    assert missing["error"] is True and MASK in str(missing["message"])
    unauthorized = client.get("/api/runs", headers={"Authorization": "Bearer wrong"})
    answers.append(unauthorized.text)
    assert unauthorized.status_code == 401
    assert "Bearer <DATAMORPH_API_TOKEN>" in unauthorized.json()["message"]
    return answers
