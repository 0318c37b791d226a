"""Compile honestly: every spec of the suite, and a battery of DuckDB functions, compiled to
every dialect and run where the engine is (DuckDB here, a real PostgreSQL server; Spark in
test_compile_dialects_spark.py). Each either compiles and runs, or is refused with an error
naming the function and the dialect: never code that fails when run.

PostgreSQL is compiled for twice: against the server's catalog (its `pg_proc`, as `datamorph
run` on PostgreSQL does) and against DuckDB's schema (as `datamorph compile --dialect postgres`
from a DuckDB file does, checked against the shipped list of PostgreSQL's functions). TPC-H
specs run over empty tables of TPC-H's schema: a missing function or a type error is found
when the query is planned, before any row.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from compile_battery import (
    TPCH_SCHEMA,
    check_dialect,
    compile_to,
    duckdb_rows,
    runnable_suite,
    tpch_ddl,
)
from datamorph.catalog import Catalog
from datamorph.cli import main
from datamorph.codegen.sql import build_select, render_sql
from datamorph.engines import open_engine
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.errors import UsageError
from datamorph.spec import Spec


@pytest.fixture(scope="module")
def retail_catalog_ro(retail_template: Path) -> Catalog:
    with DuckDBEngine(retail_template, read_only=True) as engine:
        return engine.catalog(samples=0)


# ---- DuckDB: always ---------------------------------------------------------------------------


def test_every_spec_and_function_runs_on_duckdb(
    retail_template: Path, retail_catalog_ro: Catalog
) -> None:
    retail = duckdb.connect(str(retail_template), read_only=True)
    tpch = duckdb.connect()
    for ddl in tpch_ddl():
        tpch.execute(ddl)
    connections = {"retail": retail, "tpch": tpch}
    try:
        counts = check_dialect(
            "duckdb",
            {"retail": retail_catalog_ro, "tpch": TPCH_SCHEMA},
            lambda tables, code: connections[tables].execute(code).fetchall(),
            runnable_suite(retail_catalog_ro),
        )
    finally:
        retail.close()
        tpch.close()
    assert counts["refused"] == 0  # the spec's own dialect: every function is DuckDB's
    assert len(runnable_suite(retail_catalog_ro)) >= 30


# ---- PostgreSQL: the real server the tests start ------------------------------------------------


@pytest.fixture(scope="module")
def pg_tpch(postgres: Any) -> str:
    password, host, port = (getattr(postgres, k) for k in ("password", "host", "port"))
    url = f"postgresql://postgres:{password}@{host}:{port}/postgres?schema=tpch_empty"
    engine = open_engine(url, create=True)
    try:
        for ddl in tpch_ddl():
            engine.execute(ddl)
    finally:
        engine.close()
    return url


@pytest.mark.slow
@pytest.mark.parametrize("compiled_against", ["server", "duckdb_schema"])
def test_what_compiles_for_postgres_runs_there(
    compiled_against: str,
    pg_retail: str,
    pg_tpch: str,
    retail_template: Path,
    retail_catalog_ro: Catalog,
) -> None:
    """...and each function of the battery gives DuckDB's values there (compile_battery.py
    lists those that may not, and why)."""
    engines = {"retail": open_engine(pg_retail, read_only=True)}
    engines["tpch"] = open_engine(pg_tpch, read_only=True)
    try:
        if compiled_against == "server":
            catalogs = {name: engine.catalog(samples=0) for name, engine in engines.items()}
        else:  # DuckDB's catalog: checked against the shipped PostgreSQL function list
            catalogs = {"retail": retail_catalog_ro, "tpch": TPCH_SCHEMA}
        counts = check_dialect(
            "postgres",
            catalogs,
            lambda tables, code: engines[tables].query(code).rows,
            runnable_suite(retail_catalog_ro),
            duckdb_rows(retail_template, retail_catalog_ro),
        )
    finally:
        for engine in engines.values():
            engine.close()
    # most of what a spec writes translates: refusing everything would pass the checks above
    assert counts["compiled"] >= 3 * counts["refused"], counts


# ---- the functions a user is likely to reach for, one by one ------------------------------------

TARGET = {"name": "out"}
SCHEMA = {"t": {"n": "INTEGER", "s": "VARCHAR", "d": "DATE", "e": "DATE", "ms": "BIGINT"}}


def _one(expr: str, dialect: str) -> str | UsageError:
    spec = Spec.from_dict(
        {"source_tables": ["t"], "columns": [f"{expr} AS v"], "target_table": {"name": "out"}}
    )
    return compile_to(spec, SCHEMA, dialect)


@pytest.mark.parametrize(
    ("expr", "dialect", "translated"),
    [
        ("strftime(d, '%Y-%m')", "postgres", "TO_CHAR(t.d, 'YYYY-MM')"),
        ("strftime(d, '%Y-%m')", "spark", "DATE_FORMAT(t.d, 'yyyy-MM')"),
        ("strftime(d, '%Y-%m')", "pyspark", "DATE_FORMAT(t.d, 'yyyy-MM')"),
        ("regexp_matches(s, 'a+')", "postgres", "t.s ~ 'a+'"),
        ("regexp_matches(s, 'a+')", "spark", "t.s RLIKE 'a+'"),
        ("epoch_ms(ms)", "postgres", "TO_TIMESTAMP(CAST(t.ms AS DOUBLE PRECISION) / POWER(10, 3))"),
        ("epoch_ms(ms)", "spark", "TIMESTAMP_MILLIS(t.ms)"),
        ("date_diff('day', d, e)", "postgres", "(CAST(t.e AS DATE) - CAST(t.d AS DATE))"),
        ("date_diff('day', d, e)", "spark", "DATEDIFF(CAST(t.e AS DATE), CAST(t.d AS DATE))"),
        # sqlglot's own output would not run: made right (postgres_rules.py, spark_rules.py)
        ("sha256(s)", "postgres", "ENCODE(SHA256(CONVERT_TO(t.s, 'UTF8')), 'hex')"),
        ("mode(s)", "postgres", "MODE() WITHIN GROUP (ORDER BY t.s)"),
        ("quantile_cont(n, 0.9)", "spark", "PERCENTILE(t.n, 0.9)"),
        ("quantile_disc(n, 0.9)", "pyspark", "PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY t.n"),
        # DuckDB's fmt pattern in printf terms: it ran, with the braces left unfilled
        ("format('{} in {}: 5%', s, n)", "postgres", "FORMAT('%s in %s: 5%%', t.s, t.n)"),
        ("format('{} in {}', s, n)", "spark", "FORMAT_STRING('%s in %s', t.s, t.n)"),
        # ran on Spark with other values: Sunday is 0, full names, boundaries crossed
        ("dayofweek(d)", "spark", "(DAYOFWEEK(t.d) - 1)"),
        ("isodow(d)", "pyspark", "WEEKDAY(t.d) + 1"),
        ("dayname(d)", "spark", "DATE_FORMAT(t.d, 'EEEE')"),
        ("date_diff('month', d, e)", "spark", "(YEAR(t.e) - YEAR(t.d)) * 12 + (MONTH(t.e)"),
        ("skewness(n)", "spark", "SKEWNESS(t.n) * SQRT(COUNT(t.n) * (COUNT(t.n) - 1))"),
    ],
)
def test_duckdb_functions_are_translated(expr: str, dialect: str, translated: str) -> None:
    code = _one(expr, dialect)
    assert isinstance(code, str), code
    flat = re.sub(r"\s+", " ", code).replace("( ", "(").replace(" )", ")")
    assert translated in flat


@pytest.mark.parametrize(
    ("expr", "dialect", "function"),
    [
        ("dayname(d)", "postgres", "dayname()"),
        ("jaro_similarity(s, s)", "postgres", "jaro_similarity()"),
        ("jaro_similarity(s, s)", "spark", "jaro_similarity()"),
        ("jaro_similarity(s, s)", "pyspark", "jaro_similarity()"),
        ("geomean(n)", "spark", "geomean()"),
        ("regexp_extract(s, 'a(b)', 1)", "postgres", "regexp_extract()"),
        ("isodow(d)", "postgres", "isodow()"),
        ("try_cast(s AS INTEGER)", "postgres", "TRY_CAST"),
        ("bit_count(n)", "postgres", "bit_count()"),  # PostgreSQL's counts bits of bytea
        ("time_bucket(INTERVAL 7 DAY, d)", "postgres", "time_bucket()"),
        ("format('{:>8}', s)", "spark", "format() with the pattern '{:>8}'"),
        ("regexp_replace(s, 'a', 'b')", "spark", "regexp_replace() without the 'g' option"),
        ("date_diff('hour', d, e)", "pyspark", "date_diff() in hours"),
        ("hash(s)", "spark", "hash() gives other values in Spark"),
    ],
)
def test_functions_the_dialect_lacks_are_refused_by_name(
    expr: str, dialect: str, function: str
) -> None:
    refusal = _one(expr, dialect)
    assert isinstance(refusal, UsageError), f"compiled to:\n{refusal}"
    target = "PostgreSQL" if dialect == "postgres" else "Spark"
    assert refusal.message.startswith(f"the spec cannot be compiled for {target}: ")
    assert function in refusal.message
    assert refusal.hint


def test_list_aggregate_is_refused_in_every_dialect_as_no_spec_function() -> None:
    """list_aggregate names its aggregate as text (`'sum'`): outside what a spec may call, in
    every dialect, DuckDB's included."""
    for dialect in ("duckdb", "postgres", "spark", "pyspark"):
        refusal = _one("list_aggregate([n, n], 'sum')", dialect)
        assert isinstance(refusal, UsageError)
        assert "list_aggregate" in refusal.message


def test_the_postgres_server_list_is_used_when_given() -> None:
    """A server with an extension (fuzzystrmatch's levenshtein) may run what the shipped list
    of a bare server refuses."""
    columns = ["levenshtein(s, s) AS v"]
    spec = Spec.from_dict({"source_tables": ["t"], "columns": columns, "target_table": TARGET})
    refusal = compile_to(spec, SCHEMA, "postgres")
    assert isinstance(refusal, UsageError) and "levenshtein()" in refusal.message
    assert "--database" in (refusal.hint or "")  # compiled offline: says how to check the server
    tree = build_select(spec, SCHEMA)
    server = frozenset({"levenshtein"})
    assert "LEVENSHTEIN(t.s, t.s)" in render_sql(tree, "postgres", functions=server)


def test_cli_compile_refuses_with_exit_2_naming_function_and_dialect(
    retail_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    """`datamorph compile` exited 0 with code PostgreSQL could not run; now it refuses."""
    spec = tmp_path / "weekday.json"
    columns = ["o.order_id", "dayname(o.order_date) AS weekday"]
    body = {"source_tables": [{"name": "orders", "alias": "o"}], "columns": columns}
    spec.write_text(Spec.from_dict({**body, "target_table": TARGET}).to_json())
    argv = ["datamorph", "compile", "--spec", str(spec), "--database", str(retail_db)]
    codes, errors = {}, {}
    for dialect in ("duckdb", "spark", "postgres"):
        monkeypatch.setattr(sys, "argv", [*argv, "--dialect", dialect])
        with pytest.raises(SystemExit) as done:
            main()
        codes[dialect] = done.value.code or 0
        errors[dialect] = capsys.readouterr().err
    assert codes == {"duckdb": 0, "spark": 0, "postgres": 2}, errors
    assert "dayname() has no equivalent in PostgreSQL" in errors["postgres"]
    assert "Traceback" not in errors["postgres"]
