"""What a run reads and writes besides its query, on a real DuckDB file: the schema of just the
tables a spec names (`catalog_of`), the list of staging tables that lets a run find the
leftovers of crashed runs without listing every table, and `table_exists` asked of the table."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import datamorph
from datamorph.engines.base import EngineError
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.engines.duckdb_staging import STAGING_LOG
from datamorph.runs import RunStore
from datamorph.spec import TargetTable

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "examples" / "customer_order_summary.json"
COLUMN_FIELDS = ("name", "type", "nullable")


def _listed(engine: DuckDBEngine) -> list[tuple[str, str]]:
    return engine.execute(f"SELECT table_name, run_id FROM {STAGING_LOG} ORDER BY 1").fetchall()


def test_catalog_of_names_equals_the_whole_catalog_for_those_tables(
    retail_engine: DuckDBEngine,
) -> None:
    retail_engine.execute(
        "CREATE TABLE typed (d DECIMAL(12, 3) NOT NULL, l INTEGER[], s STRUCT(a INT, b VARCHAR),"
        " t TIMESTAMP WITH TIME ZONE, PRIMARY KEY (d))"
    )
    whole = retail_engine.catalog(samples=0, counts=False)
    named = retail_engine.catalog_of(["orders", "typed"], optional=["customers", "absent"])
    assert named is not None
    assert sorted(named.tables) == ["customers", "orders", "typed"]
    for name, table in named.tables.items():
        full = whole.table(name)
        fields = [[getattr(c, f) for f in COLUMN_FIELDS] for c in table.columns]
        assert fields == [[getattr(c, f) for f in COLUMN_FIELDS] for c in full.columns]
        assert table.primary_key == full.primary_key
    assert named.functions == whole.functions


def test_catalog_of_a_missing_table_defers_to_the_whole_catalog(
    retail_engine: DuckDBEngine,
) -> None:
    assert retail_engine.catalog_of(["orders", "ordrs"]) is None
    assert retail_engine.catalog_of(["_dm_publish_log"]) is None  # DataMorph's own: never


def test_catalog_of_defers_when_file_sources_shadow_tables(retail_db: Path, tmp_path: Path) -> None:
    landing = tmp_path / "orders.csv"
    landing.write_text("order_id,amount\n1,2.5\n")
    with DuckDBEngine(retail_db, files=[landing]) as engine:
        engine.attach_sources({"orders": str(landing)})  # a temp table named like the table
        assert engine.catalog_of(["orders"]) is None
        assert engine.catalog(samples=0).table("orders").column_names == ["order_id", "amount"]


def test_table_exists_asks_the_table(retail_engine: DuckDBEngine) -> None:
    retail_engine.execute("CREATE VIEW recent AS SELECT * FROM orders")
    retail_engine.execute("CREATE TEMP TABLE scratch AS SELECT 1 AS x")
    assert retail_engine.table_exists("orders") and retail_engine.table_exists("ORDERS")
    assert not retail_engine.table_exists("recent")  # a view is not a table
    assert not retail_engine.table_exists("scratch")  # nor is a temporary table
    assert not retail_engine.table_exists("nope")


def test_a_staging_table_is_listed_until_published_or_dropped(
    retail_engine: DuckDBEngine,
) -> None:
    first = retail_engine.build_staging("SELECT 1 AS x", "20260101-000000-aaaaaa")
    second = retail_engine.build_staging("SELECT 2 AS x", "20260101-000000-bbbbbb")
    assert _listed(retail_engine) == [
        (first.name, "20260101-000000-aaaaaa"),
        (second.name, "20260101-000000-bbbbbb"),
    ]
    retail_engine.publish(first, TargetTable(name="t"))
    retail_engine.drop_staging(second)
    assert _listed(retail_engine) == []
    assert retail_engine.cleanup_leftovers(set()) == []


def test_a_failed_publish_keeps_its_staging_listed_for_the_sweep(
    retail_engine: DuckDBEngine,
) -> None:
    retail_engine.publish(retail_engine.build_staging("SELECT 1 AS a", "r1"), TargetTable(name="t"))
    staging = retail_engine.build_staging("SELECT 1 AS a, 2 AS unknown_column", "r2")
    with pytest.raises(EngineError):
        retail_engine.publish(staging, TargetTable(name="t", mode="append"))
    assert [name for name, _ in _listed(retail_engine)] == [staging.name]
    assert retail_engine.cleanup_leftovers(set()) == [staging.name]
    assert not retail_engine.table_exists(staging.name)


def test_leftovers_of_a_database_without_the_list_are_swept_by_name_once(
    retail_db: Path,
) -> None:
    with duckdb.connect(str(retail_db)) as con:  # left by a version before the list
        con.execute("CREATE TABLE _dm_stage_20250101_000000_cccccc AS SELECT 1 AS x")
        con.execute("CREATE TABLE _dm_backup_20250101_000000_dddddd AS SELECT 1 AS x")
    with DuckDBEngine(retail_db) as engine:
        assert engine.cleanup_leftovers(set()) == [
            "_dm_backup_20250101_000000_dddddd",
            "_dm_stage_20250101_000000_cccccc",
        ]
        assert _listed(engine) == []  # the list exists from now on
        assert engine.cleanup_leftovers(set()) == []


def test_a_spec_run_reads_only_the_tables_it_names(retail_db: Path, store: RunStore) -> None:
    result = datamorph.run(SPEC, database=str(retail_db), target="summary", store=store)
    assert result.status == "completed", result.message
    messages = [event.message for event in store.events(result.run_id)]
    assert "read the schema of the tables the spec names: customers, orders" in messages
    assert not any(m.startswith("catalog has") for m in messages)


def test_a_spec_run_still_refuses_to_replace_a_source_it_does_not_read(
    retail_db: Path,
) -> None:
    with pytest.raises(datamorph.UsageError, match="did not publish"):
        datamorph.run(SPEC, database=str(retail_db), target="products")
    with duckdb.connect(str(retail_db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM products").fetchone() != (0,)
