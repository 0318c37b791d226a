"""The engine's own fence: a DuckDB connection reads no file but the database and its sources."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from datamorph.engines import DuckDBEngine, EngineError
from datamorph.errors import UsageError

SECRET = "canary-7d1f"


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


@pytest.mark.parametrize(
    "statement",
    [
        "SELECT content FROM read_text('{secret}')",
        "SELECT * FROM read_csv('{secret}')",
        "SELECT * FROM glob('{folder}/*')",
        "SELECT * FROM query('SELECT content FROM read_text(''{secret}'')')",
        "SELECT content FROM read_text('/proc/self/environ')",
        "SELECT getenv('HOME')",
        "COPY (SELECT 1) TO '{folder}/out.csv'",
        "ATTACH '{folder}/other.duckdb' AS other",
        "INSTALL httpfs",
        "SET enable_external_access = true",
    ],
)
def test_no_file_setting_or_variable_outside_the_database(
    tmp_path: Path, secret_file: Path, statement: str
) -> None:
    sql = statement.format(secret=secret_file, folder=tmp_path)
    with DuckDBEngine(tmp_path / "db.duckdb", create=True) as engine:
        with pytest.raises((EngineError, UsageError)) as refused:
            engine.execute(sql).fetchall()
        assert SECRET not in str(refused.value)
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "other.duckdb").exists()


def test_the_files_a_run_names_are_readable_and_nothing_beside_them(
    tmp_path: Path, secret_file: Path
) -> None:
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "a.csv").write_text("x\n1\n2\n")
    (landing / "b.csv").write_text("x\n3\n")
    with DuckDBEngine(tmp_path / "db.duckdb", create=True, files=[landing / "*.csv"]) as engine:
        rows = engine.attach_sources({"orders": str(landing / "*.csv")})
        assert rows == {"orders": 3}
        with pytest.raises(EngineError, match="disabled by configuration"):
            engine.execute(f"SELECT * FROM read_text('{secret_file}')")


def test_a_second_connection_cannot_widen_the_fence(tmp_path: Path, secret_file: Path) -> None:
    with DuckDBEngine(tmp_path / "db.duckdb", create=True) as first:
        with pytest.raises(UsageError, match="already open in this process"):
            DuckDBEngine(tmp_path / "db.duckdb", files=[secret_file])
        first.execute("SELECT 1")


def test_the_spill_folder_can_still_move_when_the_run_is_scaled(tmp_path: Path) -> None:
    with DuckDBEngine(tmp_path / "db.duckdb", create=True) as engine:
        engine.execute("CREATE TABLE t AS SELECT range AS i FROM range(10)")
        engine.configure({"memory_limit": "64MB", "temp_directory": str(tmp_path / "spill")})
        assert engine.settings()["temp_directory"] == str(tmp_path / "spill")
        assert engine.settings()["memory_limit"] in ("61.0 MiB", "64.0 MB", "61.0MiB")
        assert engine.query("SELECT count(*) FROM t").rows == [(10,)]
        with pytest.raises(EngineError):
            engine.execute("SELECT content FROM read_text('/etc/hostname')")


def test_a_database_opened_by_duckdb_alone_is_untouched(tmp_path: Path) -> None:
    path = tmp_path / "plain.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE t AS SELECT 1 AS a")
    with DuckDBEngine(path) as engine:
        assert engine.query("SELECT a FROM t").rows == [(1,)]
