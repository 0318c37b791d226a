"""The PySpark compiler: scripts that parse, read like Spark, and agree with the SQL compiler.

The slow tests run each generated `build(spark)` in a local Spark session and compare its rows
with the same spec compiled to SQL and run in DuckDB, on the same small tables.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib.util
import math
import shutil
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import duckdb
import pytest

from datamorph.codegen.pyspark import compile_pyspark
from datamorph.codegen.sql import compile_sql
from datamorph.spec import Spec, SpecError

SCHEMA: dict[str, dict[str, str]] = {
    "customers": {
        "customer_id": "INTEGER",
        "customer_name": "VARCHAR",
        "region": "VARCHAR",
        "signup_date": "DATE",
    },
    "orders": {
        "order_id": "INTEGER",
        "customer_id": "INTEGER",
        "amount": "DOUBLE",
        "discount": "DOUBLE",
        "status": "VARCHAR",
        "order_date": "DATE",
    },
}
SPARK_TYPES = {"INTEGER": "INT", "VARCHAR": "STRING", "DATE": "DATE", "DOUBLE": "DOUBLE"}

CUSTOMERS = [
    (1, "Ada", "north", dt.date(2023, 1, 5)),
    (2, "Ben", "south", dt.date(2023, 2, 1)),
    (3, "O'Brien", "north", dt.date(2023, 3, 9)),
    (4, "Dev", None, dt.date(2023, 4, 2)),
    (5, 'Eve "the" Quiet', "east", dt.date(2023, 5, 7)),
    (6, "Farid", "south", None),
]
ORDERS = [
    (10, 1, 500.0, 20.0, "completed", dt.date(2024, 1, 3)),
    (11, 1, 700.0, None, "completed", dt.date(2024, 1, 20)),
    (12, 1, 90.5, 0.5, "cancelled", dt.date(2024, 2, 2)),
    (13, 2, 1200.0, 100.0, "completed", dt.date(2024, 2, 14)),
    (14, 2, 30.0, None, "pending", dt.date(2024, 3, 1)),
    (15, 3, 250.0, None, "completed", dt.date(2024, 3, 5)),
    (16, 3, 250.0, 10.0, "completed", dt.date(2024, 3, 6)),
    (17, 3, 40.0, None, "shipped", dt.date(2024, 3, 7)),
    (18, 4, 999.0, 9.0, "completed", dt.date(2024, 4, 1)),
    (19, 5, 15.0, None, None, dt.date(2024, 4, 2)),
    (20, 99, 60.0, None, "completed", dt.date(2024, 4, 3)),
]
DATA = {"customers": CUSTOMERS, "orders": ORDERS}

TARGET = {"name": "result"}
CO = [{"name": "customers", "alias": "c"}, {"name": "orders", "alias": "o"}]
ON = "c.customer_id = o.customer_id"


def spec(**fields: Any) -> Spec:
    return Spec.from_dict({"description": "test", "target_table": TARGET, **fields})


# name -> (spec, compare in order?)
CASES: dict[str, tuple[Spec, bool]] = {
    "join_filter_group_having_order": (
        spec(
            description='Per customer totals ("completed" only) \\ with """ quotes',
            source_tables=CO,
            join_conditions=[{"left": "c", "right": "o", "type": "left", "on": ON}],
            filters=["o.status = 'completed'", "c.customer_name <> 'Nobody''s'"],
            transformations=[{"name": "net", "expr": "o.amount - coalesce(o.discount, 0)"}],
            group_by=["c.customer_id", "c.customer_name"],
            aggregations=[
                {"name": "total_amount", "expr": "sum(net)"},
                {"name": "order_count", "expr": "count(o.order_id)"},
            ],
            having=["total_amount > 400"],
            order_by=[{"expr": "total_amount", "desc": True}],
        ),
        True,
    ),
    "aggregate_without_group_by": (
        spec(
            source_tables=["orders"],
            filters=["status IS NOT NULL"],
            aggregations=[
                {"name": "total", "expr": "sum(amount)"},
                {"name": "orders", "expr": "count(*)"},
                {"name": "average", "expr": "total / orders"},
                {"name": "discounted", "expr": "count(*) FILTER (WHERE discount > 0)"},
            ],
        ),
        False,
    ),
    "rows_with_columns_order_limit": (
        spec(
            source_tables=CO,
            join_conditions=[{"left": "c", "right": "o", "on": ON}],
            transformations=[{"name": "year", "expr": "extract(year FROM o.order_date)"}],
            columns=["o.order_id", "c.customer_name AS name", "o.amount * 2 AS doubled", "year"],
            order_by=["doubled desc", "o.order_date", {"expr": "o.order_id"}],
            limit=5,
        ),
        True,
    ),
    "order_by_source_column_not_in_output": (
        spec(
            source_tables=CO,
            join_conditions=[{"left": "c", "right": "o", "on": ON}],
            columns=["o.order_id", "upper(c.customer_name) AS shout"],
            order_by=[{"expr": "o.amount", "desc": True}, "o.order_id"],
            limit=4,
        ),
        True,
    ),
    "steps_semi_and_anti_join": (
        spec(
            steps=[
                {
                    "name": "big_spenders",
                    "source_tables": ["orders"],
                    "group_by": ["customer_id"],
                    "aggregations": [{"name": "spent", "expr": "sum(amount)"}],
                    "having": ["spent >= 500", "count(*) > 1"],
                },
                {
                    "name": "cancelled",
                    "source_tables": ["orders"],
                    "filters": ["status = 'cancelled'"],
                    "columns": ["customer_id"],
                    "distinct": True,
                },
            ],
            source_tables=[*CO[:1], {"name": "big_spenders", "alias": "b"}, "cancelled"],
            join_conditions=[
                {"left": "c", "right": "b", "type": "semi", "on": "c.customer_id = b.customer_id"},
                {
                    "left": "c",
                    "right": "cancelled",
                    "type": "anti",
                    "on": "c.customer_id = cancelled.customer_id",
                },
            ],
            columns=["c.customer_id", "c.customer_name"],
        ),
        False,
    ),
    "qualify_window_rows": (
        spec(
            source_tables=CO,
            join_conditions=[{"left": "c", "right": "o", "on": ON}],
            columns=[
                "c.customer_name",
                "o.order_id",
                "row_number() OVER (PARTITION BY c.customer_id ORDER BY o.amount DESC,"
                " o.order_id) AS rn",
                "count(*) OVER (PARTITION BY c.customer_id) AS customer_orders",
            ],
            qualify=["rn <= 2"],
            order_by=["c.customer_name", "rn"],
        ),
        True,
    ),
    "qualify_rank_of_aggregates": (
        spec(
            source_tables=CO,
            join_conditions=[{"left": "c", "right": "o", "on": ON}],
            group_by=["c.region"],
            aggregations=[{"name": "revenue", "expr": "sum(o.amount)"}],
            columns=[
                "region",
                "revenue",
                "round(revenue / sum(sum(o.amount)) OVER (), 4) AS share",
            ],
            qualify=["rank() OVER (ORDER BY sum(o.amount) DESC) <= 2"],
            order_by=[{"expr": "revenue", "desc": True}],
        ),
        True,
    ),
    "distinct": (
        spec(
            source_tables=CO,
            join_conditions=[{"left": "c", "right": "o", "on": ON}],
            columns=["c.region", "o.status"],
            distinct=True,
            order_by=[{"expr": "region", "nulls_first": True}, {"expr": "status", "desc": True}],
        ),
        True,
    ),
    "hidden_aggregates_and_full_join": (
        spec(
            source_tables=CO,
            join_conditions=[{"left": "c", "right": "o", "type": "full", "on": ON}],
            group_by=["coalesce(c.region, 'none') AS region"],
            aggregations=[{"name": "total", "expr": "sum(o.amount)"}],
            columns=['region AS "order"', "round(total / count(o.order_id), 2) AS avg_amount"],
            having=["count(*) > 1"],
            order_by=[{"expr": "max(o.amount)", "desc": True}],
        ),
        True,
    ),
    "group_by_only_and_right_join": (
        spec(
            source_tables=CO,
            join_conditions=[{"left": "c", "right": "o", "type": "right", "on": ON}],
            group_by=["o.status", "c.region IS NULL AS unknown_region"],
            order_by=[{"expr": "status", "nulls_first": True}, "unknown_region"],
        ),
        True,
    ),
    "order_by_window_output_and_source_column": (
        spec(
            source_tables=CO,
            join_conditions=[{"left": "c", "right": "o", "on": ON}],
            columns=["o.order_id", "row_number() OVER (ORDER BY o.amount DESC, o.order_id) AS rn"],
            order_by=["rn", "o.customer_id"],
        ),
        True,
    ),
    "aggregate_in_columns_only": (
        spec(source_tables=["orders"], columns=["count(*) AS n", "max(amount) AS top"]),
        False,
    ),
    "self_join": (
        spec(
            source_tables=[{"name": "orders", "alias": "a"}, {"name": "orders", "alias": "b"}],
            join_conditions=[
                {"left": "a", "right": "b", "on": "a.customer_id = b.customer_id"},
                {"left": "a", "right": "b", "on": "a.order_id < b.order_id"},
            ],
            columns=["a.order_id AS first_id", "b.order_id AS second_id"],
        ),
        False,
    ),
    "reserved_names": (
        spec(
            source_tables=["orders"],
            transformations=[{"name": "group", "expr": "upper(status)"}],
            group_by=['"group"'],
            aggregations=[{"name": "select", "expr": "count(*)"}],
            having=['"select" >= 1'],
            order_by=['"group"'],
        ),
        True,
    ),
}


# ---- the script ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("glue", [False, True])
def test_script_parses(name: str, glue: bool) -> None:
    code = compile_pyspark(CASES[name][0], SCHEMA, glue=glue)
    ast.parse(code)
    assert "def build(spark: SparkSession) -> DataFrame:" in code
    assert code == compile_pyspark(CASES[name][0], SCHEMA, glue=glue)  # deterministic


@pytest.mark.parametrize("name", CASES)
def test_plain_script_imports_only_pyspark(name: str) -> None:
    tree = ast.parse(compile_pyspark(CASES[name][0], SCHEMA))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            modules.add(node.module or "")
    assert {m.split(".")[0] for m in modules} <= {"pyspark"} | set(sys.stdlib_module_names)


@pytest.mark.parametrize("glue", [False, True])
def test_scripts_are_already_formatted(glue: bool) -> None:
    """Black-style output (checked with ruff format), so golden files diff cleanly."""
    if importlib.util.find_spec("ruff") is None:
        pytest.skip("ruff is not installed")
    for name, (case, _) in CASES.items():
        code = compile_pyspark(case, SCHEMA, glue=glue)
        command = [sys.executable, "-m", "ruff", "format", "--isolated", "--line-length=100", "-"]
        done = subprocess.run(command, input=code, capture_output=True, text=True, check=True)
        assert done.stdout == code, name


def _function_source(code: str, name: str) -> str:
    tree = ast.parse(code)
    found = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name]
    assert found, name
    return ast.get_source_segment(code, found[0]) or ""


def test_glue_variant() -> None:
    case = CASES["steps_semi_and_anti_join"][0]
    code = compile_pyspark(case, SCHEMA, glue=True, glue_database="sales")
    plain = compile_pyspark(case, SCHEMA)
    for needle in (
        "from awsglue.context import GlueContext",
        "from awsglue.job import Job",
        "from awsglue.utils import getResolvedOptions",
        'args = getResolvedOptions(sys.argv, ["JOB_NAME"])',
        "glueContext = GlueContext(sc)",
        'job.init(args["JOB_NAME"], args)',
        "create_dynamic_frame.from_catalog(",
        'GLUE_DATABASE = "sales"',
        'SOURCE_TABLES = ["customers", "orders"]',  # steps are not read from the catalog
        'TARGET_TABLE = "sales.result"',
        "job.commit()",
    ):
        assert needle in code
    assert "awsglue" not in plain
    assert code.index("register_sources(glueContext)") < code.index("build(spark).write")
    for function in ("build", "step_big_spenders", "step_cancelled"):
        assert _function_source(code, function) == _function_source(plain, function)


def test_plain_main_writes_target_with_mode() -> None:
    base = CASES["distinct"][0].model_dump()
    appended = Spec.from_dict({**base, "target_table": {"name": "result", "mode": "append"}})
    assert '.write.mode("overwrite").saveAsTable("result")' in compile_pyspark(
        CASES["distinct"][0], SCHEMA
    )
    code = compile_pyspark(appended, SCHEMA)
    assert '.write.mode("append").saveAsTable("result")' in code
    assert 'SparkSession.builder.appName("datamorph-result").getOrCreate()' in code
    assert 'if __name__ == "__main__":\n    main()' in code


def test_reads_like_spark() -> None:
    code = compile_pyspark(CASES["join_filter_group_having_order"][0], SCHEMA)
    assert 'df = spark.table("customers").alias("c")' in code
    assert (
        'df.join(spark.table("orders").alias("o"), F.expr("c.customer_id = o.customer_id"), "left")'
        in code
    )
    assert """df = df.where(F.expr("o.status = 'completed'"))""" in code
    assert 'F.expr("SUM(o.amount - COALESCE(o.discount, 0))").alias("total_amount")' in code
    assert 'df = df.where(F.expr("total_amount > 400"))' in code  # having over the agg name
    assert 'df = df.orderBy(F.col("total_amount").desc_nulls_last())' in code
    assert "Window" not in code
    lines = code.splitlines()
    assert max(len(line) for line in lines) <= 100


def test_having_and_order_on_unnamed_aggregates_use_hidden_columns() -> None:
    code = compile_pyspark(CASES["hidden_aggregates_and_full_join"][0], SCHEMA)
    assert 'F.expr("COUNT(*)").alias("_dm_agg0")' in code
    assert 'df = df.where(F.expr("_dm_agg0 > 1"))' in code
    # The order item is not an output: sorted before the select drops the hidden column.
    assert code.index("df = df.orderBy(") < code.index("df = df.select(")
    assert 'F.col("region").alias("order")' in code


def test_semi_and_anti_join_types() -> None:
    code = compile_pyspark(CASES["steps_semi_and_anti_join"][0], SCHEMA)
    assert '"left_semi"' in code and '"left_anti"' in code
    assert 'step_big_spenders(spark).createOrReplaceTempView("big_spenders")' in code


def test_spec_with_problems_raises() -> None:
    bad = spec(source_tables=["customers"], columns=["no_such_column"])
    with pytest.raises(SpecError):
        compile_pyspark(bad, SCHEMA)


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


def _close(a: list[tuple[Any, ...]], b: list[tuple[Any, ...]]) -> bool:
    if len(a) != len(b):
        return False
    for row_a, row_b in zip(a, b, strict=True):
        for x, y in zip(row_a, row_b, strict=True):
            if isinstance(x, float) and isinstance(y, float):
                if not math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9):
                    return False
            elif x != y:
                return False
    return True


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
    assert _close(spark_rows, duck_rows), f"\nspark:  {spark_rows}\nduckdb: {duck_rows}"


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
    assert _close(spark_rows, duck_rows), f"\nspark:  {spark_rows}\nduckdb: {duck_rows}"
