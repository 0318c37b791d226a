"""The generated PySpark, run: Spark against DuckDB, on the same small tables.

Each case's `build(spark)` runs in a local Spark session, and its rows are compared with the
same spec compiled to SQL and run in DuckDB. The Spark session is module-scoped and starts
once: keep every test that needs it in this module.

Compile honestly, on Spark: the specs of the suite and the battery of DuckDB functions
(compile_battery.py, as test_compile_dialects.py runs them on DuckDB and PostgreSQL) compiled
for Spark SQL and for PySpark either run in the session or are refused naming the function.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from compile_battery import TPCH_SCHEMA, Case, check_dialect, duckdb_rows, runnable_suite
from datamorph.catalog import Catalog
from datamorph.codegen.dialect_check import shipped_functions
from datamorph.codegen.pyspark import compile_pyspark
from datamorph.codegen.sql import compile_sql
from datamorph.engines.duckdb import DuckDBEngine
from pyspark_cases import CASES, DATA, SCHEMA, SPARK_TYPES
from rows import close

pytestmark = pytest.mark.xdist_group("spark_codegen")  # one session, on one worker

# ---- running it: Spark against DuckDB --------------------------------------------------------


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    if shutil.which("java") is None:
        pytest.skip("java is not installed: cannot start Spark")
    pyspark_sql = pytest.importorskip("pyspark.sql")
    session = (
        pyspark_sql.SparkSession.builder.master("local[1]")
        .appName("datamorph-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    for table, rows in DATA.items():
        ddl = ", ".join(f"{c} {SPARK_TYPES[t]}" for c, t in SCHEMA[table].items())
        session.createDataFrame(rows, schema=ddl).createOrReplaceTempView(table)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def duck() -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect()
    for table, rows in DATA.items():
        columns = SCHEMA[table]
        con.execute(f"CREATE TABLE {table} ({', '.join(f'{c} {t}' for c, t in columns.items())})")
        con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})", rows)
    yield con
    con.close()


def _normal(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [tuple(round(v, 6) if isinstance(v, float) else v for v in row) for row in rows]


def _sort_key(row: tuple[Any, ...]) -> tuple[tuple[bool, Any], ...]:
    return tuple((True, 0) if v is None else (False, v) for v in row)


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
@pytest.mark.parametrize("name", CASES)
def test_spark_matches_duckdb(name: str, spark: Any, duck: duckdb.DuckDBPyConnection) -> None:
    case, ordered = CASES[name]
    namespace: dict[str, Any] = {"__name__": "generated_job"}
    exec(compile(compile_pyspark(case, SCHEMA), f"<{name}>", "exec"), namespace)
    result = namespace["build"](spark)
    spark_rows = _normal([tuple(row) for row in result.collect()])

    cursor = duck.execute(compile_sql(case, SCHEMA, "duckdb"))
    duck_columns = [d[0] for d in cursor.description]
    duck_rows = _normal(cursor.fetchall())

    assert [c.lower() for c in result.columns] == [c.lower() for c in duck_columns]
    assert duck_rows, "the case should return rows"
    if not ordered:
        spark_rows, duck_rows = sorted(spark_rows, key=_sort_key), sorted(duck_rows, key=_sort_key)
    assert close(spark_rows, duck_rows), f"\nspark:  {spark_rows}\nduckdb: {duck_rows}"


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
@pytest.mark.parametrize("name", CASES)
def test_spark_sql_dialect_matches_duckdb(
    name: str, spark: Any, duck: duckdb.DuckDBPyConnection
) -> None:
    """The `spark` SQL rendering (QUALIFY rewritten, null order explicit) runs the same."""
    case, ordered = CASES[name]
    result = spark.sql(compile_sql(case, SCHEMA, "spark"))
    spark_rows = _normal([tuple(row) for row in result.collect()])
    cursor = duck.execute(compile_sql(case, SCHEMA, "duckdb"))
    duck_rows = _normal(cursor.fetchall())
    assert [c.lower() for c in result.columns] == [d[0].lower() for d in cursor.description]
    if not ordered:
        spark_rows, duck_rows = sorted(spark_rows, key=_sort_key), sorted(duck_rows, key=_sort_key)
    assert close(spark_rows, duck_rows), f"\nspark:  {spark_rows}\nduckdb: {duck_rows}"


# ---- every spec of the suite, and the function battery ---------------------------------------


def _spark_type(duckdb_type: str) -> str:
    return {"VARCHAR": "STRING", "INTEGER": "INT"}.get(duckdb_type, duckdb_type)


@pytest.fixture(scope="module")
def suite_sessions(spark: Any, retail_template: Path) -> dict[str, Any]:
    """The module's Spark with the retail tables, and with empty TPC-H tables: a session each
    (their own temporary views: TPC-H's `orders` is not the retail one, nor the cases')."""
    retail, tpch = spark.newSession(), spark.newSession()
    with duckdb.connect(str(retail_template), read_only=True) as con:
        for (table,) in con.execute("SHOW TABLES").fetchall():
            columns = con.execute(f"DESCRIBE {table}").fetchall()
            ddl = ", ".join(f"{c[0]} {_spark_type(c[1])}" for c in columns)
            rows = con.execute(f"SELECT * FROM {table}").fetchall()
            retail.createDataFrame(rows, schema=ddl).createOrReplaceTempView(table)
    for table, columns in TPCH_SCHEMA.items():
        ddl = ", ".join(f"{c} {_spark_type(t)}" for c, t in columns.items())
        tpch.createDataFrame([], schema=ddl).createOrReplaceTempView(table)
    return {"retail": retail, "tpch": tpch}


@pytest.fixture(scope="module")
def retail_catalog_ro(retail_template: Path) -> Catalog:
    with DuckDBEngine(retail_template, read_only=True) as engine:
        return engine.catalog(samples=0)


@pytest.mark.slow
def test_the_shipped_function_list_is_the_pinned_sparks(spark: Any) -> None:
    """bench/dialect_functions.py read it from this Spark; re-run it when pyspark changes."""
    listed = {str(row[0]).lower() for row in spark.sql("SHOW FUNCTIONS").collect()}
    assert shipped_functions("spark") == listed


# Spark takes about a second a query on two busy cores: every retail spec of the suite, and a
# sample of the rest (TPC-H specs of each shape; of the hostile controls, one spec with a
# benign expression in each slot, a few slots). DuckDB and PostgreSQL run them all.
SPARK_SAMPLE = ("tpch/q01", "tpch/q05", "tpch/q18", "literal_words", "slot-qualify", "step-source")


def spark_sample(retail: Catalog) -> list[Case]:
    return [
        case
        for case in runnable_suite(retail)
        if not case.id.startswith(("spec-ok-", "tpch/")) or case.id.endswith(SPARK_SAMPLE)
    ]


def _run_sql(sessions: dict[str, Any]) -> Any:
    return lambda tables, code: sessions[tables].sql(code).collect()


def _run_script(sessions: dict[str, Any]) -> Any:
    def run(tables: str, code: str) -> Any:
        namespace: dict[str, Any] = {"__name__": "generated_job"}
        exec(compile(code, "<generated>", "exec"), namespace)
        return namespace["build"](sessions[tables]).collect()

    return run


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")
@pytest.mark.parametrize("dialect", ["spark", "pyspark"])
def test_what_compiles_for_spark_runs_there(
    dialect: str, suite_sessions: dict[str, Any], retail_template: Path, retail_catalog_ro: Catalog
) -> None:
    """...and each function of the battery gives DuckDB's values (compile_battery.py lists
    those that may not, and why)."""
    run = _run_sql(suite_sessions) if dialect == "spark" else _run_script(suite_sessions)
    catalogs: dict[str, Any] = {"retail": retail_catalog_ro, "tpch": TPCH_SCHEMA}
    reference = duckdb_rows(retail_template, retail_catalog_ro)
    counts = check_dialect(dialect, catalogs, run, spark_sample(retail_catalog_ro), reference)
    assert counts["compiled"] >= 5 * counts["refused"], counts
