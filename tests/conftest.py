"""Shared fixtures: an isolated DataMorph home per test, and a small seeded retail database."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import network_guard  # pytest puts tests/ on sys.path
from datamorph.catalog import Catalog
from datamorph.config import clear_flags
from datamorph.demo.showcase import build_demo_database
from datamorph.engines.duckdb import DuckDBEngine
from datamorph.runs import RunStore

DEMO_ORDERS = 2_000

# The JVMs the tests start (Spark sessions, spark-submit, a standalone cluster) run queries over
# a few thousand rows: the first JIT tier and the serial collector cost a third less CPU on two
# cores than the defaults, which pay off only on long jobs.
os.environ.setdefault("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own `.datamorph` (run store, artifacts, demo database)."""
    home = tmp_path / ".datamorph"
    monkeypatch.setenv("DATAMORPH_HOME", str(home))
    monkeypatch.delenv("DATAMORPH_DATABASE", raising=False)
    monkeypatch.delenv("DATAMORPH_CRASH_AT", raising=False)
    monkeypatch.delenv("DATAMORPH_PAUSE_AT", raising=False)
    monkeypatch.delenv("DATAMORPH_SPARK_MASTER", raising=False)
    monkeypatch.delenv("DATAMORPH_ARTIFACTS", raising=False)  # never a developer's bucket
    monkeypatch.delenv("DATAMORPH_S3_ENDPOINT_URL", raising=False)
    # no user config file of the machine's, and no flag an earlier CLI call in this process set
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    # never a daemon a developer started, and none started by the default mode (two commands
    # in a row start one): `datamorph` processes the tests start run alone
    monkeypatch.setenv("DATAMORPH_DAEMON_DIR", str(tmp_path / ".daemon"))
    monkeypatch.setenv("DATAMORPH_DAEMON", "off")
    clear_flags()
    monkeypatch.chdir(tmp_path)
    return home


@pytest.fixture(scope="session")
def retail_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeded retail database, generated once per session; tests copy it."""
    path = tmp_path_factory.mktemp("retail") / "retail.duckdb"
    build_demo_database(path, orders=DEMO_ORDERS, seed=7)
    return path


@pytest.fixture
def retail_db(retail_template: Path, tmp_path: Path) -> Path:
    """A private copy of the retail database that a test may change."""
    path = tmp_path / "retail.duckdb"
    shutil.copy(retail_template, path)
    return path


@pytest.fixture
def retail_engine(retail_db: Path) -> Iterator[DuckDBEngine]:
    with DuckDBEngine(retail_db) as engine:
        yield engine


@pytest.fixture
def retail_catalog(retail_engine: DuckDBEngine) -> Catalog:
    return retail_engine.catalog(samples=3)


@pytest.fixture
def store(isolated_home: Path) -> Iterator[RunStore]:
    with RunStore(isolated_home) as run_store:
        yield run_store


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/ from the current compiler output.",
    )


def pytest_configure(config: pytest.Config) -> None:
    """No test may reach the network: LLM providers and sockets refuse non-loopback hosts."""
    network_guard.install()


@pytest.fixture(scope="session")
def postgres() -> Iterator[object]:
    """A throwaway PostgreSQL server for the session (tests/pg_server.py): password auth on
    127.0.0.1, its superuser DSN from `.dsn()`. Skipped only when no server binaries exist."""
    import pg_server

    if pg_server.find_bindir() is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    with pg_server.postgres_server() as server:
        yield server


PG_TABLES = ("customers", "orders", "order_items", "payments", "products")


@pytest.fixture(scope="session")
def pg_retail(
    postgres: object, retail_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """A URL to schema `retail` holding the retail template's tables, with keys and a comment."""
    from datamorph.engines import open_engine
    from datamorph.engines.transfer import copy_tables

    password, host, port = (getattr(postgres, k) for k in ("password", "host", "port"))
    url = f"postgresql://postgres:{password}@{host}:{port}/postgres?schema=retail"
    engine = open_engine(url, create=True)
    try:
        copy_tables(retail_template, PG_TABLES, engine, tmp_path_factory.mktemp("pg_retail"))
        engine.execute("ALTER TABLE customers ADD PRIMARY KEY (customer_id)")
        engine.execute("ALTER TABLE orders ADD PRIMARY KEY (order_id)")
        engine.execute(
            "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (customer_id)"
        )
        engine.execute("COMMENT ON COLUMN orders.amount IS 'gross amount in EUR'")
        engine.execute("ANALYZE")
    finally:
        engine.close()
    return url


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules that run whole on one worker (xdist_group: a Spark session, TPC-H data) first,
    so that they overlap the many quick tests rather than trail them on one worker."""
    items.sort(key=lambda item: item.get_closest_marker("xdist_group") is None)


@pytest.fixture
def run_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., tuple[int, str, str]]:
    """The CLI's `main()` in this process: (exit code, stdout, stderr) of `datamorph *args`."""
    from datamorph.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["datamorph", *args])
        code = 0
        try:
            main()
        except SystemExit as done:
            code = int(done.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
