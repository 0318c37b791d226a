"""A file that is not a whole DuckDB database is refused as input, before DuckDB opens it,
and the file is left as it was."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from pathlib import Path

import pytest

from datamorph.engines import open_engine
from datamorph.errors import UsageError


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _damaged(kind: str, real: Path, path: Path) -> None:
    body = real.read_bytes()
    if kind == "text":
        path.write_text("id,name\n1,x\n")
    elif kind == "sqlite":
        with sqlite3.connect(path) as con:
            con.execute("CREATE TABLE t (x)")
    elif kind == "header_only":
        path.write_bytes(body[:4096])
    elif kind == "half":
        path.write_bytes(body[: len(body) // 2])
    elif kind == "corrupt_blocks":
        noise = random.Random(3).randbytes(65536 - 12288)
        path.write_bytes(body[:12288] + noise + body[65536:])
    else:
        raise AssertionError(kind)


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("text", "is not a DuckDB database (it does not start like one)"),
        ("sqlite", "is not a DuckDB database (it is a SQLite database)"),
        ("header_only", "is a damaged DuckDB database: it is cut short"),
        ("half", "is a damaged DuckDB database"),
        ("corrupt_blocks", "is a damaged DuckDB database"),
    ],
)
@pytest.mark.parametrize("read_only", [True, False])  # a read meets the cut; a write is checked
def test_a_file_that_is_not_a_whole_database_is_a_usage_error(
    retail_db: Path, tmp_path: Path, kind: str, words: str, read_only: bool
) -> None:
    path = tmp_path / f"{kind}.duckdb"
    _damaged(kind, retail_db, path)
    before = _digest(path)
    with pytest.raises(UsageError, match=r"damaged|not a DuckDB") as caught:
        engine = open_engine(str(path), read_only=read_only)
        try:  # corrupt blocks show when a query reaches them
            engine.catalog(samples=3)
        finally:
            engine.close()
    assert words in caught.value.message
    assert _digest(path) == before and not path.with_suffix(".duckdb.wal").exists()


def test_a_file_duckdb_shrank_itself_is_whole(tmp_path: Path) -> None:
    """DuckDB cuts trailing free blocks off the file and leaves its header's block count as
    it was: the file is shorter than the header says, and whole (a size check would refuse
    it; the tables' block numbers do not)."""
    path = tmp_path / "shrunk.duckdb"
    engine = open_engine(str(path), create=True)
    try:
        engine.execute("CREATE TABLE a AS SELECT range AS x FROM range(100000)")
        engine.execute("CHECKPOINT")
        engine.execute(
            "CREATE TABLE b AS SELECT range AS x, md5(range::VARCHAR) AS y FROM range(500000)"
        )
        engine.execute("CHECKPOINT")
        size_with_b = path.stat().st_size
        engine.execute("DROP TABLE b")
        engine.execute("CHECKPOINT")
    finally:
        engine.close()
    assert path.stat().st_size < size_with_b  # DuckDB shrank it
    for read_only in (True, False):
        reopened = open_engine(str(path), read_only=read_only)
        try:
            assert reopened.table_names() == ["a"]
        finally:
            reopened.close()


def test_an_empty_file_is_refused_with_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "empty.duckdb"
    path.write_bytes(b"")
    with pytest.raises(UsageError, match="empty file") as caught:
        open_engine(str(path), create=True)
    assert caught.value.hint == "remove it, and a new database is created there"
    assert path.read_bytes() == b""


def test_a_file_cut_after_datamorph_wrote_it_is_still_caught(
    retail_db: Path, tmp_path: Path
) -> None:
    """The block check is skipped for a file DataMorph closed and nobody changed since (its
    stamp); a cut made after that changes the stamp, and the check runs again."""
    path = tmp_path / "cut_later.duckdb"
    path.write_bytes(retail_db.read_bytes())
    for _ in range(2):  # the second open is the one that may skip the check
        engine = open_engine(str(path))
        engine.execute("CREATE OR REPLACE TABLE extra AS SELECT range AS x FROM range(200000)")
        engine.close()
    body = path.read_bytes()
    path.write_bytes(body[: len(body) * 2 // 3])
    with pytest.raises(UsageError, match="damaged DuckDB database"):
        open_engine(str(path)).close()


def test_a_file_this_process_holds_open_is_not_checked_again(
    retail_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Runs in threads (a parallel build, the service) share the file's instance: what another
    connection is writing is not a cut file, and a block check would read it as one."""
    from datamorph.engines import duckdb as engine_module
    from datamorph.engines import duckdb_file

    checked: list[Path] = []
    monkeypatch.setattr(duckdb_file, "known_sound", lambda path: False)  # always check
    monkeypatch.setattr(engine_module, "known_sound", lambda path: False)
    monkeypatch.setattr(engine_module, "check_blocks", lambda con, path: checked.append(path))
    first = open_engine(str(retail_db))
    try:
        assert checked == [retail_db]
        second = open_engine(str(retail_db))  # while the first is open: not checked again
        second.close()
        assert checked == [retail_db]
    finally:
        first.close()
    open_engine(str(retail_db)).close()  # nobody holds it now: checked as before
    assert checked == [retail_db, retail_db]
