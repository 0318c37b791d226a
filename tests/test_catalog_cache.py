"""The catalog cache and the bounded profile: a catalog read again from an unchanged DuckDB file
comes from the cache; after any committed write, from the data; profiles from bounded samples
agree with the per-column profile where the sample is the whole table."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from datamorph.catalog import Catalog
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.engines.profiling import SAMPLE_ROWS, profile_column
from datamorph.spec import SpecError


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DATAMORPH_CACHE", str(folder))
    return folder


def _read(path: Path, *, read_only: bool = True) -> Catalog:
    with DuckDBEngine(path, read_only=read_only) as engine:
        return engine.catalog(samples=3, profile=True)


def _tamper(cache: Path, table: str, row_count: int) -> None:
    """Change the stored row count: a catalog that carries it was served from the cache."""
    (entry,) = (cache / "catalogs").glob("*.json")
    stored = json.loads(entry.read_text())
    stored["catalog"]["tables"][table]["row_count"] = row_count
    entry.write_text(json.dumps(stored))


def test_an_unchanged_file_is_served_from_the_cache(retail_db: Path, cache: Path) -> None:
    first = _read(retail_db)
    assert _read(retail_db) == first  # JSON gives back the same catalog
    _tamper(cache, "orders", 123456789)
    assert _read(retail_db).table("orders").row_count == 123456789


def test_a_committed_write_is_never_served_stale(retail_db: Path, cache: Path) -> None:
    _read(retail_db)
    _tamper(cache, "orders", 123456789)
    # a committed write, left in the WAL (no checkpoint yet), that changes no row count
    with DuckDBEngine(retail_db) as writer:
        writer.execute("SET checkpoint_threshold = '1GB'")
        writer.execute("UPDATE orders SET status = 'on_hold' WHERE order_id = 1")
        assert retail_db.with_name(retail_db.name + ".wal").exists()
        orders = writer.catalog(samples=3, profile=True).table("orders")
    assert orders.row_count != 123456789
    assert "on_hold" in (orders.column("status").profile or pytest.fail()).top_values
    # and after the checkpoint at close, the file itself changed: read from the data again
    _tamper(cache, "orders", 987654321)
    assert _read(retail_db).table("orders").row_count == orders.row_count


def test_temp_tables_views_and_open_transactions_are_not_cached(
    retail_db: Path, cache: Path
) -> None:
    with DuckDBEngine(retail_db) as engine:
        engine.execute("CREATE TEMP TABLE extra AS SELECT 1 AS x")
        assert engine.catalog(samples=0, profile=True).has_table("extra")
        engine.execute("DROP TABLE extra")
        engine.execute("BEGIN TRANSACTION")
        engine.execute("DELETE FROM orders WHERE order_id % 2 = 0")
        halved = engine.catalog(samples=0, profile=True).table("orders").row_count
        engine.execute("ROLLBACK")
        assert engine.catalog(samples=0, profile=True).table("orders").row_count != halved
        engine.execute("CREATE VIEW big_orders AS SELECT * FROM orders WHERE amount > 100")
        engine.execute("CHECKPOINT")
    stored = list((cache / "catalogs").glob("*.json")) if cache.exists() else []
    # the one entry is the read after the rollback; the view's database is not cached
    assert len(stored) == 1
    assert json.loads(stored[0].read_text())["catalog"]["tables"]["orders"]["row_count"] != halved
    before = stored[0].read_text()
    _read(retail_db)
    assert stored[0].read_text() == before


def test_an_unwritable_cache_only_costs_time(
    retail_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    monkeypatch.setenv("DATAMORPH_CACHE", str(blocked))
    assert _read(retail_db).table("orders").row_count == _read(retail_db).table("orders").row_count


def test_the_table_profile_equals_the_column_profile_on_a_small_table(
    retail_db: Path, cache: Path
) -> None:
    with DuckDBEngine(retail_db, read_only=True) as engine:
        catalog = engine.catalog(samples=0, profile=True)
        customers = catalog.table("customers")
        assert customers.row_count is not None and customers.row_count <= SAMPLE_ROWS
        for column in customers.columns:
            alone = profile_column(
                column.model_copy(update={"profile": None}),
                lambda sql: engine.execute(sql).fetchall(),
                "customers",
                distinct="approx_count_distinct({col})",
            )
            assert alone.profile == column.profile, column.name


def test_a_large_table_is_profiled_from_blocks_and_keeps_its_values(
    tmp_path: Path, cache: Path
) -> None:
    path = tmp_path / "big.duckdb"
    rows = 50 * SAMPLE_ROWS
    with duckdb.connect(str(path)) as con:
        con.execute(
            "CREATE TABLE events AS SELECT i AS id, ['a', 'b', 'c'][i % 3 + 1] AS kind, "
            f"CASE WHEN i % 10 = 0 THEN NULL ELSE i % 7 END AS score FROM range({rows}) t(i)"
        )
    events = _read(path).table("events")
    assert events.row_count == rows  # exact, not the sample's
    kind = events.column("kind").profile or pytest.fail()
    assert set(kind.top_values) >= {"a", "b", "c"}
    score = events.column("score").profile or pytest.fail()
    assert score.null_fraction is not None and 0.05 < score.null_fraction < 0.15
    assert score.min == "0" and score.max == "6"
    # a sample, not the table: the id column's distinct count is far below the row count
    ids = events.column("id").profile or pytest.fail()
    assert ids.distinct_count is not None and ids.distinct_count < rows / 5


def _never_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the database was opened")

    monkeypatch.setattr("datamorph.commands.open_engine", refuse)
    monkeypatch.setattr("datamorph.plan_request.open_engine", refuse)


def test_compile_and_plan_read_a_cached_catalog_without_opening_the_file(
    retail_db: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datamorph import compile, plan
    from datamorph.demo.showcase import demo_spec

    spec = demo_spec()
    code = compile(spec, database=str(retail_db)).code  # reads the catalog and stores it
    planned = plan("total order amount per customer", database=str(retail_db))
    _never_opened(monkeypatch)
    assert compile(spec, database=str(retail_db)).code == code
    assert plan("total order amount per customer", database=str(retail_db)).spec == planned.spec
    # what the cache says is what is checked against: a column it lacks is refused
    for entry in (cache / "catalogs").glob("*.json"):
        stored = json.loads(entry.read_text())
        for column in stored["catalog"]["tables"]["orders"]["columns"]:
            column["name"] = column["name"].replace("amount", "amount_gone")
        entry.write_text(json.dumps(stored))
    with pytest.raises(SpecError, match="amount"):
        compile(spec, database=str(retail_db))


def test_a_file_written_since_is_opened_again(
    retail_db: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datamorph import compile
    from datamorph.demo.showcase import demo_spec
    from datamorph.engines.unopened import cached_catalog

    compile(demo_spec(), database=str(retail_db))
    assert cached_catalog(str(retail_db), None, samples=0) is not None
    with duckdb.connect(str(retail_db)) as con:
        con.execute("CREATE TABLE extra AS SELECT 1 AS x")
    assert cached_catalog(str(retail_db), None, samples=0) is None
    with DuckDBEngine(retail_db, read_only=True) as engine:
        engine.catalog(samples=0)  # read again, stored again under the new signature
    found = cached_catalog(str(retail_db), None, samples=0)
    assert found is not None and "extra" in found[0].table_names
    assert found[1] == str(retail_db)  # the location a run store knows the database by


def test_other_engines_and_missing_files_are_never_served_unopened(cache: Path) -> None:
    from datamorph.engines.unopened import cached_catalog

    assert cached_catalog("missing.duckdb", None, samples=0) is None
    assert cached_catalog(":memory:", None, samples=0) is None
    assert cached_catalog("postgresql://u@localhost/db", None, samples=0) is None


def test_plan_beside_a_read_write_connection_of_the_same_process(
    retail_db: Path, cache: Path
) -> None:
    """The HTTP service holds read-write connections (runs, catalog requests) while it plans:
    DuckDB refuses a read-only one to the same file then, so the service plans read-write."""
    from datamorph import plan
    from datamorph.errors import DataMorphError

    with DuckDBEngine(retail_db):  # held open, read-write, by another request
        with pytest.raises(DataMorphError, match="different configuration"):
            plan("total order amount per customer", database=str(retail_db))
        planned = plan("total order amount per customer", database=str(retail_db),
                       read_only=False)  # fmt: skip
    assert planned.spec.target_table.name
