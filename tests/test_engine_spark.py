"""The Spark engine's first part, on a real local session: a persistent catalog, staging, a
publish that switches a view (readers see old or new rows), queries under a time limit, errors
classified by SQLSTATE, and the retail specs giving DuckDB's rows. One session for the module:
starting Spark costs seconds."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from datamorph.codegen.sql import compile_sql
from datamorph.engines.base import EngineError, ErrorCategory
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.engines.transfer import copy_tables
from datamorph.errors import UsageError
from datamorph.spec import Spec
from datamorph.spec.model import TargetTable
from rows import plain

pytestmark = [
    pytest.mark.xdist_group("spark_engine"),  # one session, on one worker
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]
SPECS = sorted(
    p for p in (Path(__file__).parent / "specs").glob("*.json") if "schema" not in p.name
)
TABLES = ("customers", "orders", "order_items", "payments", "products")


@pytest.fixture(scope="module")
def spark_engine(retail_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if shutil.which("java") is None:
        pytest.skip("java is not installed: cannot start Spark")
    pytest.importorskip("pyspark")
    from datamorph.engines.spark import SparkEngine

    root = tmp_path_factory.mktemp("spark")
    engine = SparkEngine("local[2]", warehouse=root / "warehouse")
    copy_tables(retail_template, TABLES, engine, root)
    yield engine
    engine.spark.stop()


def test_the_catalog_lists_the_loaded_tables(spark_engine: Any) -> None:
    catalog = spark_engine.catalog(samples=2)
    assert set(TABLES) <= set(catalog.table_names)
    orders = catalog.table("orders")
    assert orders.row_count and len(orders.samples) == 2
    assert {c.name for c in orders.columns} >= {"order_id", "customer_id", "amount"}
    assert not [n for n in catalog.table_names if n.startswith("_dm_")]


@pytest.mark.parametrize("spec_path", SPECS, ids=[p.stem for p in SPECS])
def test_every_retail_spec_gives_duckdb_s_rows(
    spec_path: Path, spark_engine: Any, retail_db: Path
) -> None:
    spec = Spec.from_json(spec_path.read_text())
    catalog = spark_engine.catalog(samples=0)
    staging = spark_engine.build_staging(compile_sql(spec, catalog, "spark"), f"t_{spec_path.stem}")
    spark_engine.publish(staging, TargetTable(name=f"t_{spec_path.stem}"))
    got = spark_engine.query(f"SELECT * FROM t_{spec_path.stem}").rows
    with DuckDBEngine(retail_db, read_only=True) as duck:
        expected = duck.query(compile_sql(spec, duck.catalog(samples=0))).rows
    assert plain(got) == plain(expected)


def test_publish_switches_a_view_and_drops_the_old_version(spark_engine: Any) -> None:
    first = spark_engine.build_staging("SELECT 1 AS x", "run_a")
    spark_engine.publish(first, TargetTable(name="switched"))
    second = spark_engine.build_staging("SELECT 2 AS x UNION ALL SELECT 3", "run_b")
    result = spark_engine.publish(second, TargetTable(name="switched"))
    assert result.replaced and spark_engine.query("SELECT x FROM switched ORDER BY x").rows == [
        (2,),
        (3,),
    ]
    versions = [
        t.name
        for t in spark_engine.spark.catalog.listTables()
        if t.name.startswith("_dm_v_switched")
    ]
    assert versions == ["_dm_v_switched_run_b"]


def test_a_failed_staging_leaves_the_target_as_it_was(spark_engine: Any) -> None:
    spark_engine.publish(
        spark_engine.build_staging("SELECT 7 AS x", "run_c"), TargetTable(name="kept")
    )
    with pytest.raises(EngineError):
        spark_engine.build_staging("SELECT no_such_column FROM orders", "run_d")
    assert spark_engine.query("SELECT x FROM kept").rows == [(7,)]


@pytest.mark.parametrize(
    ("sql", "category", "sqlstate"),
    [
        ("SELECT no_such_column FROM orders", ErrorCategory.SCHEMA_MISMATCH, "42703"),
        ("SELECT * FROM no_such_table", ErrorCategory.SCHEMA_MISMATCH, "42P01"),
        ("SELECT 1 / 0", ErrorCategory.DATA_ERROR, "22012"),
        ("SELECT CAST('x' AS INT)", ErrorCategory.DATA_ERROR, "22018"),
    ],
)
def test_errors_are_classified_by_sqlstate(
    spark_engine: Any, sql: str, category: ErrorCategory, sqlstate: str
) -> None:
    with pytest.raises(EngineError) as caught:
        spark_engine.query(sql)
    assert caught.value.category is category
    assert caught.value.native_code == f"sqlstate:{sqlstate}"
    assert "\n" not in caught.value.message


def test_queries_are_one_select_and_stop_at_their_time_limit(spark_engine: Any) -> None:
    with pytest.raises(UsageError, match="only SELECT"):
        spark_engine.query("DROP TABLE orders")
    with pytest.raises(EngineError) as caught:
        spark_engine.query(
            "SELECT count(*) FROM order_items a, order_items b, order_items c", timeout=1.0
        )
    assert caught.value.message.startswith("the query timed out after 1.0 s")
    assert caught.value.category is ErrorCategory.TRANSIENT
    assert spark_engine.query("SELECT count(*) AS n FROM orders").rows[0][0] > 0


def test_append_adds_a_version_and_rewrites_no_published_row(spark_engine: Any) -> None:
    first = spark_engine.build_staging("SELECT 1 AS x", "run_e")
    spark_engine.publish(first, TargetTable(name="appended"))
    second = spark_engine.build_staging("SELECT 2 AS x", "run_f")
    result = spark_engine.publish(second, TargetTable(name="appended", mode="append"))
    assert result.rows == 2 and result.replaced
    assert spark_engine.query("SELECT x FROM appended ORDER BY x").rows == [(1,), (2,)]
    assert spark_engine._current_versions("appended") == [
        "_dm_v_appended_run_e",
        "_dm_v_appended_run_f",
    ]
    assert spark_engine.cleanup_leftovers(set()) == []  # both versions are read by the view


def test_cleanup_restores_a_dead_run_s_backup_and_spares_a_live_run_s_version(
    spark_engine: Any,
) -> None:
    """A run killed after moving a plain target aside (before the view) left a backup marked
    with the target's name: the next cleanup renames it back. A version of a run still going
    (renamed, view not switched yet) is not an orphan."""
    spark_engine.execute("CREATE TABLE plain_target USING parquet AS SELECT 5 AS x")
    spark_engine.execute("ALTER TABLE plain_target RENAME TO _dm_backup_run_g")
    spark_engine.execute(
        "ALTER TABLE _dm_backup_run_g SET TBLPROPERTIES ('datamorph.backup_of' = 'plain_target')"
    )
    spark_engine.execute("CREATE TABLE _dm_v_other_run_h USING parquet AS SELECT 1 AS x")
    dropped = spark_engine.cleanup_leftovers({"run-h"})
    assert "_dm_backup_run_g" not in dropped and "_dm_v_other_run_h" not in dropped
    assert spark_engine.query("SELECT x FROM plain_target").rows == [(5,)]
    assert spark_engine.cleanup_leftovers(set()) == ["_dm_v_other_run_h"]


def test_validation_takes_a_null_group_as_a_group_and_checks_a_window_qualify(
    spark_engine: Any, tmp_path: Path
) -> None:
    """Issue 15 on Spark: row_diff matches a NULL group key null-safely, and the qualify the
    monitor's deduplication adds is checked in a sub-query (Spark SQL has no QUALIFY)."""
    import duckdb

    from datamorph.validation import validate

    source = tmp_path / "issue15.duckdb"
    with duckdb.connect(str(source)) as con:
        con.execute(
            "CREATE TABLE sales AS SELECT * FROM (VALUES (1, 'east', 10.0), (2, NULL, 5.0), "
            "(3, 'west', 7.0), (4, NULL, 3.0), (5, 'east', 2.0)) t(id, region, amount)"
        )
    copy_tables(source, ["sales"], spark_engine, tmp_path)
    catalog = spark_engine.catalog(samples=0)
    keep_first = 'row_number() OVER (PARTITION BY "region" ORDER BY "region", "total") = 1'
    spec = Spec.from_dict(
        {
            "source_tables": ["sales"],
            "group_by": ["region"],
            "aggregations": [{"name": "total", "expr": "sum(amount)"}],
            "qualify": [keep_first],
            "target_table": {"name": "sales_by_region", "keys": ["region"]},
        }
    )
    staging = spark_engine.build_staging(compile_sql(spec, catalog, "spark"), "issue15")
    try:
        report = validate(spark_engine, spec, staging.name, catalog)
    finally:
        spark_engine.drop_staging(staging)
    found = {c.name: c for c in report.checks}
    assert report.status == "pass", report.to_markdown()
    assert (found["row_diff (region)"].status, found["row_diff (region)"].observed) == ("pass", 0)
    assert found["qualify[0]"].status == "pass"


def test_load_applies_its_options_before_spark_reads_the_rows(
    spark_engine: Any, tmp_path: Path
) -> None:
    import datetime as dt
    from decimal import Decimal

    from datamorph.loading import SchemaMismatch, load_into

    csv = tmp_path / "rates.csv"
    csv.write_text("id,day,amount\n1,2024-05-01,1.25\n2,31/12/2024,n/a\n3,2024-05-03,3.50\n")
    options: dict[str, Any] = {"types": {"amount": "DECIMAL(10,2)"}, "nulls": ["n/a"]}
    report = load_into(spark_engine, csv, "load_rates", date_format="%d/%m/%Y", **options)
    assert report.rows == 3 and not report.dirt
    rows = spark_engine.query("SELECT id, day, amount FROM load_rates ORDER BY id").rows
    assert [tuple(row) for row in rows] == [
        (1, dt.date(2024, 5, 1), Decimal("1.25")),
        (2, dt.date(2024, 12, 31), None),
        (3, dt.date(2024, 5, 3), Decimal("3.50")),
    ]
    (tmp_path / "more.csv").write_text("id,day\n4,2024-06-01\n")
    with pytest.raises(SchemaMismatch, match="missing: amount"):
        load_into(spark_engine, tmp_path / "more.csv", "load_rates", append=True)
    assert spark_engine.query("SELECT count(*) FROM load_rates").rows[0][0] == 3
