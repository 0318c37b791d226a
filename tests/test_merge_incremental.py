"""Merge and incremental targets on DuckDB (a real database file): upserts against hand-computed
tables, delete_when, the first run creating the target, bad increments refused with nothing
changed, a merged result that breaks the grain refused, a kill in the middle of the merge,
high-water marks across runs, --full-refresh, a target dropped by hand, and resume."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

import datamorph
from datamorph.errors import UsageError
from datamorph.faults import CRASH_EXIT_CODE
from datamorph.resume import resume
from datamorph.runs import RunStore
from datamorph.runs.watermarks import Watermarks

ACCOUNTS = [  # id, name, balance, status, updated_at (day of January 2025)
    (1, "ann", "10.00", "open", 1),
    (2, "bob", "20.00", "open", 1),
    (3, "cid", "30.00", "open", 2),
    (5, "eve", "50.00", "closed", 2),  # a delete row: never inserted
]


def _ts(day: int) -> str:
    return f"2025-01-{day:02d} 00:00:00"


def make_db(path: Path) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute(
            "CREATE TABLE accounts (id INTEGER, name VARCHAR, balance DECIMAL(12,2), "
            "status VARCHAR, updated_at TIMESTAMP)"
        )
        for row in ACCOUNTS:
            put(con, *row)
        con.execute("CREATE TABLE events (id INTEGER, amount INTEGER, ts TIMESTAMP)")
        for i in range(1, 6):
            con.execute("INSERT INTO events VALUES (?, ?, ?)", [i, i * 10, _ts(i)])
    return path


def put(con: Any, id_: int, name: str, balance: str, status: str, day: int) -> None:
    con.execute("DELETE FROM accounts WHERE id = ?", [id_])
    con.execute(
        "INSERT INTO accounts VALUES (?, ?, ?, ?, ?)", [id_, name, balance, status, _ts(day)]
    )


def sql(db: Path, statement: str, params: list[Any] | None = None) -> None:
    with duckdb.connect(str(db)) as con:
        con.execute(statement, params or [])


def rows(db: Path, table: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()


def spec(target: str = "account_copy", **table: Any) -> dict[str, Any]:
    return {
        "version": 1,
        "source_tables": [{"name": "accounts", "alias": "a"}],
        "columns": ["a.id", "a.name", "a.balance", "a.status", "a.updated_at"],
        "target_table": {"name": target, "mode": "merge", "keys": ["id"]} | table,
    }


def events_spec(**table: Any) -> dict[str, Any]:
    return {
        "version": 1,
        "source_tables": [{"name": "events", "alias": "e"}],
        "columns": ["e.id", "e.amount", "e.ts"],
        "target_table": {"name": "event_log", "mode": "append", "keys": ["id"],
                         "incremental": {"column": "ts"}} | table,
    }  # fmt: skip


def published(result: Any, store: RunStore) -> dict[str, Any]:
    """The metadata of the run's 'published' event (rows read, merged counts, marks)."""
    for event in store.events(result.run_id):
        if event.message.startswith("published "):
            return event.metadata
    raise AssertionError(f"run {result.run_id} did not publish: {result.message}")


def notes(result: Any, store: RunStore) -> str:
    return "\n".join(event.message for event in store.events(result.run_id))


def row(id_: int, name: str, balance: str, status: str, day: int) -> tuple[Any, ...]:
    import datetime as dt

    return (id_, name, Decimal(balance), status, dt.datetime(2025, 1, day))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return make_db(tmp_path / "shop.duckdb")


def test_merge_upserts_deletes_and_keeps_the_rest(db: Path, store: RunStore) -> None:
    first = datamorph.run(spec(delete_when="status = 'closed'"), database=str(db), store=store)
    assert first.ok, first.message
    # the first run creates the target from the output, without its delete rows
    assert rows(db, "account_copy") == [
        row(1, "ann", "10.00", "open", 1),
        row(2, "bob", "20.00", "open", 1),
        row(3, "cid", "30.00", "open", 2),
    ]
    with duckdb.connect(str(db)) as con:
        put(con, 1, "ann", "11.00", "open", 3)  # changed: replaces the target's row
        con.execute("DELETE FROM accounts WHERE id = 2")  # gone upstream: the target keeps it
        put(con, 3, "cid", "30.00", "closed", 3)  # closed: deletes the target's row
        put(con, 4, "dan", "40.00", "open", 3)  # new
    second = datamorph.run(spec(delete_when="status = 'closed'"), database=str(db), store=store)
    assert second.ok, second.message
    assert rows(db, "account_copy") == [  # computed by hand from the rules above
        row(1, "ann", "11.00", "open", 3),
        row(2, "bob", "20.00", "open", 1),
        row(4, "dan", "40.00", "open", 3),
    ]
    counts = published(second, store)
    assert (counts["inserted"], counts["updated"], counts["deleted"]) == (1, 1, 1)
    assert (counts["delete_rows"], second.rows) == (2, 3)  # cid and eve; eve was never there


def test_duplicate_keys_in_the_output_are_refused_with_nothing_changed(
    db: Path, store: RunStore, run_cli: Any, tmp_path: Path
) -> None:
    assert datamorph.run(spec(), database=str(db), store=store).ok
    before = rows(db, "account_copy")
    sql(db, "INSERT INTO accounts VALUES (2, 'bob2', 1, 'open', '2025-01-09')")
    with pytest.raises(UsageError, match=r"duplicate keys .*id repeats for 1 value .*id = 2"):
        datamorph.run(spec(), database=str(db), store=store)
    assert rows(db, "account_copy") == before
    path = tmp_path / "merge.json"
    path.write_text(json.dumps(spec()))
    code, out, err = run_cli("run", "--spec", str(path), "--database", str(db), "--json")
    assert code == 2, (out, err)
    assert json.loads(out)["message"].startswith("duplicate keys in the run's output: id")
    assert err.startswith("error: duplicate keys") and len(err.strip().splitlines()) == 1
    assert rows(db, "account_copy") == before


def test_an_output_whose_columns_differ_from_the_target_is_refused(
    db: Path, store: RunStore
) -> None:
    assert datamorph.run(spec(), database=str(db), store=store).ok
    before = rows(db, "account_copy")
    fewer = spec() | {"columns": ["a.id", "a.name", "a.balance", "a.status"]}
    with pytest.raises(UsageError, match="columns differ from the target 'account_copy': missing"):
        datamorph.run(fewer, database=str(db), store=store)
    assert rows(db, "account_copy") == before


def test_a_merged_result_that_breaks_the_grain_is_not_published(db: Path, store: RunStore) -> None:
    appended = spec() | {"filters": ["a.id <= 2"]}
    appended["target_table"] = {"name": "account_copy", "mode": "append", "keys": ["id"]}
    for _ in range(2):  # each increment is unique; the table they make is not
        assert datamorph.run(appended, database=str(db), store=store).ok
    before = rows(db, "account_copy")
    assert len(before) == 4
    merging = spec() | {"filters": ["a.id = 1"]}  # fine on its own; 2 stays twice in the target
    result = datamorph.run(merging, database=str(db), store=store)
    assert result.status == "failed" and result.validation_status == "fail"
    assert "the merged result fails grain" in (result.message or "")
    assert "--full-refresh" in (result.message or "")
    assert rows(db, "account_copy") == before
    # --full-refresh rebuilds it from the output alone
    rebuilt = datamorph.run(merging, database=str(db), store=store, full_refresh=True)
    assert rebuilt.ok and rows(db, "account_copy") == [row(1, "ann", "10.00", "open", 1)]


def datamorph_cli(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The installed `datamorph` command beside this Python, without the warm-start daemon."""
    command = str(Path(sys.executable).with_name("datamorph"))
    return subprocess.run(
        [command, *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "DATAMORPH_HOME": str(home), "DATAMORPH_DAEMON": "off", **env},
    )


@pytest.mark.slow
def test_a_run_killed_in_the_middle_of_the_merge_leaves_the_target_as_it_was(
    db: Path, tmp_path: Path, isolated_home: Path
) -> None:
    path = tmp_path / "merge.json"
    path.write_text(json.dumps(spec(delete_when="status = 'closed'")))
    args = ("run", "--spec", str(path), "--database", str(db), "--json")
    assert datamorph_cli(*args, home=isolated_home).returncode == 0
    before = rows(db, "account_copy")
    with duckdb.connect(str(db)) as con:
        put(con, 1, "ann", "99.00", "open", 4)
        put(con, 2, "bob", "20.00", "closed", 4)
        put(con, 6, "fay", "60.00", "open", 4)
    killed = datamorph_cli(*args, home=isolated_home, DATAMORPH_CRASH_AT="mid_merge")
    assert killed.returncode == CRASH_EXIT_CODE, killed.stderr
    assert rows(db, "account_copy") == before  # exactly as it was
    with RunStore(isolated_home) as store:
        (dead,) = [r for r in store.list_runs() if str(r.status) == "interrupted"]
        assert resume(dead.run_id, database=str(db), store=store).ok
    assert rows(db, "account_copy") == [
        row(1, "ann", "99.00", "open", 4),
        row(3, "cid", "30.00", "open", 2),
        row(6, "fay", "60.00", "open", 4),
    ]
    with duckdb.connect(str(db), read_only=True) as con:
        found = con.execute("SELECT run_id FROM _dm_publish_log ORDER BY ALL").fetchall()
        leftovers = con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '_dm_%' "
            "AND table_name NOT IN ('_dm_publish_log', '_dm_staging_log')"
        ).fetchall()
    assert len(found) == 2 and dead.run_id in {r for (r,) in found} and leftovers == []


def test_incremental_append_reads_only_new_rows_and_ends_as_a_full_recompute(
    db: Path, store: RunStore
) -> None:
    read = []
    for new in ([], [6, 7, 8], [9, 10]):
        for i in new:
            sql(db, "INSERT INTO events VALUES (?, ?, ?)", [i, i * 10, _ts(i)])
        result = datamorph.run(events_spec(), database=str(db), store=store)
        assert result.ok, result.message
        read.append(published(result, store)["read"])
    assert read == [5, 3, 2]
    assert rows(db, "event_log") == rows(db, "events")
    text = notes(result, store)
    assert "reading rows with ts > 2025-01-08 00:00:00" in text
    assert "high-water mark ts = 2025-01-10 00:00:00" in text
    # nothing new: an empty increment succeeds and keeps the mark
    quiet = datamorph.run(events_spec(), database=str(db), store=store)
    assert quiet.ok and published(quiet, store)["read"] == 0
    marks = Watermarks(store).recent(str(db), "event_log")
    assert [m.value for m in marks] == [
        "2025-01-10 00:00:00", "2025-01-08 00:00:00", "2025-01-05 00:00:00"
    ]  # fmt: skip
    assert all(m.committed and m.value_type == "TIMESTAMP" for m in marks)


def test_incremental_merge_upserts_and_deletes_only_what_changed(db: Path, store: RunStore) -> None:
    merging = spec(delete_when="status = 'closed'", incremental={"column": "updated_at"})
    changes: list[list[tuple[Any, ...]]] = [
        [],
        [(1, "ann", "12.00", "open", 5), (4, "dan", "40.00", "open", 5)],
        [(2, "bob", "20.00", "closed", 6), (7, "gus", "70.00", "open", 6)],
    ]
    read = []
    for batch in changes:
        with duckdb.connect(str(db)) as con:
            for change in batch:
                put(con, *change)
        result = datamorph.run(merging, database=str(db), store=store)
        assert result.ok, result.message
        read.append(published(result, store)["read"])
    assert read == [4, 2, 2]
    full = "SELECT * FROM accounts WHERE status <> 'closed' ORDER BY ALL"
    with duckdb.connect(str(db), read_only=True) as con:
        assert rows(db, "account_copy") == con.execute(full).fetchall()
    assert published(result, store)["deleted"] == 1


def test_an_aggregate_grouped_on_the_incremental_column_reads_whole_groups(
    db: Path, store: RunStore
) -> None:
    daily = {
        "version": 1,
        "source_tables": [{"name": "events", "alias": "e"}],
        "group_by": ["CAST(e.ts AS DATE) AS day"],
        "aggregations": [{"name": "total", "expr": "sum(e.amount)"}],
        "target_table": {"name": "daily", "mode": "merge", "keys": ["day"],
                         "incremental": {"column": "day"}},
    }  # fmt: skip
    assert datamorph.run(daily, database=str(db), store=store).ok
    sql(db, "INSERT INTO events VALUES (6, 60, '2025-01-06 10:00:00'), (7, 5, '2025-01-06 11:00')")
    again = datamorph.run(daily, database=str(db), store=store)
    assert again.ok and published(again, store)["read"] == 1
    with duckdb.connect(str(db), read_only=True) as con:
        expected = con.execute(
            "SELECT CAST(ts AS DATE), sum(amount) FROM events GROUP BY 1 ORDER BY ALL"
        ).fetchall()
    assert rows(db, "daily") == expected
    appended = daily | {"target_table": daily["target_table"] | {"mode": "append"}}
    appended["aggregations"] = [{"name": "total", "expr": "sum(e.amount)"},
                                {"name": "last_ts", "expr": "max(e.ts)"}]  # fmt: skip
    appended["target_table"]["incremental"] = {"column": "last_ts"}
    appended["target_table"]["name"] = "daily_append"
    with pytest.raises(UsageError, match="'last_ts' is not a group key"):
        datamorph.run(appended, database=str(db), store=store)


@pytest.mark.slow
def test_full_refresh_from_the_cli_rebuilds_and_records_a_new_mark(
    db: Path, tmp_path: Path, isolated_home: Path
) -> None:
    path = tmp_path / "events.json"
    path.write_text(json.dumps(events_spec()))
    args = ("run", "--spec", str(path), "--database", str(db), "--json")
    assert datamorph_cli(*args, home=isolated_home).returncode == 0
    # a row changed in the past: an incremental run cannot see it, a full refresh does
    sql(db, "UPDATE events SET amount = 999 WHERE id = 2")
    sql(db, "INSERT INTO events VALUES (6, 60, '2025-01-06')")
    normal = datamorph_cli(*args, home=isolated_home)
    assert normal.returncode == 0, normal.stderr
    assert rows(db, "event_log") != rows(db, "events")
    refreshed = datamorph_cli(*args, "--full-refresh", home=isolated_home)
    assert refreshed.returncode == 0, refreshed.stderr
    assert json.loads(refreshed.stdout)["rows"] == 6
    assert rows(db, "event_log") == rows(db, "events")  # rebuilt, not appended again
    with RunStore(isolated_home) as store:
        run_id = json.loads(refreshed.stdout)["run_id"]
        assert "--full-refresh" in "\n".join(e.message for e in store.events(run_id))
        (newest, *_) = Watermarks(store).recent(str(db), "event_log")
        assert (newest.run_id, newest.value, newest.committed) == (
            run_id, "2025-01-06 00:00:00", True
        )  # fmt: skip


def test_a_target_dropped_by_hand_is_loaded_in_full(db: Path, store: RunStore) -> None:
    assert datamorph.run(events_spec(), database=str(db), store=store).ok
    sql(db, "DROP TABLE event_log")
    again = datamorph.run(events_spec(), database=str(db), store=store)
    assert again.ok and published(again, store)["read"] == 5
    assert "does not exist: ignoring the high-water mark" in notes(again, store)
    assert rows(db, "event_log") == rows(db, "events")


def test_an_append_target_without_a_mark_is_not_loaded_twice(db: Path, store: RunStore) -> None:
    plain = events_spec()
    plain["target_table"] = {"name": "event_log", "mode": "append", "keys": ["id"]}
    assert datamorph.run(plain, database=str(db), store=store).ok
    with pytest.raises(UsageError, match="exists but has no high-water mark"):
        datamorph.run(events_spec(), database=str(db), store=store)
    assert len(rows(db, "event_log")) == 5


@pytest.mark.slow
@pytest.mark.parametrize("crash_at", ["after_staging", "mid_merge", "after_publish"])
def test_a_resumed_incremental_run_reads_what_it_would_have_read(
    crash_at: str, db: Path, tmp_path: Path, isolated_home: Path
) -> None:
    merging = spec(incremental={"column": "updated_at"})
    path = tmp_path / "merge.json"
    path.write_text(json.dumps(merging))
    args = ("run", "--spec", str(path), "--database", str(db), "--json")
    assert datamorph_cli(*args, home=isolated_home).returncode == 0
    with duckdb.connect(str(db)) as con:
        put(con, 1, "ann", "13.00", "open", 7)
        put(con, 8, "hal", "80.00", "open", 7)
    killed = datamorph_cli(*args, home=isolated_home, DATAMORPH_CRASH_AT=crash_at)
    assert killed.returncode == CRASH_EXIT_CODE
    with RunStore(isolated_home) as store:
        (first,) = [r for r in store.list_runs() if str(r.status) == "completed"]
        (dead,) = [r for r in store.list_runs() if str(r.status) == "interrupted"]
        # a mark moved on since (by hand here): a lookup now would skip the new rows
        Watermarks(store).add_pending(
            first.run_id, str(db), "account_copy", "updated_at", "2025-12-31 00:00:00", "TIMESTAMP"
        )
        Watermarks(store).commit(first.run_id)
        result = resume(dead.run_id, database=str(db), store=store)
        assert result.ok, result.message
        text = "\n".join(e.message for e in store.events(dead.run_id))
        (mine,) = [m for m in Watermarks(store).recent(str(db), "account_copy")
                   if m.run_id == dead.run_id]  # fmt: skip
    assert "updated_at > 2025-01-02 00:00:00" in text
    if crash_at != "after_publish":  # re-executed: with the increment it started with
        assert "as decided when the run started: incremental: reading rows" in text
    with duckdb.connect(str(db), read_only=True) as con:
        expected = con.execute("SELECT * FROM accounts ORDER BY ALL").fetchall()
        logged = con.execute("SELECT count(*) FROM _dm_publish_log").fetchone()
    assert rows(db, "account_copy") == expected
    assert logged == (2,)  # published once
    assert (mine.value, mine.committed) == ("2025-01-07 00:00:00", True)


def test_spark_refuses_merge_and_incremental_targets() -> None:
    from datamorph.run_guards import refuse_merge_engine
    from datamorph.spec import Spec

    merging = Spec.model_validate(spec())
    with pytest.raises(UsageError, match="mode 'merge' is supported on duckdb and postgres"):
        refuse_merge_engine(merging, "spark")
    appending = Spec.model_validate(events_spec())
    with pytest.raises(UsageError, match="an incremental target is supported on duckdb"):
        refuse_merge_engine(appending, "spark")
    refuse_merge_engine(merging, "duckdb")  # no error
    refuse_merge_engine(merging, "postgres")


def test_a_publish_refuses_when_another_run_published_the_target_meanwhile(db: Path) -> None:
    from datamorph.engines.duckdb import DuckDBEngine
    from datamorph.engines.merge import TargetMoved, generation
    from datamorph.spec.model import TargetTable

    target = TargetTable(name="account_copy", mode="merge", keys=("id",))
    with DuckDBEngine(db) as engine:
        read = generation(engine, target.name)
        assert read == 0
        first = engine.build_staging("SELECT * FROM accounts", "run_a")
        engine.publish(first, target, expected=read)
        before = rows_of(engine)
        late = engine.build_staging("SELECT * FROM accounts WHERE id = 1", "run_b")
        with pytest.raises(TargetMoved, match="run run_a published account_copy"):
            engine.publish(late, target, expected=read)  # read before run_a published
        assert rows_of(engine) == before and generation(engine, target.name) == 1


def rows_of(engine: Any) -> list[tuple[Any, ...]]:
    return sorted(engine.query("SELECT * FROM account_copy").rows)


def test_given_code_is_checked_against_the_spec_filtered_the_same_way(
    db: Path, store: RunStore
) -> None:
    # not the spec's compiled SQL: validation evaluates the spec itself as the reference, and
    # must filter it above the same mark, or an increment would never match the whole answer
    code = "SELECT x.id, x.amount, x.ts FROM events AS x WHERE x.amount >= 0 ORDER BY x.id"
    assert datamorph.run(events_spec(), code=code, database=str(db), store=store).ok
    sql(db, "INSERT INTO events VALUES (6, 60, '2025-01-06'), (7, 70, '2025-01-07')")
    again = datamorph.run(events_spec(), code=code, database=str(db), store=store)
    assert again.ok and again.validation_status == "pass", again.message
    assert published(again, store)["read"] == 2
    checks = {c["name"]: c for c in again.report["checks"]}
    assert checks["row_count"]["status"] == "pass", checks["row_count"]
    assert rows(db, "event_log") == rows(db, "events")


def test_a_target_emptied_or_cut_by_hand_is_not_read_above_its_mark(
    db: Path, store: RunStore
) -> None:
    assert datamorph.run(events_spec(), database=str(db), store=store).ok
    sql(db, "DELETE FROM event_log WHERE id = 5")  # the row that set the mark is gone
    with pytest.raises(UsageError, match="no row at its high-water mark ts = 2025-01-05"):
        datamorph.run(events_spec(), database=str(db), store=store)
    sql(db, "DELETE FROM event_log")  # emptied: a full load duplicates nothing
    again = datamorph.run(events_spec(), database=str(db), store=store)
    assert again.ok and published(again, store)["read"] == 5
    assert "is empty: ignoring the high-water mark" in notes(again, store)
    assert rows(db, "event_log") == rows(db, "events")


def test_the_spec_s_tests_run_on_the_merged_result(db: Path, store: RunStore) -> None:
    tested = spec() | {"tests": [{"row_count": {"max": 4}}]}
    assert datamorph.run(tested, database=str(db), store=store).ok  # 4 rows
    before = rows(db, "account_copy")
    sql(db, "DELETE FROM accounts WHERE id <= 3")  # the output: 1 row; the merged table: 5
    sql(db, "INSERT INTO accounts VALUES (6, 'fay', 60, 'open', '2025-01-06')")
    result = datamorph.run(tested, database=str(db), store=store)
    assert result.status == "failed" and "the merged result fails test: row_count" in (
        result.message or ""
    )
    assert rows(db, "account_copy") == before
