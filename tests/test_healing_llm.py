"""The model in the loop, through a local server speaking the OpenAI protocol: `--codegen llm`
(the model writes the SQL, checked statically, one correction round) and healing with the LLM
fixer first (junk or a statically broken fix falls back to the offline fixers)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import datamorph
from datamorph.catalog import Catalog
from datamorph.cli import main
from datamorph.codegen.sql import compile_sql
from datamorph.codegen.static import static_check
from datamorph.demo.showcase import demo_spec
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.healing import Remediator
from datamorph.healing.llm_fixer import llm_remediator
from datamorph.runs import RunStore
from llm_servers import OpenAIServer, data, text

LLM = "openai:test-model"


@pytest.fixture(scope="module")
def server() -> Iterator[OpenAIServer]:
    running = OpenAIServer()
    running.start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def model_env(server: OpenAIServer, monkeypatch: pytest.MonkeyPatch) -> OpenAIServer:
    monkeypatch.setenv("OPENAI_BASE_URL", f"{server.url}/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    monkeypatch.delenv("DATAMORPH_LLM", raising=False)
    server.replies.clear()
    server.requests.clear()
    return server


@pytest.fixture
def catalog(retail_db: Path) -> Catalog:
    with DuckDBEngine(retail_db) as engine:
        return engine.catalog(samples=3)


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


def artifact(home: Path, run_id: str, name: str) -> str:
    with RunStore(home) as store:
        return store.read_artifact(run_id, name)


def artifact_names(home: Path, run_id: str) -> set[str]:
    with RunStore(home) as store:
        return {a.name for a in store.artifacts(run_id)}


def write_spec(tmp_path: Path) -> Path:
    path = tmp_path / "spec.json"
    path.write_text(demo_spec().to_json())
    return path


# --- --codegen llm ---------------------------------------------------------------------------


def test_codegen_llm_happy_path(
    model_env: OpenAIServer,
    retail_db: Path,
    catalog: Catalog,
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    model_env.script(data({"code": compile_sql(demo_spec(), catalog)}))
    args = ["run", "--spec", str(write_spec(tmp_path)), "--database", str(retail_db)]
    code, out, _ = run_cli(monkeypatch, capsys, *args, "--llm", LLM, "--codegen", "llm", "--json")
    result = json.loads(out)
    assert code == 0 and result["status"] == "completed"
    assert len(model_env.requests) == 1
    trace = json.loads(artifact(isolated_home, result["run_id"], "codegen/trace.json"))
    assert len(trace["attempts"]) == 1 and trace["attempts"][0]["problems"] == []
    sent = json.dumps(model_env.bodies[-1])
    sample = catalog.table("customers").samples[0]["customer_name"]
    assert "customer_name" in sent and sample in sent  # schemas and sample rows went out


def test_codegen_llm_without_samples_sends_no_rows(
    model_env: OpenAIServer, retail_db: Path, catalog: Catalog
) -> None:
    model_env.script(data({"code": compile_sql(demo_spec(), catalog)}))
    result = datamorph.run(
        demo_spec(), database=str(retail_db), llm=LLM, codegen="llm", samples=False
    )
    assert result.ok
    sample = catalog.table("customers").samples[0]["customer_name"]
    assert sample not in json.dumps(model_env.bodies[-1])


def test_codegen_llm_corrects_an_unknown_column_once(
    model_env: OpenAIServer, retail_db: Path, catalog: Catalog, isolated_home: Path
) -> None:
    good = compile_sql(demo_spec(), catalog)
    model_env.script(data({"code": good.replace("o.amount", "o.amout")}), data({"code": good}))
    result = datamorph.run(demo_spec(), database=str(retail_db), llm=LLM, codegen="llm")
    assert result.status == "completed" and result.iterations == 0
    assert len(model_env.requests) == 2
    assert "amout" in json.dumps(model_env.bodies[-1])  # the problem went back to the model
    trace = json.loads(artifact(isolated_home, result.run_id, "codegen/trace.json"))
    first, second = trace["attempts"]
    assert any("amout" in p for p in first["problems"]) and second["problems"] == []


def test_codegen_llm_gives_up_after_two_attempts(
    model_env: OpenAIServer, retail_db: Path, catalog: Catalog, isolated_home: Path
) -> None:
    bad = compile_sql(demo_spec(), catalog).replace("customers", "custmers")
    model_env.script(data({"code": bad}), text("sorry, I cannot"))
    result = datamorph.run(demo_spec(), database=str(retail_db), llm=LLM, codegen="llm")
    # the monitor cannot fix a model that writes no valid code: a person decides
    assert result.status == "needs_attention" and "2 attempts" in (result.message or "")
    trace = json.loads(artifact(isolated_home, result.run_id, "codegen/trace.json"))
    assert len(trace["attempts"]) == 2
    assert "unknown table 'custmers'" in trace["attempts"][0]["problems"][0]


def test_codegen_llm_without_a_model_is_a_usage_error(
    retail_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("DATAMORPH_LLM", raising=False)
    args = ["run", "--spec", str(write_spec(tmp_path)), "--database", str(retail_db)]
    code, _, err = run_cli(monkeypatch, capsys, *args, "--codegen", "llm")
    assert code == 2 and "needs a model" in err and "--llm" in err
    code, _, err = run_cli(monkeypatch, capsys, *args, "--codegen", "lml")
    assert code == 2 and "did you mean 'llm'" in err
    assert len(err.strip().splitlines()) == 1


# --- healing with the LLM fixer ------------------------------------------------------------


def broken_code(catalog: Catalog) -> str:
    return compile_sql(demo_spec(), catalog).replace("o.amount", "o.amout")


def heal_run(retail_db: Path, code: str) -> datamorph.RunResult:
    return datamorph.run(demo_spec(), code=code, database=str(retail_db), llm=LLM)


def test_llm_fixer_heals_in_one_iteration(
    model_env: OpenAIServer, retail_db: Path, catalog: Catalog, isolated_home: Path
) -> None:
    fix = {
        "root_cause_analysis": "o.amout is a typo for o.amount",
        "changes_made": ["o.amout -> o.amount"],
        "corrected_code": compile_sql(demo_spec(), catalog),
    }
    model_env.script(data(fix))
    result = heal_run(retail_db, broken_code(catalog))
    assert result.status == "completed" and result.iterations == 1
    iteration = json.loads(artifact(isolated_home, result.run_id, "healing/iteration-1.json"))
    assert iteration["fixer"] == "llm"
    assert iteration["root_cause_analysis"] == fix["root_cause_analysis"]
    body = model_env.bodies[-1]
    assert body["temperature"] == 0.2
    assert "amout" in json.dumps(body) and "unknown_column" in json.dumps(body)


def test_junk_from_the_llm_falls_back_to_the_offline_fixers(
    model_env: OpenAIServer, retail_db: Path, catalog: Catalog, isolated_home: Path
) -> None:
    model_env.script(text("sorry"))
    result = heal_run(retail_db, broken_code(catalog))
    assert result.status == "completed" and result.iterations == 1
    iteration = json.loads(artifact(isolated_home, result.run_id, "healing/iteration-1.json"))
    assert iteration["fixer"] == "names"
    assert len(model_env.requests) == 1


def test_a_fix_that_fails_the_static_checks_falls_back(
    model_env: OpenAIServer, retail_db: Path, catalog: Catalog, isolated_home: Path
) -> None:
    still_broken = compile_sql(demo_spec(), catalog).replace("o.amount", "o.total")
    fix = {"root_cause_analysis": "x", "changes_made": [], "corrected_code": still_broken}
    model_env.script(data(fix))
    result = heal_run(retail_db, broken_code(catalog))
    assert result.status == "completed" and result.iterations == 1
    iteration = json.loads(artifact(isolated_home, result.run_id, "healing/iteration-1.json"))
    assert iteration["fixer"] == "names"
    assert "healing/iteration-2.json" not in artifact_names(isolated_home, result.run_id)
    assert len(model_env.requests) == 1  # the model was asked, and its fix refused
    # why it was refused is kept with the iteration, not lost in memory
    trace = json.loads(artifact(isolated_home, result.run_id, "healing/iteration-1-llm-trace.json"))
    assert trace[0]["kind"] == "unknown_column"
    assert trace[0]["outcome"] == "rejected by the static checks"
    assert any("total" in problem for problem in trace[0]["problems"])


def test_llm_fixer_comes_first_only_with_a_model(model_env: OpenAIServer) -> None:
    from datamorph.llm.registry import get_llm

    model = get_llm(LLM)
    assert model is not None
    assert llm_remediator(model).chain("syntax_error") == ("llm", "regenerate")
    assert Remediator().chain("syntax_error") == ("regenerate",)
    assert llm_remediator(model).chain("unknown_column")[:2] == ("llm", "outputs")


# --- static_check --------------------------------------------------------------------------


def test_static_check_clean(catalog: Catalog) -> None:
    assert static_check(compile_sql(demo_spec(), catalog), catalog, "duckdb") == []
    with_cte = (
        "WITH t AS (SELECT o.customer_id, SUM(o.amount) AS s FROM orders AS o GROUP BY 1) "
        "SELECT t.customer_id, t.s FROM t"
    )
    assert static_check(with_cte, catalog, "duckdb") == []


def test_static_check_unknown_table(catalog: Catalog) -> None:
    problems = static_check("SELECT c.customer_id FROM custmers AS c", catalog, "duckdb")
    assert problems == ["unknown table 'custmers' (did you mean 'customers'?)"]


def test_static_check_unknown_column(catalog: Catalog) -> None:
    problems = static_check("SELECT o.amout FROM orders AS o", catalog, "duckdb")
    assert len(problems) == 1 and "amout" in problems[0] and "'amount'" in problems[0]


def test_static_check_two_statements(catalog: Catalog) -> None:
    problems = static_check("SELECT 1; SELECT 2", catalog, "duckdb")
    assert problems == ["expected one statement, found 2"]


def test_static_check_refuses_a_delete(catalog: Catalog) -> None:
    problems = static_check("DELETE FROM orders", catalog, "duckdb")
    assert len(problems) == 1 and "only SELECT" in problems[0]


def test_static_check_syntax_error(catalog: Catalog) -> None:
    problems = static_check("SELECT FROM WHERE (", catalog, "duckdb")
    assert len(problems) == 1


def test_llm_fixer_heals_on_postgres(
    model_env: OpenAIServer, postgres: object, retail_db: Path, tmp_path: Path,
    isolated_home: Path,
) -> None:  # fmt: skip
    """The same loop with the sources and target in PostgreSQL: the model sees the engine's
    error and dialect, its fix runs on the server."""
    from datamorph.demo.postgres_demo import build_demo_on_postgres
    from datamorph.engines import open_engine

    password, host, port = (getattr(postgres, k) for k in ("password", "host", "port"))
    url = f"postgresql://postgres:{password}@{host}:{port}/postgres?schema=llm_heal"
    build_demo_on_postgres(url, orders=1_000)
    engine = open_engine(url, read_only=True)
    try:
        pg_catalog = engine.catalog(samples=0)
    finally:
        engine.close()
    good = compile_sql(demo_spec(), pg_catalog, "postgres")
    model_env.script(
        data({"root_cause_analysis": "typo", "changes_made": ["amout"], "corrected_code": good})
    )
    broken = tmp_path / "broken.sql"
    broken.write_text(good.replace("o.amount", "o.amout"))
    result = datamorph.run(demo_spec(), code=broken, database=url, llm=LLM)
    assert result.status == "completed" and result.iterations == 1
    iteration = json.loads(artifact(isolated_home, result.run_id, "healing/iteration-1.json"))
    assert iteration["fixer"] == "llm"
    sent = json.dumps(model_env.bodies[-1])
    assert "postgres" in sent.lower() and "amout" in sent and password not in sent
