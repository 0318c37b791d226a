"""The DuckDB engine: catalog, staging, atomic publish, leftovers, error mapping, loading."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from datamorph.engines import DatabaseLocation, database_for, open_engine, parse_database
from datamorph.engines.base import EngineError, ErrorCategory, require_select
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.errors import ConfigurationError, NotFoundError, UsageError
from datamorph.spec import TargetTable


def test_catalog_reads_types_keys_counts_and_samples(retail_engine: DuckDBEngine) -> None:
    catalog = retail_engine.catalog(samples=2)
    assert {"customers", "orders", "order_items", "products", "payments"} <= set(catalog.tables)
    orders = catalog.table("orders")
    assert orders.primary_key == ("order_id",)
    assert orders.column("amount").type.startswith("DECIMAL")
    assert orders.column("order_id").nullable is False
    (count,) = retail_engine.execute("SELECT count(*) FROM orders").fetchone() or (0,)
    assert orders.row_count == count
    assert len(orders.samples) == 2 and set(orders.samples[0]) == set(orders.column_names)
    assert catalog.functions is not None and "sum" in catalog.functions


def test_catalog_profile_lists_frequent_values(retail_engine: DuckDBEngine) -> None:
    status = retail_engine.catalog(samples=0, profile=True).table("orders").column("status")
    assert status.profile is not None
    assert "completed" in status.profile.top_values
    assert status.profile.top_values[0] == "completed"  # the most frequent status comes first


def test_catalog_hides_staging_tables(retail_engine: DuckDBEngine) -> None:
    retail_engine.build_staging("SELECT 1 AS x", "run-1")
    assert not any(name.startswith("_dm_") for name in retail_engine.catalog(samples=0).tables)


def test_publish_replace_swaps_in_the_new_table(retail_engine: DuckDBEngine) -> None:
    target = TargetTable(name="summary")
    first = retail_engine.publish(retail_engine.build_staging("SELECT 1 AS x", "r1"), target)
    second = retail_engine.publish(
        retail_engine.build_staging("SELECT 2 AS x UNION ALL SELECT 3", "r2"), target
    )
    assert (first.replaced, second.replaced) == (False, True)
    assert retail_engine.query("SELECT x FROM summary ORDER BY x").rows == [(2,), (3,)]
    assert retail_engine.cleanup_leftovers(set()) == []  # nothing left behind


def test_publish_append_adds_rows_by_name(retail_engine: DuckDBEngine) -> None:
    target = TargetTable(name="events_log", mode="append")
    retail_engine.publish(retail_engine.build_staging("SELECT 1 AS a, 'x' AS b", "r1"), target)
    result = retail_engine.publish(
        retail_engine.build_staging("SELECT 'y' AS b, 2 AS a", "r2"), target
    )
    assert result.rows == 2
    assert retail_engine.query("SELECT a, b FROM events_log ORDER BY a").rows == [
        (1, "x"),
        (2, "y"),
    ]


def test_failed_publish_leaves_the_previous_target_intact(retail_engine: DuckDBEngine) -> None:
    retail_engine.publish(retail_engine.build_staging("SELECT 1 AS a", "r1"), TargetTable(name="t"))
    # Appending rows whose columns do not exist in the target fails inside the transaction.
    staging = retail_engine.build_staging("SELECT 1 AS a, 2 AS unknown_column", "r2")
    with pytest.raises(EngineError):
        retail_engine.publish(staging, TargetTable(name="t", mode="append"))
    assert retail_engine.query("SELECT * FROM t").rows == [(1,)]
    assert not retail_engine.table_exists("_dm_backup_r2")


def test_views_on_the_target_follow_the_swap(retail_engine: DuckDBEngine) -> None:
    retail_engine.publish(retail_engine.build_staging("SELECT 1 AS a", "r1"), TargetTable(name="t"))
    retail_engine.execute("CREATE VIEW t_view AS SELECT * FROM t")
    retail_engine.publish(retail_engine.build_staging("SELECT 9 AS a", "r2"), TargetTable(name="t"))
    assert retail_engine.query("SELECT * FROM t_view").rows == [(9,)]
    assert not retail_engine.table_exists("_dm_backup_r2")


def test_cleanup_drops_leftovers_of_inactive_runs_only(retail_engine: DuckDBEngine) -> None:
    retail_engine.build_staging("SELECT 1 AS x", "20260101-000000-aaaaaa")
    retail_engine.build_staging("SELECT 1 AS x", "20260101-000000-bbbbbb")
    dropped = retail_engine.cleanup_leftovers({"20260101-000000-bbbbbb"})
    assert dropped == ["_dm_stage_20260101_000000_aaaaaa"]
    assert retail_engine.table_exists("_dm_stage_20260101_000000_bbbbbb")


@pytest.mark.parametrize(
    ("sql", "category", "native"),
    [
        ("SELECT nope FROM orders", ErrorCategory.SCHEMA_MISMATCH, "BinderException"),
        ("SELECT * FROM nope", ErrorCategory.SCHEMA_MISMATCH, "CatalogException"),
        ("SELECT foo(1)", ErrorCategory.CODE_DEFECT, "CatalogException"),
        ("SELECT order_id, count(*) FROM orders", ErrorCategory.CODE_DEFECT, "BinderException"),
        ("SELECT 'abc'::INTEGER", ErrorCategory.DATA_ERROR, "ConversionException"),
        ("SELEC 1", ErrorCategory.CODE_DEFECT, "ParserException"),
    ],
)
def test_native_errors_map_to_portable_categories(
    retail_engine: DuckDBEngine, sql: str, category: ErrorCategory, native: str
) -> None:
    with pytest.raises(EngineError) as caught:
        retail_engine.execute(sql)
    assert caught.value.category is category
    assert caught.value.native_type == native
    assert caught.value.message  # the native message is kept


def test_staging_failure_leaves_no_table(retail_engine: DuckDBEngine) -> None:
    with pytest.raises(EngineError):
        retail_engine.build_staging("SELECT 'abc'::INTEGER AS x", "r1")
    assert not retail_engine.table_exists("_dm_stage_r1")


@pytest.mark.parametrize(
    "sql",
    [
        "DROP TABLE orders",
        "SELECT 1; SELECT 2",
        "INSERT INTO orders SELECT * FROM orders",
        "CREATE TABLE x AS SELECT 1",
        "WITH d AS (DELETE FROM orders RETURNING *) SELECT * FROM d",
    ],
)
def test_read_only_queries_accept_one_select_only(sql: str) -> None:
    with pytest.raises(UsageError):
        require_select(sql, "duckdb")


def test_load_csv_and_parquet_atomically(tmp_path: Path) -> None:
    csv = tmp_path / "people.csv"
    csv.write_text("id,name\n1,ann\n2,bob\n")
    parquet = tmp_path / "people.parquet"
    duckdb.sql(f"COPY (SELECT 3 AS id, 'cy' AS name) TO '{parquet}' (FORMAT parquet)")
    bad = tmp_path / "broken.parquet"
    files = [csv, parquet, bad]
    with DuckDBEngine(tmp_path / "db.duckdb", create=True, files=files) as engine:
        engine.publish(engine.stage_file(csv, "l1"), TargetTable(name="people"))
        assert engine.query("SELECT count(*) FROM people").rows == [(2,)]
        engine.publish(engine.stage_file(parquet, "l2"), TargetTable(name="people"))
        assert engine.query("SELECT * FROM people").rows == [(3, "cy")]
        bad.write_text("not parquet")
        with pytest.raises(EngineError):
            engine.stage_file(bad, "l3")
        assert engine.query("SELECT * FROM people").rows == [(3, "cy")]


def test_database_urls_and_engine_names(tmp_path: Path) -> None:
    assert parse_database("duckdb:///rel/x.duckdb").target == "rel/x.duckdb"
    assert parse_database("duckdb:////abs/x.duckdb").target == "/abs/x.duckdb"
    assert parse_database("shop.duckdb").engine == "duckdb"
    assert parse_database("postgresql://etl:pw@localhost/db").engine == "postgres"
    assert parse_database("postgresql://etl:pw@localhost/db").shown == (
        "postgresql://etl:***@localhost/db"
    )
    assert parse_database("spark://cluster:7077") == DatabaseLocation(
        "spark", "spark://cluster:7077"
    )
    assert parse_database("spark:local[4]").shown == "spark:local[4]"
    assert parse_database("spark:").target == "local[*]"  # DATAMORPH_SPARK_MASTER unset
    for bad in ("spark:local[0]", "spark:mesos://m:5050", "spark://", "spark:local[x]"):
        with pytest.raises(ConfigurationError, match="not a Spark master URL"):
            parse_database(bad)
    assert database_for(None, "spark", None) == "spark:"
    assert database_for(None, None, "local[2]") == "spark:local[2]"
    assert database_for(None, None, "spark://h:7077") == "spark://h:7077"
    with pytest.raises(ConfigurationError, match="--master is for the spark engine"):
        database_for("shop.duckdb", None, "local[2]")
    with pytest.raises(NotFoundError) as caught:
        open_engine(str(tmp_path / "missing.duckdb"))
    assert "datamorph demo" in (caught.value.hint or "")
    with pytest.raises(NotFoundError) as unknown:
        open_engine(str(tmp_path / "x.duckdb"), "duckbd", create=True)
    assert unknown.value.hint == "did you mean 'duckdb'?"


def test_a_read_only_query_times_out_and_the_engine_stays_usable(
    retail_engine: DuckDBEngine,
) -> None:
    with pytest.raises(EngineError) as caught:
        retail_engine.query(
            "SELECT count(*) FROM range(1000000000000) t(i) WHERE i % 7 = 3", timeout=0.3
        )
    assert "timed out after 0.3 s" in caught.value.message
    assert retail_engine.query("SELECT 1 AS one").rows == [(1,)]


def test_ctrl_c_mid_query_comes_back_as_keyboard_interrupt(tmp_path: Path) -> None:
    """DuckDB takes a SIGINT that lands while it executes and raises RuntimeError('Query
    interrupted'); the engine gives it back as KeyboardInterrupt, so a run ends interrupted
    (resumable) instead of failed or healed as a transient fault. In a process of its own: a
    test worker's signal handling is not a terminal's."""
    script = (
        "import signal, sys\n"
        # a test worker (or CI's runner) may ignore or block SIGINT, and a child inherits both
        # the disposition and the mask: take it back, as a terminal's shell would give it
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT])\n"
        "from datamorph.engines.duckdb import DuckDBEngine\n"
        # more DuckDB threads than the query has tasks (a many-core machine): the calling
        # thread parks while another holds the only task, and DuckDB's own signal check waits
        f"engine = DuckDBEngine({str(tmp_path / 'slow.duckdb')!r}, create=True,"
        " settings={'threads': '8'})\n"
        "print('ready', flush=True)\n"
        "try:\n"
        "    engine.execute('SELECT count(*) FROM range(100000000000) t(i) WHERE i % 7 = 3')\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted', engine.execute('SELECT 42').fetchone(), flush=True)\n"
        "    sys.exit(0)\n"
        "print('finished', flush=True)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    # the query takes minutes, only an interrupt ends it sooner; pressed again until it lands
    # (a loaded machine can deliver the first press before the query has started)
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.5)
        proc.send_signal(signal.SIGINT)
    try:
        out, err = proc.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("the query went on after Ctrl-C")
    assert (proc.returncode, out.strip()) == (0, "interrupted (42,)"), err
