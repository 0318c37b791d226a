"""The CLI contract: commands, `--json` output, exit codes, one-line errors that write nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from datamorph.demo.showcase import demo_spec

RUN_JSON_KEYS = {
    "status",
    "run_id",
    "target_table",
    "validation_status",
    "iterations",
    "spec_path",
    "code_path",
    "rows",
    "message",
}


def write_spec(tmp_path: Path, **changes: Any) -> Path:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps({**demo_spec().model_dump(mode="json"), **changes}))
    return path


def tables(database: Path) -> list[str]:
    with duckdb.connect(str(database), read_only=True) as con:
        return sorted(
            name for (name,) in con.sql("SELECT table_name FROM duckdb_tables()").fetchall()
        )


def test_run_json_prints_exactly_the_run_object(
    run_cli: Any, retail_db: Path, tmp_path: Path
) -> None:
    code, out, err = run_cli(
        "run", "--spec", str(write_spec(tmp_path)), "--database", str(retail_db), "--json"
    )
    assert code == 0, err
    result = json.loads(out)  # the whole of stdout is one JSON object
    assert set(result) == RUN_JSON_KEYS
    assert result["status"] == "completed"
    assert result["validation_status"] == "pass"
    assert result["iterations"] == 0
    assert Path(result["spec_path"]).is_file() and Path(result["code_path"]).is_file()
    with duckdb.connect(str(retail_db), read_only=True) as con:
        (rows,) = con.execute("SELECT count(*) FROM customer_order_summary").fetchone() or (0,)
    assert rows == result["rows"] > 0


def test_runs_list_show_and_logs(run_cli: Any, retail_db: Path, tmp_path: Path) -> None:
    _, out, _ = run_cli(
        "run", "--spec", str(write_spec(tmp_path)), "--database", str(retail_db), "--json"
    )
    run_id = json.loads(out)["run_id"]
    code, out, _ = run_cli("runs", "list", "--json")
    assert code == 0 and json.loads(out)[0]["run_id"] == run_id
    code, out, _ = run_cli("runs", "show", run_id[:17], "--json")  # a unique prefix will do
    shown = json.loads(out)
    assert shown["status"] == "completed"
    assert {a["name"] for a in shown["artifacts"]} == {
        "spec.json",
        "code/attempt-1.sql",
        "reports/validation-attempt-1.json",
        "reports/validation-attempt-1.md",
    }
    code, out, _ = run_cli("runs", "logs", run_id, "--json")
    events = json.loads(out)
    assert [e["seq"] for e in events] == sorted(e["seq"] for e in events)
    started = [e["step"] for e in events if e["message"].endswith(" started")]
    assert started == [
        "planning",
        "checking",
        "generating",
        "executing",
        "validating",
        "publishing",
    ]
    code, out, _ = run_cli("runs", "logs", run_id)
    assert code == 0 and "published customer_order_summary" in out


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {
                "source_tables": [
                    {"name": "customer", "alias": "c"},
                    {"name": "orders", "alias": "o"},
                ]
            },
            "did you mean 'customers'?",
        ),
        ({"filters": ["o.stauts = 'completed'"]}, "did you mean 'o.status'?"),
        (
            {
                "join_conditions": [
                    {
                        "left": "c",
                        "right": "o",
                        "type": "left",
                        "on": "c.customer_name = o.customer_id",
                    }
                ]
            },
            "incompatible types",
        ),
        ({"target_table": {"name": "orders"}}, "also a source"),
        (
            {"join_conditions": [{"left": "c", "right": "o", "type": "sideways", "on": "true"}]},
            "join_conditions.0.type",
        ),
    ],
)
def test_bad_spec_is_one_line_exit_2_and_writes_nothing(
    run_cli: Any, retail_db: Path, tmp_path: Path, changes: dict[str, Any], expected: str
) -> None:
    before = tables(retail_db)
    code, _, err = run_cli(
        "run", "--spec", str(write_spec(tmp_path, **changes)), "--database", str(retail_db)
    )
    assert code == 2
    assert expected in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert tables(retail_db) == before


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["run", "--spec", "{spec}", "--database", "{missing}"], "not found"),
        (
            ["run", "--spec", "{spec}", "--database", "{db}", "--engine", "duckbd"],
            "did you mean 'duckdb'?",
        ),
        (
            ["compile", "--spec", "{spec}", "--database", "{db}", "--dialect", "postgress"],
            "did you mean 'postgres'?",
        ),
        (["run", "--spec", "{malformed}", "--database", "{db}"], "not valid JSON"),
        (["run", "--spec", "{absent}", "--database", "{db}"], "not found"),
        (["runs", "show", "nonexistent-run"], "unknown run"),
    ],
)
def test_bad_arguments_are_one_line_exit_2(
    run_cli: Any, retail_db: Path, tmp_path: Path, args: list[str], expected: str
) -> None:
    malformed = tmp_path / "malformed.json"
    malformed.write_text('{"version": 1,')
    values = {
        "spec": str(write_spec(tmp_path)),
        "missing": str(tmp_path / "none.duckdb"),
        "db": str(retail_db),
        "malformed": str(malformed),
        "absent": str(tmp_path / "absent.json"),
    }
    code, _, err = run_cli(*(a.format(**values) for a in args))
    assert code == 2, err
    assert expected in err and "Hint:" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_json_errors_keep_stdout_one_object(run_cli: Any, tmp_path: Path) -> None:
    code, out, _ = run_cli(
        "run",
        "--spec",
        str(write_spec(tmp_path)),
        "--database",
        str(tmp_path / "none.duckdb"),
        "--json",
    )
    assert code == 2
    assert json.loads(out)["error"] is True


@pytest.mark.parametrize("dialect", ["duckdb", "postgres", "spark", "pyspark", "glue"])
def test_compile_prints_code_for_every_dialect(
    run_cli: Any, retail_db: Path, tmp_path: Path, dialect: str
) -> None:
    code, out, err = run_cli(
        "compile",
        "--spec",
        str(write_spec(tmp_path)),
        "--dialect",
        dialect,
        "--database",
        str(retail_db),
    )
    assert code == 0, err
    assert "customer_id" in out
    if dialect in {"pyspark", "glue"}:
        compile(out, "generated.py", "exec")  # valid Python


def test_catalog_lists_tables(run_cli: Any, retail_db: Path) -> None:
    code, out, _ = run_cli("catalog", "--database", str(retail_db), "--json")
    assert code == 0
    assert json.loads(out)["tables"]["orders"]["primary_key"] == ["order_id"]
    code, out, _ = run_cli("catalog", "--database", str(retail_db))
    assert "order_items" in out


def test_load_of_a_missing_file_creates_nothing(run_cli: Any, tmp_path: Path) -> None:
    code, _, err = run_cli(
        "load",
        str(tmp_path / "nothing.csv"),
        "--table",
        "t",
        "--database",
        str(tmp_path / "new.duckdb"),
    )
    assert code == 2 and "not found" in err
    assert not (tmp_path / "new.duckdb").exists()


def test_load_then_query_through_a_spec(run_cli: Any, tmp_path: Path) -> None:
    csv = tmp_path / "sales.csv"
    csv.write_text("region,amount\nnorth,10\nsouth,5\nnorth,7\n")
    database = tmp_path / "mine.duckdb"
    code, out, err = run_cli("load", str(csv), "--table", "sales", "--database", str(database))
    assert code == 0, err and "3" in out
    spec = tmp_path / "by_region.json"
    spec.write_text(
        json.dumps(
            {
                "source_tables": ["sales"],
                "group_by": ["region"],
                "aggregations": [{"name": "total", "expr": "sum(amount)"}],
                "order_by": ["region"],
                "target_table": {"name": "sales_by_region", "keys": ["region"]},
            }
        )
    )
    code, out, err = run_cli("run", "--spec", str(spec), "--database", str(database), "--json")
    assert code == 0, err
    with duckdb.connect(str(database), read_only=True) as con:
        assert con.sql("SELECT * FROM sales_by_region").fetchall() == [("north", 17), ("south", 5)]


def test_demo_builds_and_runs(run_cli: Any, isolated_home: Path) -> None:
    code, out, err = run_cli("demo", "--scale", "1000", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["status"] == "completed" and result["rows"] > 0
    assert (isolated_home / "demo.duckdb").is_file()
    # The default database is now the demo one.
    code, out, _ = run_cli("catalog", "--json")
    assert "customer_order_summary" in json.loads(out)["tables"]


def test_broken_code_heals_unless_healing_is_capped(
    run_cli: Any, retail_db: Path, tmp_path: Path
) -> None:
    spec = write_spec(tmp_path)
    code, out, _ = run_cli("compile", "--spec", str(spec), "--database", str(retail_db))
    broken = tmp_path / "broken.sql"
    broken.write_text(out.replace("o.amount", "o.amout"))
    args = [
        "run",
        "--spec",
        str(spec),
        "--code",
        str(broken),
        "--database",
        str(retail_db),
        "--json",
    ]
    code, out, _ = run_cli(*args, "--max-iterations", "0")
    assert code == 1 and json.loads(out)["status"] == "needs_attention"
    code, out, _ = run_cli(*args)
    healed = json.loads(out)
    assert code == 0 and healed["status"] == "completed" and healed["iterations"] == 1
    code, out, _ = run_cli("runs", "logs", healed["run_id"], "--json")
    assert any(e["step"] == "remediating" and "names" in e["message"] for e in json.loads(out))


def _fingerprint(database: Path) -> dict[str, Any]:
    with duckdb.connect(str(database), read_only=True) as con:
        names = [n for (n,) in con.sql("SELECT table_name FROM duckdb_tables()").fetchall()]
        return {n: con.sql(f'SELECT count(*), sum(hash(t)) FROM "{n}" t').fetchall() for n in names}


def test_a_source_table_is_never_replaced_by_surprise(
    run_cli: Any, retail_db: Path, tmp_path: Path, isolated_home: Path
) -> None:
    spec = str(write_spec(tmp_path))
    before = _fingerprint(retail_db)
    code, _, err = run_cli(
        "run", "--spec", spec, "--database", str(retail_db), "--target", "products"
    )
    assert code == 2 and "'products' is a table DataMorph did not publish" in err
    assert "--replace-source" in err and _fingerprint(retail_db) == before
    # a table DataMorph published itself is replaced as before; a source only when asked
    code, _, _ = run_cli("run", "--spec", spec, "--database", str(retail_db))
    assert code == 0
    code, _, _ = run_cli("run", "--spec", spec, "--database", str(retail_db))
    assert code == 0
    code, _, _ = run_cli(
        "run", "--spec", spec, "--database", str(retail_db), "--target", "products",
        "--replace-source",
    )  # fmt: skip
    assert code == 0 and _fingerprint(retail_db)["products"] != before["products"]


@pytest.mark.parametrize(
    "code_text",
    [
        "DROP TABLE customers",
        "SELECT 1 AS x; DROP TABLE customers",
        "COPY customers TO 'x.csv'",
        "EXPORT DATABASE 'x.csv'",
        "Please total the orders per customer, thanks!",
        "SELECT * FROM query('DROP TABLE customers')",
        "SELECT content FROM read_text('x.csv')",
    ],
)
def test_user_code_refused_for_safety_fails_and_is_never_swapped(
    run_cli: Any, retail_db: Path, tmp_path: Path, isolated_home: Path, code_text: str
) -> None:
    code_file = tmp_path / "mine.sql"
    code_file.write_text(code_text)
    before = _fingerprint(retail_db)
    code, out, err = run_cli(
        "run", "--spec", str(write_spec(tmp_path)), "--database", str(retail_db),
        "--code", str(code_file),
    )  # fmt: skip
    assert code == 2 and "the code given with --code was refused" in err
    assert "Traceback" not in out + err and _fingerprint(retail_db) == before
    assert not (tmp_path / "x.csv").exists()


def test_a_trailing_comment_after_the_semicolon_is_still_one_query(
    run_cli: Any, retail_db: Path, tmp_path: Path
) -> None:
    from datamorph.codegen.sql import compile_sql
    from datamorph.engines.duckdb import DuckDBEngine

    with DuckDBEngine(retail_db, read_only=True) as engine:
        sql = compile_sql(demo_spec(), engine.catalog(samples=0))
    spec = write_spec(tmp_path)
    code_file = tmp_path / "mine.sql"
    code_file.write_text(f"-- mine\n{sql};  -- done\n")
    code, _, err = run_cli(
        "run", "--spec", str(spec), "--database", str(retail_db), "--code", str(code_file),
        "--max-iterations", "0",
    )  # fmt: skip
    assert code == 0, err


@pytest.mark.parametrize("option", ["--target", "--engine", "--database"])
def test_an_empty_option_value_is_refused_not_defaulted(
    run_cli: Any, retail_db: Path, tmp_path: Path, option: str
) -> None:
    args = {"--database": str(retail_db), option: ""}
    before = _fingerprint(retail_db)
    flat = [item for pair in args.items() for item in pair]
    code, _, err = run_cli("run", "--spec", str(write_spec(tmp_path)), *flat)
    assert code == 2 and f"{option} is empty" in err
    assert _fingerprint(retail_db) == before


def test_a_schema_qualified_target_is_refused_on_duckdb(
    run_cli: Any, retail_db: Path, tmp_path: Path
) -> None:
    before = tables(retail_db)
    code, _, err = run_cli(
        "run", "--spec", str(write_spec(tmp_path)), "--database", str(retail_db),
        "--target", "main.customers",
    )  # fmt: skip
    assert code == 2 and "names a schema" in err and "--target customers" in err
    assert tables(retail_db) == before


def test_a_table_name_with_markup_is_printed_as_text(run_cli: Any, retail_db: Path) -> None:
    with duckdb.connect(str(retail_db)) as con:
        con.execute('CREATE TABLE "[/]odd[bold]" ("[/red]c" INTEGER)')
    code, out, err = run_cli("catalog", "--database", str(retail_db))
    assert code == 0, err
    assert "[/]odd[bold]" in out and "[/red]c" in out


def test_loading_an_empty_file_is_refused_and_keeps_the_table(
    run_cli: Any, retail_db: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "orders.csv"
    empty.write_bytes(b"")
    before = _fingerprint(retail_db)
    code, _, err = run_cli("load", str(empty), "--table", "orders", "--database", str(retail_db))
    assert code == 2 and "is empty" in err and _fingerprint(retail_db) == before


def test_query_answers_a_select_and_says_when_rows_were_cut(run_cli: Any, retail_db: Path) -> None:
    with duckdb.connect(str(retail_db), read_only=True) as con:
        [(count,)] = con.sql("SELECT count(*) FROM customers").fetchall()
    code, out, err = run_cli(
        "query", "SELECT count(*) AS n FROM customers", "-d", str(retail_db), "--json"
    )
    assert code == 0, err
    assert json.loads(out) == {
        "columns": ["n"], "types": ["BIGINT"], "rows": [{"n": count}], "truncated": False,
    }  # fmt: skip
    code, out, _ = run_cli(
        "query", "SELECT customer_id FROM customers", "-d", str(retail_db), "--limit", "3"
    )
    assert code == 0 and "3 row(s); more matched" in out


def test_query_refuses_files_settings_and_writes_in_one_line(run_cli: Any, retail_db: Path) -> None:
    before = _fingerprint(retail_db)
    for sql, words in [
        ("SELECT content FROM read_text('/etc/hostname')", "table functions are not allowed"),
        ("SELECT current_setting('temp_directory') AS t", "current_setting() is not allowed"),
        ("DELETE FROM customers", "only SELECT is allowed"),
    ]:
        code, out, err = run_cli("query", sql, "-d", str(retail_db))
        assert code == 2 and words in err and out == "", (sql, err)
        assert len(err.strip().splitlines()) == 1
    assert _fingerprint(retail_db) == before
