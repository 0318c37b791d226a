"""`plan` reads which tables DataMorph published straight from the SQLite store file: the same
answer as the run store's, for every kind of run, and the store itself for other stores."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from datamorph.errors import ConfigurationError
from datamorph.runs import RunStatus, RunStore
from datamorph.runs.published import _sqlite_file, published_tables


def _record(store: RunStore, database: str, target: str, status: RunStatus) -> None:
    run = store.create_run(engine="duckdb", database=database, target_table=target)
    store.update_run(run.run_id, status=status)
    store.release(run.run_id)


def test_the_file_read_equals_the_store(isolated_home: Path) -> None:
    with RunStore(isolated_home) as store:
        _record(store, "shop.duckdb", "Totals", RunStatus.COMPLETED)
        _record(store, "shop.duckdb", "totals", RunStatus.COMPLETED)  # the same, another case
        _record(store, "shop.duckdb", "broken", RunStatus.FAILED)
        _record(store, "other.duckdb", "elsewhere", RunStatus.COMPLETED)
        _record(store, "shop.duckdb", "going", RunStatus.EXECUTING)
        expected = store.published_tables("shop.duckdb")
    assert expected == {"totals"}
    assert published_tables("shop.duckdb") == expected
    assert published_tables("nowhere.duckdb") == set()


def test_no_store_yet_is_created_as_before(isolated_home: Path) -> None:
    assert not (isolated_home / "runs.db").exists()
    assert published_tables("shop.duckdb") == set()
    assert (isolated_home / "runs.db").is_file()  # through the store, which creates it


def test_a_fifo_in_place_of_the_store_is_refused_not_waited_on(isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    os.mkfifo(isolated_home / "runs.db")
    with pytest.raises(ConfigurationError):
        published_tables("shop.duckdb")


def test_a_file_it_cannot_read_goes_through_the_store(isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "runs.db").write_bytes(b"not a database at all")
    with pytest.raises(ConfigurationError, match="is damaged"):
        published_tables("shop.duckdb")  # the store's own one-line error, not a silent {}


def test_other_stores_are_not_read_as_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATAMORPH_STORE", "postgresql://u@localhost/store")
    assert _sqlite_file() is None
    monkeypatch.setenv("DATAMORPH_STORE", "sqlite:////tmp/x/runs.db")
    assert _sqlite_file() == Path("/tmp/x/runs.db")
