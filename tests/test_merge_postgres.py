"""Merge and incremental targets on a real PostgreSQL server (tests/pg_server.py): upserts
and delete_when against a hand-computed table, the first run creating the target, duplicate
keys and a merged result that breaks the grain refused with nothing changed, a kill in the
middle of the merge, and three incremental runs reading only their new rows."""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import datamorph
from datamorph.engines import open_engine
from datamorph.errors import UsageError
from datamorph.faults import CRASH_EXIT_CODE
from datamorph.resume import resume
from datamorph.runs import RunStore
from datamorph.runs.watermarks import Watermarks


@pytest.fixture
def pg(postgres: Any) -> Iterator[str]:
    """A URL to a fresh schema holding `accounts` and `events`."""
    schema = f"merge_{secrets.token_hex(4)}"
    url = (
        f"postgresql://postgres:{postgres.password}@{postgres.host}:{postgres.port}/postgres"
        f"?schema={schema}"
    )
    engine = open_engine(url, create=True)
    try:
        engine.execute(
            "CREATE TABLE accounts (id integer, name text, balance numeric(12,2), status text, "
            "updated_at timestamp)"
        )
        for row in ((1, "ann", "10.00", "open", 1), (2, "bob", "20.00", "open", 1),
                    (3, "cid", "30.00", "open", 2), (5, "eve", "50.00", "closed", 2)):  # fmt: skip
            put(engine, *row)
        engine.execute("CREATE TABLE events (id integer, amount integer, ts timestamp)")
        for i in range(1, 6):
            engine.execute("INSERT INTO events VALUES (%s, %s, %s)", [i, i * 10, _ts(i)])
    finally:
        engine.close()
    yield url


def _ts(day: int) -> str:
    return f"2025-01-{day:02d} 00:00:00"


def put(engine: Any, id_: int, name: str, balance: str, status: str, day: int) -> None:
    engine.execute("DELETE FROM accounts WHERE id = %s", [id_])
    engine.execute(
        "INSERT INTO accounts VALUES (%s, %s, %s, %s, %s)", [id_, name, balance, status, _ts(day)]
    )


def change(url: str, *statements: tuple[str, list[Any]]) -> None:
    engine = open_engine(url)
    try:
        for sql, params in statements:
            engine.execute(sql, params)
    finally:
        engine.close()


def rows(url: str, table: str) -> list[tuple[Any, ...]]:
    engine = open_engine(url)
    try:
        return sorted(engine.query(f"SELECT * FROM {table}").rows)
    finally:
        engine.close()


def spec(target: str = "account_copy", **table: Any) -> dict[str, Any]:
    return {
        "version": 1,
        "source_tables": [{"name": "accounts", "alias": "a"}],
        "columns": ["a.id", "a.name", "a.balance", "a.status", "a.updated_at"],
        "target_table": {"name": target, "mode": "merge", "keys": ["id"]} | table,
    }


def row(id_: int, name: str, balance: str, status: str, day: int) -> tuple[Any, ...]:
    return (id_, name, Decimal(balance), status, dt.datetime(2025, 1, day))


def published(result: Any, store: RunStore) -> dict[str, Any]:
    for event in store.events(result.run_id):
        if event.message.startswith("published "):
            return event.metadata
    raise AssertionError(f"run {result.run_id} did not publish: {result.message}")


def test_merge_upserts_deletes_and_keeps_the_rest(pg: str, store: RunStore) -> None:
    merging = spec(delete_when="status = 'closed'")
    first = datamorph.run(merging, database=pg, store=store)
    assert first.ok, first.message
    assert rows(pg, "account_copy") == [
        row(1, "ann", "10.00", "open", 1),
        row(2, "bob", "20.00", "open", 1),
        row(3, "cid", "30.00", "open", 2),
    ]
    change(
        pg,
        ("UPDATE accounts SET balance = 11, updated_at = %s WHERE id = 1", [_ts(3)]),
        ("DELETE FROM accounts WHERE id = 2", []),
        ("UPDATE accounts SET status = 'closed', updated_at = %s WHERE id = 3", [_ts(3)]),
        ("INSERT INTO accounts VALUES (4, 'dan', 40, 'open', %s)", [_ts(3)]),
    )
    second = datamorph.run(merging, database=pg, store=store)
    assert second.ok, second.message
    assert rows(pg, "account_copy") == [
        row(1, "ann", "11.00", "open", 3),
        row(2, "bob", "20.00", "open", 1),
        row(4, "dan", "40.00", "open", 3),
    ]
    counts = published(second, store)
    assert (counts["inserted"], counts["updated"], counts["deleted"]) == (1, 1, 1)


def test_bad_increments_and_a_broken_merged_result_change_nothing(pg: str, store: RunStore) -> None:
    appended = spec() | {"filters": ["a.id <= 2"]}
    appended["target_table"] = {"name": "account_copy", "mode": "append", "keys": ["id"]}
    for _ in range(2):  # two unique increments, one table with every key twice
        assert datamorph.run(appended, database=pg, store=store).ok
    before = rows(pg, "account_copy")
    broken = datamorph.run(spec() | {"filters": ["a.id = 1"]}, database=pg, store=store)
    assert broken.status == "failed" and "the merged result fails grain" in (broken.message or "")
    assert rows(pg, "account_copy") == before
    change(pg, ("INSERT INTO accounts VALUES (2, 'bob2', 1, 'open', %s)", [_ts(9)]))
    with pytest.raises(UsageError, match=r"duplicate keys .*id = 2"):
        datamorph.run(spec(), database=pg, store=store)
    assert rows(pg, "account_copy") == before
    engine = open_engine(pg)
    try:
        assert [n for n in engine.table_names() if n.startswith("_dm_")] == []
    finally:
        engine.close()


def test_a_run_killed_in_the_middle_of_the_merge_leaves_the_target_as_it_was(
    pg: str, tmp_path: Path, isolated_home: Path
) -> None:
    path = tmp_path / "merge.json"
    path.write_text(json.dumps(spec(delete_when="status = 'closed'")))
    command = [str(Path(sys.executable).with_name("datamorph")), "run", "--spec", str(path)]
    args = [*command, "--database", pg, "--json"]
    env = {**os.environ, "DATAMORPH_HOME": str(isolated_home), "DATAMORPH_DAEMON": "off"}
    first = subprocess.run(args, capture_output=True, text=True, timeout=180, env=env)
    assert first.returncode == 0, first.stderr
    before = rows(pg, "account_copy")
    change(
        pg,
        ("UPDATE accounts SET balance = 99, updated_at = %s WHERE id = 1", [_ts(4)]),
        ("UPDATE accounts SET status = 'closed', updated_at = %s WHERE id = 2", [_ts(4)]),
    )
    killed = subprocess.run(
        args, capture_output=True, text=True, timeout=180,
        env=env | {"DATAMORPH_CRASH_AT": "mid_merge"},
    )  # fmt: skip
    assert killed.returncode == CRASH_EXIT_CODE, killed.stderr
    assert rows(pg, "account_copy") == before
    with RunStore(isolated_home) as store:
        (dead,) = [r for r in store.list_runs() if str(r.status) == "interrupted"]
        assert resume(dead.run_id, database=pg, store=store).ok
    assert rows(pg, "account_copy") == [
        row(1, "ann", "99.00", "open", 4),
        row(3, "cid", "30.00", "open", 2),
    ]


def test_three_incremental_runs_read_only_their_new_rows(pg: str, store: RunStore) -> None:
    events = {
        "version": 1,
        "source_tables": [{"name": "events", "alias": "e"}],
        "columns": ["e.id", "e.amount", "e.ts"],
        "target_table": {"name": "event_log", "mode": "append", "keys": ["id"],
                         "incremental": {"column": "ts"}},
    }  # fmt: skip
    merging = spec(delete_when="status = 'closed'", incremental={"column": "updated_at"})
    read: list[tuple[int, int]] = []
    batches = [[], [6, 7, 8], [9, 10]]
    for batch in batches:
        for i in batch:
            change(
                pg,
                ("INSERT INTO events VALUES (%s, %s, %s)", [i, i * 10, _ts(i)]),
                ("INSERT INTO accounts VALUES (%s, 'new', 1, 'open', %s)", [i + 10, _ts(i)]),
            )
        if batch == [9, 10]:
            change(pg, ("UPDATE accounts SET status = 'closed', updated_at = %s WHERE id = 1",
                        [_ts(10)]))  # fmt: skip
        appended = datamorph.run(events, database=pg, store=store)
        merged = datamorph.run(merging, database=pg, store=store)
        assert appended.ok and merged.ok, (appended.message, merged.message)
        read.append((published(appended, store)["read"], published(merged, store)["read"]))
    assert read == [(5, 4), (3, 3), (2, 3)]
    assert rows(pg, "event_log") == rows(pg, "events")
    assert rows(pg, "account_copy") == sorted(r for r in rows(pg, "accounts") if r[3] != "closed")
    (mark, *_) = Watermarks(store).recent(open_location(pg), "event_log")
    assert (mark.value, mark.committed) == ("2025-01-10 00:00:00", True)


def open_location(url: str) -> str:
    engine = open_engine(url)
    try:
        return str(engine.location)
    finally:
        engine.close()
