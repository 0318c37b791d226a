"""The PostgreSQL engine on a real server started by the suite (tests/pg_server.py): catalog,
runs whose sources and target live in PostgreSQL, the same rows as DuckDB for every spec of
the suite, an atomic publish that keeps comments, grants and indexes, and secrets never shown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import datamorph
from conftest import PG_TABLES as TABLES
from datamorph.codegen.sql import compile_sql
from datamorph.demo.showcase import demo_spec
from datamorph.engines import open_engine
from datamorph.engines.base import EngineError, ErrorCategory
from datamorph.errors import NotFoundError, UsageError
from datamorph.faults import CRASH_EXIT_CODE
from datamorph.spec import Spec
from datamorph.spec.model import TargetTable

SPECS = sorted(
    p for p in (Path(__file__).parent / "specs").glob("*.json") if "schema" not in p.name
)


def _url(server: Any, *, schema: str | None = None, password: str | None = None) -> str:
    secret = server.password if password is None else password
    query = f"?schema={schema}" if schema else ""
    return f"postgresql://postgres:{secret}@{server.host}:{server.port}/postgres{query}"


@pytest.fixture
def pg(pg_retail: str) -> Iterator[Any]:
    engine = open_engine(pg_retail)
    try:
        yield engine
    finally:
        engine.close()


def test_the_catalog_reads_types_keys_comments_and_counts(pg: Any) -> None:
    catalog = pg.catalog(samples=2)
    assert set(TABLES) <= set(catalog.table_names)
    orders = catalog.table("orders")
    assert orders.primary_key == ("order_id",) and orders.row_count and len(orders.samples) == 2
    assert orders.foreign_keys[0].ref_table == "customers"
    amount = next(c for c in orders.columns if c.name == "amount")
    assert amount.type == "numeric(12,2)" and amount.family == "numeric"
    assert amount.comment == "gross amount in EUR"
    assert not next(c for c in orders.columns if c.name == "order_id").nullable
    assert catalog.dialect == "postgres" and "date_trunc" in (catalog.functions or ())


@pytest.mark.parametrize("spec_path", SPECS, ids=[p.stem for p in SPECS])
def test_every_spec_gives_the_same_rows_on_postgres_and_duckdb(
    spec_path: Path, pg_retail: str, retail_db: Path, isolated_home: Path
) -> None:
    spec = Spec.from_json(spec_path.read_text())
    target = f"t_{spec_path.stem}"
    on_pg = datamorph.run(spec, database=pg_retail, target=target)
    on_duck = datamorph.run(spec, database=str(retail_db), target=target)
    assert on_pg.status == "completed" and on_duck.status == "completed", on_pg.message
    assert on_pg.validation_status == "pass"
    assert _rows(on_pg.to_arrow()) == _rows(on_duck.to_arrow())


def _rows(table: Any) -> list[tuple[Any, ...]]:
    def plain(value: Any) -> Any:
        if value is None or isinstance(value, bool | int | str):
            return value
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return round(float(value), 6)

    rows = [tuple(plain(v) for v in row.values()) for row in table.to_pylist()]
    return sorted(rows, key=repr)


def test_publish_replaces_atomically_and_keeps_comments_grants_and_indexes(pg: Any) -> None:
    pg.execute("DROP TABLE IF EXISTS kept")
    pg.execute("DROP ROLE IF EXISTS dm_reader")
    pg.execute("CREATE ROLE dm_reader")
    pg.execute("CREATE TABLE kept AS SELECT customer_id, city FROM customers")
    pg.execute("COMMENT ON TABLE kept IS 'customers by city'")
    pg.execute("COMMENT ON COLUMN kept.city IS 'where they live'")
    pg.execute("CREATE INDEX kept_city ON kept (city)")
    pg.execute("GRANT SELECT ON kept TO dm_reader")
    staging = pg.build_staging("SELECT customer_id, city, country FROM customers", "run_kept")
    result = pg.publish(staging, TargetTable(name="kept"))
    assert result.replaced and result.rows == staging.rows
    found = pg.execute(
        "SELECT obj_description('kept'::regclass, 'pg_class'), "
        "col_description('kept'::regclass, 2), "
        "has_table_privilege('dm_reader', 'kept', 'SELECT'), "
        "(SELECT count(*) FROM pg_indexes WHERE tablename = 'kept' AND indexname = 'kept_city')"
    ).fetchone()
    assert found == ("customers by city", "where they live", True, 1)
    assert [n for n in pg.table_names() if n.startswith("_dm_")] == []


def test_append_inserts_by_name_in_the_same_transaction(pg: Any) -> None:
    pg.execute("DROP TABLE IF EXISTS grow")
    pg.execute("CREATE TABLE grow (customer_id integer, city text)")
    staging = pg.build_staging("SELECT city, customer_id FROM customers LIMIT 5", "run_grow")
    result = pg.publish(staging, TargetTable(name="grow", mode="append"))
    assert result.rows == 5 and not pg.table_exists(staging.name)


@pytest.mark.parametrize("crash_at", ["after_staging", "mid_publish"])
def test_a_killed_run_leaves_the_old_target_and_the_next_run_cleans_up(
    crash_at: str, pg_retail: str, tmp_path: Path, isolated_home: Path
) -> None:
    spec = tmp_path / "spec.json"
    data = demo_spec().model_dump(mode="json")
    data["target_table"]["name"] = target = f"crash_{crash_at}"
    spec.write_text(json.dumps(data))
    args = [sys.executable, "-m", "datamorph.cli", "run", "--spec", str(spec), "-d", pg_retail]
    first = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    before = _target(pg_retail, target)
    env = {**os.environ, "DATAMORPH_CRASH_AT": crash_at}
    data["having"] = ["total_amount > 5000"]  # the killed run would have changed the rows
    spec.write_text(json.dumps(data))
    killed = subprocess.run(args, capture_output=True, text=True, timeout=120, env=env)
    assert killed.returncode == CRASH_EXIT_CODE
    assert _target(pg_retail, target) == before
    again = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert _target(pg_retail, target) != before
    with open_engine(pg_retail) as engine:  # type: ignore[attr-defined]
        assert [n for n in engine.table_names() if n.startswith("_dm_")] == []


def _target(url: str, table: str) -> list[tuple[Any, ...]]:
    engine = open_engine(url)
    try:
        return engine.query(f"SELECT * FROM {table} ORDER BY customer_id").rows
    finally:
        engine.close()


def test_a_password_is_never_printed_logged_or_stored(
    postgres: Any, pg_retail: str, isolated_home: Path
) -> None:
    result = datamorph.run(demo_spec(), database=pg_retail, target="secret_check")
    assert result.status == "completed" and "***" in result.database
    assert postgres.password not in result.database
    for path in isolated_home.rglob("*"):
        if path.is_file():
            assert postgres.password.encode() not in path.read_bytes(), path
    wrong = _url(postgres, schema="retail", password="not-the-password")
    with pytest.raises(EngineError) as caught:
        open_engine(wrong)
    assert caught.value.category is ErrorCategory.CONFIGURATION
    assert "not-the-password" not in caught.value.one_line()


def test_unreachable_server_missing_schema_and_database_are_one_line(postgres: Any) -> None:
    with pytest.raises(EngineError) as refused:
        open_engine("postgresql://postgres@127.0.0.1:1/postgres")
    assert refused.value.category is ErrorCategory.TRANSIENT
    assert "server running" in (refused.value.hint or "")
    with pytest.raises(NotFoundError, match="schema 'nowhere' does not exist"):
        open_engine(_url(postgres, schema="nowhere"))
    with pytest.raises(EngineError) as no_db:
        open_engine(_url(postgres).replace("/postgres", "/no_such_db"))
    assert no_db.value.category is ErrorCategory.CONFIGURATION


def test_queries_are_read_only_and_stopped_by_the_server(pg_retail: str) -> None:
    answer = datamorph.query("SELECT count(*) AS n FROM orders", database=pg_retail)
    assert answer.rows[0][0] > 0
    with pytest.raises(UsageError, match=r"ran past the 0\.5 s limit"):
        datamorph.query(
            "SELECT count(*) FROM orders a, orders b, orders c", database=pg_retail, timeout=0.5
        )
    with pytest.raises(UsageError, match="only SELECT"):
        datamorph.query("DELETE FROM orders", database=pg_retail)
    engine = open_engine(pg_retail, read_only=True)
    try:
        with pytest.raises(EngineError) as caught:
            engine.execute("CREATE TABLE nope (x int)")
        assert caught.value.category is ErrorCategory.PERMISSION
    finally:
        engine.close()


def test_load_copies_a_csv_into_postgres(pg_retail: str, tmp_path: Path) -> None:
    from datamorph.cli import main

    csv = tmp_path / "rates.csv"
    csv.write_text("currency,rate,day\nEUR,1.0,2024-01-01\nUSD,1.09,2024-01-01\n")
    argv = ["datamorph", "load", str(csv), "--table", "rates", "--database", pg_retail]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "argv", argv)
        with pytest.raises(SystemExit) as done:
            main()
    assert done.value.code in (0, None)
    engine = open_engine(pg_retail)
    try:
        columns = {c.name: c.type for c in engine.catalog(samples=0).table("rates").columns}
        rows = engine.query("SELECT currency, rate FROM rates ORDER BY 1").rows
    finally:
        engine.close()
    assert columns == {"currency": "text", "rate": "double precision", "day": "date"}
    assert [(c, float(r)) for c, r in rows] == [("EUR", 1.0), ("USD", 1.09)]


def test_postgres_code_is_refused_not_emitted_for_what_it_cannot_run(
    retail_catalog: Any,
) -> None:
    data = demo_spec().model_dump(mode="json")
    kept = data["filters"]
    data["filters"] = [*kept, "TRY_CAST(c.city AS INTEGER) IS NULL"]
    spec = Spec.from_dict(data)
    with pytest.raises(UsageError, match="TRY_CAST"):
        compile_sql(spec, retail_catalog, "postgres")
    assert "TRY_CAST" in compile_sql(spec, retail_catalog, "duckdb")
    data["filters"] = [*kept, "strip_accents(c.city) = 'Malmo'"]
    with pytest.raises(UsageError, match=r"strip_accents\(\) has no equivalent in PostgreSQL"):
        compile_sql(Spec.from_dict(data), retail_catalog, "postgres")


@pytest.mark.parametrize(
    ("sql", "category", "sqlstate"),
    [
        ("SELECT no_such_column FROM orders", ErrorCategory.SCHEMA_MISMATCH, "42703"),
        ("SELECT * FROM no_such_table", ErrorCategory.SCHEMA_MISMATCH, "42P01"),
        ("SELECT order_id FROM orders GROUP BY customer_id", ErrorCategory.CODE_DEFECT, "42803"),
        ("SELECT 1 / 0", ErrorCategory.DATA_ERROR, "22012"),
        ("SELECT 'x'::integer", ErrorCategory.DATA_ERROR, "22P02"),
    ],
)
def test_the_sqlstate_decides_the_category(
    pg: Any, sql: str, category: ErrorCategory, sqlstate: str
) -> None:
    with pytest.raises(EngineError) as caught:
        pg.query(sql)
    assert caught.value.category is category
    assert caught.value.native_code == f"sqlstate:{sqlstate}"


def test_validation_pushes_its_checks_down_and_catches_a_wrong_table(
    pg_retail: str, isolated_home: Path
) -> None:
    from datamorph.validation import validate

    spec = Spec.from_json(
        (Path(__file__).parent / "specs" / "customer_order_summary.json").read_text()
    )
    assert datamorph.run(spec, database=pg_retail, target="checked").ok
    engine = open_engine(pg_retail, read_only=True)
    try:
        catalog = engine.catalog(samples=0)
        report = validate(engine, spec, "checked", catalog)
        assert report.status == "pass", report.as_dict()
        assert {c.kind: c.status for c in report.checks}["row_diff"] == "pass"
    finally:
        engine.close()
    writer = open_engine(pg_retail)
    try:  # one customer's total is off by one: the reference comparison must see it
        updated = writer.execute(
            "UPDATE checked SET total_amount = total_amount + 1 "
            "WHERE customer_id = (SELECT min(customer_id) FROM checked)"
        )
        assert updated.rowcount == 1
        report = validate(writer, spec, "checked", writer.catalog(samples=0))
    finally:
        writer.close()
    failed = {c.kind for c in report.checks if c.status == "fail"}
    assert report.status == "fail" and "row_diff" in failed


def test_broken_code_heals_on_postgres(pg_retail: str, isolated_home: Path, tmp_path: Path) -> None:
    engine = open_engine(pg_retail, read_only=True)
    try:
        sql = compile_sql(demo_spec(), engine.catalog(samples=0), "postgres")
    finally:
        engine.close()
    broken = tmp_path / "broken.sql"
    broken.write_text(sql.replace("o.amount", "o.amout"))
    result = datamorph.run(demo_spec(), code=broken, database=pg_retail, target="healed")
    assert result.status == "completed" and result.iterations == 1
    assert result.validation_status == "pass"


def test_compile_speaks_the_database_s_dialect_by_default(
    pg_retail: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datamorph.cli import main

    spec = tmp_path / "spec.json"
    spec.write_text((Path(__file__).parent / "specs" / "top_customers_by_month.json").read_text())
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "argv", ["datamorph", "compile", "-s", str(spec), "-d", pg_retail])
        with pytest.raises(SystemExit) as done:
            main()
    out = capsys.readouterr().out
    assert done.value.code in (0, None)
    assert "CAST(o.order_date AS TIMESTAMP)" in out and "QUALIFY" not in out


def test_the_demo_builds_and_runs_on_postgres(postgres: Any, isolated_home: Path) -> None:
    from datamorph.demo.postgres_demo import build_demo_on_postgres
    from datamorph.demo.showcase import run_demo_pipeline

    url = _url(postgres, schema="demo")
    built = build_demo_on_postgres(url, orders=1_000, seed=3)
    assert postgres.password not in str(built.path) and built.rows["orders"] == 1_000
    result = run_demo_pipeline(url)
    assert result.ok and result.validation_status == "pass" and result.rows
    engine = open_engine(url)
    try:
        keys = {t.name: t.primary_key for t in engine.catalog(samples=0).tables.values()}
    finally:
        engine.close()
    assert keys["orders"] == ("order_id",) and keys["customers"] == ("customer_id",)


def test_a_user_without_create_rights_gets_a_classified_failure_and_no_damage(
    postgres: Any, pg: Any, pg_retail: str, isolated_home: Path
) -> None:
    pg.execute("DROP ROLE IF EXISTS dm_analyst")
    pg.execute("CREATE ROLE dm_analyst LOGIN PASSWORD 'analyst-pw'")
    pg.execute("GRANT USAGE ON SCHEMA retail TO dm_analyst")
    pg.execute("GRANT SELECT ON ALL TABLES IN SCHEMA retail TO dm_analyst")
    before = pg.catalog(samples=0).table_names
    url = pg_retail.replace(f"postgres:{postgres.password}@", "dm_analyst:analyst-pw@")
    result = datamorph.run(demo_spec(), database=url, target="not_allowed", max_iterations=1)
    assert result.status == "needs_attention", result.message  # escalated: a person must grant
    assert "permission denied" in (result.message or "")
    assert "analyst-pw" not in (result.message or "") + result.database
    assert pg.catalog(samples=0).table_names == before


@pytest.mark.slow
def test_a_server_that_goes_away_mid_run_leaves_the_target_intact(
    isolated_home: Path, tmp_path: Path
) -> None:
    """The server stops (immediate shutdown) while the run's query runs: the run ends
    without publishing, says what happened, and the old target is whole after a restart."""
    import threading
    import time

    import pg_server
    from datamorph.demo.postgres_demo import build_demo_on_postgres

    bindir = pg_server.find_bindir()
    assert bindir is not None
    with pg_server.postgres_server() as server:
        url = _url(server, schema="demo")
        build_demo_on_postgres(url, orders=2_000)
        assert datamorph.run(demo_spec(), database=url).ok
        before = _target_of(url, "customer_order_summary")
        slow = tmp_path / "slow.sql"  # a join big enough to be running when the server stops
        slow.write_text(
            "SELECT c.customer_id, c.customer_name, count(*)::numeric AS total_amount, "
            "count(*) AS order_count FROM customers c, order_items a, order_items b, "
            "order_items d WHERE c.customer_id = a.order_item_id GROUP BY 1, 2"
        )
        stopper = threading.Timer(2.0, lambda: pg_server._stop(bindir, server))
        stopper.start()
        started = time.monotonic()
        result = datamorph.run(demo_spec(), database=url, code=slow)
        stopper.join()
        assert result.status in ("failed", "needs_attention")
        assert "server closed the connection" in (result.message or "")
        assert time.monotonic() - started < 120
        pg_server._start(bindir, server, ())
        assert _target_of(url, "customer_order_summary") == before


def _target_of(url: str, table: str) -> list[tuple[Any, ...]]:
    engine = open_engine(url)
    try:
        return engine.query(f"SELECT * FROM {table} ORDER BY 1").rows
    finally:
        engine.close()


def test_the_service_serves_a_postgres_database(pg_retail: str, isolated_home: Path) -> None:
    from fastapi.testclient import TestClient

    from datamorph.api import ServiceSettings, create_app

    settings = ServiceSettings(database=pg_retail, home=isolated_home, workers=1)
    with TestClient(create_app(settings)) as client:
        health = client.get("/health").json()
        assert health["status"] == "ok" and "***" not in json.dumps(health)
        answer = client.post("/execute/query", json={"query": "SELECT count(*) AS n FROM orders"})
        assert answer.status_code == 200 and answer.json()["rows"][0][0] > 0
        refused = client.post("/execute/query", json={"query": "SELECT pg_read_file('/x')"})
        assert refused.status_code == 400
        spec = demo_spec().model_dump(mode="json")  # the plan a person confirmed
        body = {"user_prompt": demo_spec().description, "target_table": "served", "spec": spec}
        started = client.post("/start", json=body)
        assert started.status_code == 202, started.text
        run_id = started.json()["run_id"]
        for _ in range(600):
            run = client.get(f"/api/runs/{run_id}").json()
            if run["status"] in ("completed", "failed", "needs_attention"):
                break
            time.sleep(0.1)
        assert run["status"] == "completed", run.get("message")


def test_a_postgres_run_is_rerun_with_the_password_from_the_environment(
    postgres: Any, pg_retail: str, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = datamorph.run(demo_spec(), database=pg_retail, target="rerun_me")
    assert first.ok and "***" in first.database
    monkeypatch.setenv("PGPASSWORD", postgres.password)
    again = datamorph.rerun(first.run_id)
    assert again.ok and again.database == first.database
