"""Phase 2 of validation: tests a model writes from the ORIGINAL PROMPT, not from the spec, so a
misread prompt is caught (a test derived from the spec would share the spec's mistake).

2    The model writes 3-8 test queries (structured JSON) from the prompt and the output
     table's columns. 3: each runs read-only, one SELECT (`require_select`) reading only the
     target table (sqlglot), under a timeout (DuckDB: `interrupt()` from a timer); every test
     runs. 4: `zero_rows` (offending rows sampled) or one `value` within a tolerance.
4.5  A failing test is re-run once, then verified before it may fail the run: the model judges
     `pipeline_wrong` or `test_wrong` from the prompt, the test, what it saw and the rule-based
     results; without a verdict, a failure no rule-based check shares is `error` (unconfirmed).
     A test whose own query breaks is `error`: a broken test, not a broken pipeline.
"""

from __future__ import annotations

import json
import math
import threading
import time
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError
from sqlglot import exp

from datamorph.engines.base import Engine, QueryResult, require_select
from datamorph.engines.duckdb import json_value
from datamorph.llm.base import LLM, LLMConfigurationError, LLMError, Message
from datamorph.spec.functions import forbidden_functions
from datamorph.validation.report import MAX_SAMPLE_ROWS, CheckResult, CheckStatus

MAX_TESTS = 8
_GENERATORS = (exp.GenerateSeries, exp.Unnest)  # table functions that read nothing stored
WRITE_RULES = """\
You test the output table of a data pipeline against the request it was built from. Write 3 to
8 tests of what the request demands of the output: row conditions (thresholds, filters), one row
per entity, no NULL keys, sane ranges, orderings. Each test is ONE DuckDB SELECT reading only
the table {table}, with an expectation:
- {{"kind": "zero_rows"}}: the query selects the rows that break a rule; none may come back.
- {{"kind": "value", "value": V, "tolerance": T}}: the query returns one row with one column,
  equal to V (within T for numbers).
Only the request and the columns below are known: do not guess data values. Answer with the
JSON object only."""
VERIFY_RULES = """\
A test written from a data request failed twice on the pipeline's output table. Decide whether
the pipeline's output is wrong ("pipeline_wrong") or the test misreads the request, the columns
or SQL ("test_wrong"). The rule-based checks derived from the pipeline's spec are listed too.
Answer with the JSON object only."""


class Expectation(BaseModel):
    kind: Literal["zero_rows", "value"]
    value: bool | int | float | str | None = None
    tolerance: float = 0.0


class LLMTest(BaseModel):
    name: str = Field(description="short snake_case name")
    sql: str = Field(description="one DuckDB SELECT reading only the output table")
    expect: Expectation
    reason: str = Field("", description="what in the request the test checks")


class TestList(BaseModel):
    tests: list[LLMTest] = Field(min_length=3, max_length=MAX_TESTS)


class Verdict(BaseModel):
    verdict: Literal["pipeline_wrong", "test_wrong"]
    reason: str


class QueryTimeout(Exception):
    """The test's query outlived its timeout and was interrupted."""


def llm_checks(
    llm: LLM | None,
    prompt: str | None,
    table: str,
    columns: list[tuple[str, str]],
    engine: Engine,
    *,
    timeout: float = 30.0,
    rule_results: list[CheckResult] | None = None,
) -> list[CheckResult]:
    """Phases 2 to 4.5 for the LLM-written tests; one `skipped` result without model or prompt."""
    if llm is None or not (prompt and prompt.strip()):
        why = "no LLM configured" if llm is None else "no prompt"
        return [_llm_result("llm tests", "skipped", why)]
    context = describe(prompt, table, columns)
    try:
        tests = write_tests(llm, context, table)
    except (LLMError, LLMConfigurationError) as error:
        return [_llm_result("llm tests", "error", f"the model wrote no tests: {error.message}")]
    results = [
        t if isinstance(t, CheckResult) else run_test(t, table, engine, timeout) for t in tests
    ]
    judge: LLM | None = llm
    for i, (test, result) in enumerate(zip(tests, results, strict=True)):
        if result.status != "fail" or isinstance(test, CheckResult):
            continue
        again = run_test(test, table, engine, timeout)  # 4.5: re-run once
        if again.status != "fail":
            flaky = "flaky: failed once, then " + ("passed" if again.status == "pass" else "broke")
            results[i] = again.model_copy(update={"status": "error", "message": flaky})
            continue
        results[i], judge = verify(judge, context, test, again, rule_results)
    return results


def describe(prompt: str, table: str, columns: list[tuple[str, str]]) -> str:
    listing = "\n".join(f"- {name} {sql_type}" for name, sql_type in columns)
    return f"Request:\n{prompt.strip()}\n\nOutput table {table}, columns:\n{listing}"


def write_tests(llm: LLM, context: str, table: str) -> list[LLMTest | CheckResult]:
    """Phase 2: the model's tests; one it wrote in the wrong shape becomes an `error` result."""
    completion = llm.complete(
        [Message("user", context)],
        system=WRITE_RULES.format(table=table),
        json_schema=TestList.model_json_schema(),
        schema_name="validation_tests",
    )
    items = completion.data.get("tests") if isinstance(completion.data, dict) else None
    if not isinstance(items, list):
        raise LLMError("the answer has no list of tests")
    tests: list[LLMTest | CheckResult] = []
    seen: set[str] = set()
    for n, item in enumerate(items[:MAX_TESTS], start=1):
        try:
            test = LLMTest.model_validate(item)
        except ValidationError as error:
            where, why = ".".join(map(str, error.errors()[0]["loc"])), error.errors()[0]["msg"]
            tests.append(_llm_result(f"llm:test_{n}", "error", f"malformed test: {where}: {why}"))
            continue
        name = test.name if test.name not in seen else f"{test.name}_{n}"
        seen.add(name)
        tests.append(test.model_copy(update={"name": name}))
    return tests


def run_test(test: LLMTest, table: str, engine: Engine, timeout: float) -> CheckResult:
    """Phases 3 and 4 for one test: check the query, run it read-only, compare."""
    zero = test.expect.kind == "zero_rows"
    expected = "zero rows" if zero else test.expect.value
    result = _llm_result(f"llm:{test.name}", "error", "", expected=expected, query=test.sql)
    try:
        tree = require_select(test.sql, getattr(engine, "dialect", "duckdb"))
    except Exception as error:
        result.message = f"broken test: {error}"
        return result
    others = foreign_tables(tree, table)
    if others:
        result.message = f"broken test: reads {', '.join(others)}; only {table} may be read"
        return result
    calls = list(dict.fromkeys(forbidden_functions(tree, engine.dialect)))
    if calls:
        result.message = f"broken test: calls {', '.join(calls)}(), which a test may not"
        return result
    started = time.perf_counter()
    try:
        found = execute(engine, test.sql, MAX_SAMPLE_ROWS + 1 if zero else 2, timeout)
    except Exception as error:  # the test's own query broke (or timed out): a broken test
        result.message = f"broken test: {getattr(error, 'message', None) or error}"
        return result
    finally:
        result.seconds = round(time.perf_counter() - started, 4)
    rows = [{k: json_value(v) for k, v in row.items()} for row in found.as_dicts()]
    if not zero and (len(found.columns) != 1 or len(rows) > 1):
        shape = f"{len(found.columns)} columns" if len(found.columns) != 1 else "several rows"
        result.message = f"broken test: a value test got {shape}"
        return result
    if zero:
        ok = not rows
        result.observed = len(rows) if len(rows) <= MAX_SAMPLE_ROWS else f">{MAX_SAMPLE_ROWS}"
        result.sample_rows = rows[:MAX_SAMPLE_ROWS]
    else:
        observed = found.rows[0][0] if found.rows else None
        ok = matches(observed, test.expect.value, test.expect.tolerance)
        result.observed = json_value(observed)
    result.status, result.message = ("pass" if ok else "fail"), test.reason
    return result


def foreign_tables(tree: exp.Expr, table: str) -> list[str]:
    """What the query reads besides `table` (its own CTEs and row generators are fine)."""
    ctes = {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}
    others = []
    for node in tree.find_all(exp.Table):
        if isinstance(node.this, exp.Func):
            if not isinstance(node.this, _GENERATORS):
                others.append(node.this.sql())
            continue
        name, schema = node.name.lower(), node.db.lower()
        if not node.catalog and (not schema and name in ctes):
            continue
        if not node.catalog and schema in ("", "main") and name == table.lower():
            continue
        others.append(".".join(p for p in (node.catalog, node.db, node.name) if p))
    return others


def execute(engine: Engine, sql: str, limit: int, timeout: float) -> QueryResult:
    """`engine.query` under a timeout; DuckDB's connection is interrupted from a timer."""
    interrupt = getattr(getattr(engine, "con", None), "interrupt", None)
    if interrupt is None or timeout <= 0:
        return engine.query(sql, limit=limit)
    lock, state = threading.Lock(), {"done": False, "fired": False}

    def fire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                interrupt()

    timer = threading.Timer(timeout, fire)
    timer.daemon = True
    try:
        timer.start()
        return engine.query(sql, limit=limit)
    except Exception:
        if state["fired"]:
            raise QueryTimeout(f"the query timed out after {timeout:g} s") from None
        raise
    finally:
        with lock:
            state["done"] = True
        timer.cancel()


def matches(observed: Any, expected: Any, tolerance: float) -> bool:
    if isinstance(expected, bool):
        return observed in (0, 1) and not isinstance(observed, str) and bool(observed) == expected
    want, got = _number(expected), _number(observed)
    if want is not None and got is not None:
        return math.isclose(got, want, rel_tol=1e-9, abs_tol=abs(tolerance))
    return observed is not None and str(json_value(observed)) == str(expected)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)  # int, float, Decimal, a numeric string
    except (TypeError, ValueError):
        return None


def verify(
    llm: LLM | None,
    context: str,
    test: LLMTest,
    result: CheckResult,
    rule_results: list[CheckResult] | None,
) -> tuple[CheckResult, LLM | None]:
    """Phase 4.5: a twice-failing test fails the run only when confirmed. Returns the result and
    the model to ask next time (None once it has failed to answer)."""
    rules = [r for r in rule_results or [] if r.phase == 1]
    if llm is not None:
        try:
            completion = llm.complete(
                [Message("user", _verdict_request(context, test, result, rules))],
                system=VERIFY_RULES,
                json_schema=Verdict.model_json_schema(),
                schema_name="test_verdict",
            )
            answer = Verdict.model_validate(completion.data)
        except (LLMError, LLMConfigurationError, ValidationError):
            llm = None
        else:
            if answer.verdict == "pipeline_wrong":
                message = f"{test.reason}; confirmed by the model: {answer.reason}"
                return result.model_copy(update={"verified": True, "message": message}), llm
            message = f"broken test (the model judged it wrong): {answer.reason}"
            return result.model_copy(update={"status": "error", "message": message}), llm
    failed = [r.name for r in rules if r.status == "fail"]
    if failed:
        message = f"{test.reason}; confirmed by failing rule-based checks: {', '.join(failed)}"
        return result.model_copy(update={"verified": True, "message": message}), llm
    passing = all(r.status in ("pass", "skipped") for r in rules)
    why = "unconfirmed: " + ("rule-based checks pass" if passing else "no rule-based check fails")
    return result.model_copy(update={"status": "error", "message": why}), llm


def _verdict_request(
    context: str, test: LLMTest, result: CheckResult, rules: list[CheckResult]
) -> str:
    summary = "\n".join(
        f"- {r.name} ({r.kind}): {r.status}; observed {r.observed!r}, expected {r.expected!r}"
        + (f"; {r.message}" if r.message else "")
        for r in rules[:40]
    )
    seen = json.dumps({"observed": result.observed, "sample_rows": result.sample_rows}, default=str)
    return (
        f"{context}\n\nFailing test:\n{test.model_dump_json()}\n\nWhat it saw:\n{seen[:4000]}"
        f"\n\nRule-based checks:\n{summary or '(none ran)'}"
    )


def _llm_result(name: str, status: CheckStatus, message: str, **fields: Any) -> CheckResult:
    return CheckResult(name=name, phase=2, kind="llm", status=status, message=message, **fields)
