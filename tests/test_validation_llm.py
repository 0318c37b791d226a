"""Phase 2 validation: LLM-written tests from the original prompt, through the real OpenAI SDK
against a local protocol server, executed read-only on a small DuckDB table; and the
`datamorph validate` command."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from datamorph.cli import main
from datamorph.demo.showcase import demo_spec
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.llm.base import LLM, Budget
from datamorph.llm.registry import get_llm
from datamorph.runner import run
from datamorph.validation.llm_tests import llm_checks
from datamorph.validation.report import CheckResult, CheckStatus
from llm_servers import OpenAIServer, data, error

PROMPT = "total order amount per customer, only customers above 1000"
TABLE = "customer_totals"
COLUMNS = [("customer_id", "INTEGER"), ("total_amount", "DECIMAL(12,2)")]


def case(name: str, sql: str, kind: str = "zero_rows", **expect: Any) -> dict[str, Any]:
    return {"name": name, "sql": sql, "expect": {"kind": kind, **expect}, "reason": f"r:{name}"}


ABOVE_1000 = case("above_1000", f"SELECT * FROM {TABLE} WHERE total_amount <= 1000")
FOUR_CUSTOMERS = case("four_customers", f"SELECT count(*) FROM {TABLE}", "value", value=4)
TOTAL = case("total", f"SELECT sum(total_amount) FROM {TABLE}", "value", value=5200, tolerance=1)


@pytest.fixture(scope="module")
def server() -> Iterator[OpenAIServer]:
    running = OpenAIServer()
    with running:
        yield running


@pytest.fixture
def llm(server: OpenAIServer, monkeypatch: pytest.MonkeyPatch) -> LLM:
    server.requests.clear()
    server.replies.clear()
    monkeypatch.setenv("OPENAI_BASE_URL", f"{server.url}/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    model = get_llm("openai:test-model", budget=Budget())
    assert model is not None
    return model


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[DuckDBEngine]:
    with DuckDBEngine(tmp_path / "v.duckdb", create=True) as db:
        db.execute(f"CREATE TABLE {TABLE} (customer_id INTEGER, total_amount DECIMAL(12,2))")
        db.execute(f"INSERT INTO {TABLE} VALUES (1, 1500), (2, 2500), (3, 1200)")
        db.execute("CREATE TABLE secrets AS SELECT 42 AS answer")
        yield db


def checks(llm: LLM | None, engine: DuckDBEngine, **kwargs: Any) -> dict[str, CheckResult]:
    results = llm_checks(llm, kwargs.pop("prompt", PROMPT), TABLE, COLUMNS, engine, **kwargs)
    return {r.name: r for r in results}


def user_message(server: OpenAIServer, request: int) -> str:
    return str(server.bodies[request]["messages"][-1]["content"])


def test_tests_come_from_the_prompt_and_a_confirmed_failure_fails(
    server: OpenAIServer, llm: LLM, engine: DuckDBEngine
) -> None:
    server.script(
        data({"tests": [ABOVE_1000, FOUR_CUSTOMERS, TOTAL]}),
        data({"verdict": "pipeline_wrong", "reason": "the request implies four customers"}),
    )
    found = checks(
        llm, engine, rule_results=[CheckResult(name="schema", kind="schema", status="pass")]
    )
    assert found["llm:above_1000"].status == "pass"
    assert found["llm:above_1000"].observed == 0 and found["llm:above_1000"].phase == 2
    assert found["llm:total"].status == "pass" and found["llm:total"].observed == 5200.0
    failed = found["llm:four_customers"]
    assert failed.status == "fail" and failed.verified
    assert failed.observed == 3 and failed.expected == 4
    assert "confirmed by the model: the request implies four customers" in failed.message
    # One request writes the tests, one verifies the failure: from the prompt, not a spec.
    assert len(server.requests) == 2
    first = server.bodies[0]
    assert first["response_format"]["type"] == "json_schema"
    assert "tests" in first["response_format"]["json_schema"]["schema"]["properties"]
    assert PROMPT in user_message(server, 0)
    assert "total_amount DECIMAL(12,2)" in user_message(server, 0)
    assert "source_tables" not in json.dumps(first["messages"])
    verify = user_message(server, 1)
    assert PROMPT in verify and "four_customers" in verify and '"observed": 3' in verify
    assert "- schema (schema): pass" in verify
    schema = server.bodies[1]["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["verdict"]["enum"] == ["pipeline_wrong", "test_wrong"]


def test_a_test_the_model_calls_wrong_is_an_error(
    server: OpenAIServer, llm: LLM, engine: DuckDBEngine
) -> None:
    server.script(
        data({"tests": [ABOVE_1000, FOUR_CUSTOMERS]}),
        data({"verdict": "test_wrong", "reason": "nothing says four"}),
    )
    result = checks(llm, engine)["llm:four_customers"]
    assert result.status == "error" and not result.verified
    assert "the model judged it wrong" in result.message and "nothing says four" in result.message


def test_queries_that_write_or_read_other_tables_are_refused_unrun(
    server: OpenAIServer, llm: LLM, engine: DuckDBEngine
) -> None:
    server.script(
        data(
            {
                "tests": [
                    case("wipe", f"DELETE FROM {TABLE}"),
                    case("two", f"SELECT 1 FROM {TABLE}; DROP TABLE {TABLE}"),
                    case("peek", "SELECT * FROM secrets WHERE answer = 42"),
                    case("file", "SELECT * FROM read_csv('/etc/passwd')"),
                    case("via_cte", f"WITH s AS (SELECT * FROM secrets) SELECT * FROM {TABLE}, s"),
                    ABOVE_1000,
                ]
            }
        )
    )
    found = checks(llm, engine)
    assert found["llm:wipe"].status == "error"
    assert "only SELECT is allowed, not DELETE" in found["llm:wipe"].message
    assert "expected one statement, found 2" in found["llm:two"].message
    for name in ("peek", "via_cte"):
        assert found[f"llm:{name}"].status == "error"
        assert "reads secrets; only customer_totals may be read" in found[f"llm:{name}"].message
    assert found["llm:file"].status == "error" and "READ_CSV" in found["llm:file"].message
    assert found["llm:above_1000"].status == "pass"  # every test runs, whatever the others do
    assert len(server.requests) == 1  # errors are broken tests: nothing to verify
    (count,) = engine.execute(f"SELECT count(*) FROM {TABLE}").fetchone() or (0,)
    assert count == 3 and engine.table_exists(TABLE)


def test_without_a_model_or_a_prompt_phase_2_is_skipped(engine: DuckDBEngine) -> None:
    (none,) = checks(None, engine).values()
    assert (none.status, none.phase, none.kind) == ("skipped", 2, "llm")
    assert none.message == "no LLM configured"


def test_without_a_prompt_phase_2_is_skipped(
    server: OpenAIServer, llm: LLM, engine: DuckDBEngine
) -> None:
    (skipped,) = checks(llm, engine, prompt=None).values()
    assert skipped.status == "skipped" and skipped.message == "no prompt"
    assert server.requests == []


@pytest.mark.parametrize(
    ("rule_status", "status", "message"),
    [
        ("pass", "error", "unconfirmed: rule-based checks pass"),
        ("fail", "fail", "confirmed by failing rule-based checks: row_count"),
    ],
)
def test_without_a_verdict_the_rule_based_results_decide(
    server: OpenAIServer,
    llm: LLM,
    engine: DuckDBEngine,
    rule_status: CheckStatus,
    status: str,
    message: str,
) -> None:
    server.script(data({"tests": [FOUR_CUSTOMERS, ABOVE_1000]}), error(400, message="no verdict"))
    rules = [
        CheckResult(name="not_empty", kind="not_empty", status="pass"),
        CheckResult(name="row_count", kind="row_count", status=rule_status),
    ]
    result = checks(llm, engine, rule_results=rules)["llm:four_customers"]
    assert result.status == status and message in result.message
    assert result.verified == (status == "fail")
    assert len(server.requests) == 2  # the verifier was asked, and failed to answer


def test_a_model_error_while_writing_tests_is_reported_not_raised(
    server: OpenAIServer, llm: LLM, engine: DuckDBEngine
) -> None:
    server.script(error(400, message="bad request"))
    (result,) = checks(llm, engine).values()
    assert result.status == "error" and result.message.startswith("the model wrote no tests")


def test_a_malformed_test_is_an_error_and_the_rest_still_run(
    server: OpenAIServer, llm: LLM, engine: DuckDBEngine
) -> None:
    server.script(data({"tests": [{"name": "no_sql", "expect": {"kind": "value"}}, ABOVE_1000]}))
    found = checks(llm, engine)
    assert (
        found["llm:test_1"].status == "error"
        and "malformed test: sql" in found["llm:test_1"].message
    )
    assert found["llm:above_1000"].status == "pass"


def test_a_slow_test_query_is_interrupted_at_its_timeout(
    server: OpenAIServer, llm: LLM, engine: DuckDBEngine
) -> None:
    endless = "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) "
    slow = case("slow", endless + f"SELECT count(*) FROM r, {TABLE}", "value", value=1)
    server.script(data({"tests": [slow, ABOVE_1000]}))
    started = time.perf_counter()
    found = checks(llm, engine, timeout=0.5)
    assert time.perf_counter() - started < 10
    assert found["llm:slow"].status == "error"
    assert "timed out after 0.5 s" in found["llm:slow"].message
    assert found["llm:above_1000"].status == "pass"  # the connection still works afterwards


# ---- datamorph validate --------------------------------------------------------------------


def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> Any:
    monkeypatch.setattr(sys, "argv", ["datamorph", *args])
    try:
        main()
        code = 0
    except SystemExit as done:
        code = int(done.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_validate_command(
    retail_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = demo_spec()
    assert run(spec, database=str(retail_db)).ok
    path = tmp_path / "spec.json"
    path.write_text(spec.to_json())
    target = spec.target_table.name
    base = ("validate", "--spec", str(path), "--database", str(retail_db))

    code, out, _ = cli(capsys, monkeypatch, *base, "--table", target, "--json")
    report = json.loads(out)
    assert code == 0 and set(report) == {"status", "checks"} and report["status"] == "pass"
    assert {"schema", "not_empty"} <= {c["name"] for c in report["checks"]}

    code, out, _ = cli(capsys, monkeypatch, *base, "--table", target)
    assert code == 0 and "validation of" in out and "not_empty" in out

    code, out, err = cli(capsys, monkeypatch, *base, "--table", target[:-1])
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and f"did you mean '{target}'?" in err

    with DuckDBEngine(retail_db) as db:  # break the output: a duplicated customer
        db.execute(f"INSERT INTO {target} SELECT * FROM {target} LIMIT 1")
    code, out, _ = cli(capsys, monkeypatch, *base, "--table", target, "--json")
    report = json.loads(out)
    assert code == 1 and report["status"] == "fail"
    assert any(c["status"] == "fail" for c in report["checks"])


def test_validate_runs_phase_2_after_the_rule_based_checks(
    server: OpenAIServer, llm: LLM, retail_db: Path
) -> None:
    from datamorph.validation import validate

    spec = demo_spec()
    assert run(spec, database=str(retail_db)).ok
    target = spec.target_table.name
    above = case("above_1000", f"SELECT * FROM {target} WHERE total_amount <= 1000")
    server.script(data({"tests": [above]}))
    with DuckDBEngine(retail_db) as db:
        report = validate(db, spec, target, db.catalog(samples=0), llm=llm, prompt=PROMPT)
    assert report.status == "pass"
    (phase2,) = [c for c in report.checks if c.phase == 2]
    assert phase2.name == "llm:above_1000" and phase2.status == "pass"
    assert "total_amount" in user_message(server, 0)
