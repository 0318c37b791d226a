"""The generated PySpark, run: Spark against DuckDB, on the same small tables.

Each case's `build(spark)` runs in a local Spark session, and its rows are compared with the
same spec compiled to SQL and run in DuckDB. The Spark session is module-scoped and starts
once: keep every test that needs it in this module.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import duckdb
import pytest

from datamorph.codegen.pyspark import compile_pyspark
from datamorph.codegen.sql import compile_sql
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
