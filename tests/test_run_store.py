"""The run store: runs, events (ordered, safe under concurrent writers) and artifact files."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pydantic import ValidationError

from datamorph.errors import NotFoundError, UsageError
from datamorph.runs import ArtifactExistsError, RunStatus, RunStore


class FakeClock:
    """A clock the test moves by hand, so staleness and ordering do not depend on sleeping."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 14, 25, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Iterator[RunStore]:
    with RunStore(tmp_path / ".datamorph", clock=clock) as opened:
        yield opened


def test_create_get_update_list(store: RunStore, clock: FakeClock) -> None:
    run = store.create_run(engine="duckdb", database="shop.duckdb", prompt="daily revenue")
    assert run.status is RunStatus.PLANNING
    assert run.run_id.startswith("20261123-142501-") and len(run.run_id) == 22
    assert run.created_at == run.updated_at == run.heartbeat_at == clock.now
    assert run.created_at.tzinfo is not None
    assert store.get_run(run.run_id) == run

    clock.advance(seconds=5)
    updated = store.update_run(
        run.run_id, status="executing", iterations=2, rows=10, usage={"tokens": 1200}
    )
    assert updated.status is RunStatus.EXECUTING
    assert (updated.iterations, updated.rows, updated.usage) == (2, 10, {"tokens": 1200})
    assert updated.created_at == run.created_at
    assert updated.updated_at == updated.heartbeat_at == clock.now
    assert store.get_run(run.run_id) == updated

    clock.advance(seconds=1)
    newer = store.create_run(engine="postgres", database="pg://x", target_table="daily")
    store.update_run(newer.run_id, status=RunStatus.COMPLETED)
    assert [r.run_id for r in store.list_runs()] == [newer.run_id, run.run_id]
    assert [r.run_id for r in store.list_runs(limit=1)] == [newer.run_id]
    assert [r.run_id for r in store.list_runs(status=RunStatus.EXECUTING)] == [run.run_id]


def test_update_rejects_unknown_and_invalid_fields(store: RunStore) -> None:
    run = store.create_run(engine="duckdb", database="db")
    with pytest.raises(ValueError, match="colour"):
        store.update_run(run.run_id, colour="blue")
    with pytest.raises(ValueError, match="created_at"):
        store.update_run(run.run_id, created_at=datetime.now(UTC))
    with pytest.raises(ValidationError):
        store.update_run(run.run_id, status="sleeping")
    assert store.get_run(run.run_id) == run  # nothing was written


def test_terminal_statuses() -> None:
    terminal = {s for s in RunStatus if s.terminal}
    assert terminal == {
        RunStatus.COMPLETED,
        RunStatus.FAILED,
        RunStatus.NEEDS_ATTENTION,
        RunStatus.INTERRUPTED,  # it moves again only when a person resumes it
        RunStatus.CANCELLED,
    }


def test_get_run_by_unique_prefix(store: RunStore) -> None:
    a = store.create_run(engine="duckdb", database="db", run_id="20261123-142501-3f9a2c")
    b = store.create_run(engine="duckdb", database="db", run_id="20261123-142501-3f0000")
    assert store.get_run("20261123-142501-3f9") == a
    assert store.get_run("20261123-142501-3f0") == b


def test_ambiguous_prefix_names_the_candidates(store: RunStore) -> None:
    store.create_run(engine="duckdb", database="db", run_id="20261123-142501-3f9a2c")
    store.create_run(engine="duckdb", database="db", run_id="20261123-142501-3f0000")
    with pytest.raises(UsageError) as caught:
        store.get_run("20261123-142501-3f")
    assert not isinstance(caught.value, NotFoundError)
    assert "ambiguous" in caught.value.message
    assert "20261123-142501-3f9a2c" in caught.value.message
    assert "20261123-142501-3f0000" in caught.value.message
    with pytest.raises(UsageError):
        store.get_run("  ")


def test_unknown_run_id_suggests_the_closest(store: RunStore) -> None:
    run = store.create_run(engine="duckdb", database="db", run_id="20261123-142501-3f9a2c")
    with pytest.raises(NotFoundError) as caught:
        store.get_run("20261123-142501-3f9a2d")
    assert caught.value.message == "unknown run '20261123-142501-3f9a2d'"
    assert caught.value.hint == f"did you mean '{run.run_id}'?"
    for call in (
        lambda: store.update_run("nope", message="x"),
        lambda: store.heartbeat("nope"),
        lambda: store.add_event("nope", "plan", "x"),
        lambda: store.events("nope"),
        lambda: store.artifacts("nope"),
        lambda: store.save_artifact("nope", "spec.json", "{}", kind="spec"),
    ):
        with pytest.raises(NotFoundError):
            call()


def test_explicit_run_ids_are_checked(store: RunStore) -> None:
    store.create_run(engine="duckdb", database="db", run_id="my-run")
    with pytest.raises(UsageError, match="already exists"):
        store.create_run(engine="duckdb", database="db", run_id="my-run")
    for bad in ("../escape", "a/b", "", "-starts-with-dash"):
        with pytest.raises(UsageError, match="invalid run id"):
            store.create_run(engine="duckdb", database="db", run_id=bad)


def test_events_are_ordered_with_increasing_seq(store: RunStore) -> None:
    run = store.create_run(engine="duckdb", database="db")
    other = store.create_run(engine="duckdb", database="db")
    first = store.add_event(run.run_id, "planning", "plan ready", metadata={"tables": ["a"]})
    store.add_event(other.run_id, "planning", "other run counts on its own")
    second = store.add_event(run.run_id, "checking", "column missing", level="warning")
    third = store.add_event(run.run_id, "executing", "ran", metadata={"path": Path("/x")})

    assert [e.seq for e in store.events(run.run_id)] == [1, 2, 3]
    assert store.events(run.run_id) == [first, second, third]
    assert [e.seq for e in store.events(other.run_id)] == [1]
    assert store.events(run.run_id, after_seq=2) == [third]
    assert third.metadata == {"path": "/x"}  # stored as JSON; what is returned is what is read
    assert store.events(run.run_id)[0].metadata == {"tables": ["a"]}
    assert store.events(other.run_id, after_seq=1) == []
    with pytest.raises(ValueError, match="level"):
        store.add_event(run.run_id, "x", "y", level="loud")


def test_concurrent_event_writers_lose_nothing(tmp_path: Path) -> None:
    # Two store instances on one database file behave like two processes: separate connection
    # pools, so only SQLite's own locking keeps the sequence numbers straight.
    threads, per_thread = 8, 25
    with RunStore(tmp_path) as first, RunStore(tmp_path) as second:
        shared = first.create_run(engine="duckdb", database="db")
        own = [first.create_run(engine="duckdb", database="db") for _ in range(threads)]
        barrier = threading.Barrier(threads)

        def work(i: int) -> None:
            store = first if i % 2 else second
            barrier.wait()  # start together to maximize contention
            for n in range(per_thread):
                store.add_event(shared.run_id, "work", f"{i}:{n}", metadata={"n": n})
                store.add_event(own[i].run_id, "work", str(n))

        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(work, range(threads)))  # re-raises any worker's exception

        events = second.events(shared.run_id)
        assert [e.seq for e in events] == list(range(1, threads * per_thread + 1))
        assert sorted(e.message for e in events) == sorted(
            f"{i}:{n}" for i in range(threads) for n in range(per_thread)
        )
        for i in range(threads):  # each writer's events keep its own order
            mine = [int(e.message.split(":")[1]) for e in events if e.message.startswith(f"{i}:")]
            assert mine == list(range(per_thread))
        for run in own:
            own_events = first.events(run.run_id)
            assert [e.seq for e in own_events] == list(range(1, per_thread + 1))
            assert [e.message for e in own_events] == [str(n) for n in range(per_thread)]


def test_artifacts_are_written_under_the_run_folder(store: RunStore) -> None:
    run = store.create_run(engine="duckdb", database="db")
    spec = store.save_artifact(run.run_id, "spec.json", '{"a": 1}', kind="spec")
    code = store.save_artifact(
        run.run_id, "code/attempt-1.sql", "SELECT 1;\n", kind="code", attempt=1
    )
    run_dir = store.root / "artifacts" / run.run_id
    assert spec.path == run_dir / "spec.json"
    assert code.path == run_dir / "code" / "attempt-1.sql"
    assert code.path.read_bytes() == b"SELECT 1;\n"
    assert code.sha256 == hashlib.sha256(b"SELECT 1;\n").hexdigest()
    assert (code.size, code.attempt, code.kind) == (10, 1, "code")
    assert store.artifacts(run.run_id) == [spec, code]
    assert store.read_artifact(run.run_id, "code/attempt-1.sql") == "SELECT 1;\n"
    with pytest.raises(NotFoundError, match="unknown artifact"):
        store.read_artifact(run.run_id, "spec.jsn")
    with pytest.raises(ValueError, match="kind"):
        store.save_artifact(run.run_id, "x.txt", "x", kind="picture")


def test_artifacts_are_never_overwritten(store: RunStore) -> None:
    run = store.create_run(engine="duckdb", database="db")
    first = store.save_artifact(run.run_id, "report.json", "first", kind="report")
    with pytest.raises(ArtifactExistsError) as caught:
        store.save_artifact(run.run_id, "report.json", "second", kind="report")
    assert isinstance(caught.value, FileExistsError) and isinstance(caught.value, UsageError)
    assert first.path.read_text() == "first"
    assert store.read_artifact(run.run_id, "report.json") == "first"
    assert store.artifacts(run.run_id) == [first]


@pytest.mark.parametrize(
    "name",
    ["../escape.txt", "code/../../escape.txt", "/etc/passwd", "C:\\temp\\x", "a\\b", "", "."],
)
def test_artifact_names_cannot_escape_the_run_folder(store: RunStore, name: str) -> None:
    run = store.create_run(engine="duckdb", database="db")
    with pytest.raises(UsageError, match="artifact name"):
        store.save_artifact(run.run_id, name, "x", kind="other")
    assert store.artifacts(run.run_id) == []


def test_symlinked_folder_cannot_lead_outside(store: RunStore, tmp_path: Path) -> None:
    run = store.create_run(engine="duckdb", database="db")
    run_dir = store.root / "artifacts" / run.run_id
    run_dir.mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (run_dir / "link").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UsageError, match="outside"):
        store.save_artifact(run.run_id, "link/x.txt", "x", kind="other")
    assert list(outside.iterdir()) == []


def test_next_artifact_name_counts_up(store: RunStore) -> None:
    run = store.create_run(engine="duckdb", database="db")
    assert store.next_artifact_name(run.run_id, "code/attempt", ".sql") == "code/attempt-1.sql"
    for attempt in (1, 2):
        name = store.next_artifact_name(run.run_id, "code/attempt", ".sql")
        store.save_artifact(run.run_id, name, f"-- {attempt}", kind="code", attempt=attempt)
    assert store.next_artifact_name(run.run_id, "code/attempt", ".sql") == "code/attempt-3.sql"
    assert store.next_artifact_name(run.run_id, "code/attempt", ".py") == "code/attempt-1.py"
    # A file left without a row (a crash between the two writes) still takes its number.
    stray = store.root / "artifacts" / run.run_id / "code" / "attempt-3.sql"
    stray.write_text("partial")
    assert store.next_artifact_name(run.run_id, "code/attempt", ".sql") == "code/attempt-4.sql"


def test_sqlite_uses_wal(store: RunStore) -> None:
    db = store.root / "runs.db"
    assert store.url.endswith("runs.db")
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_active_run_ids_skip_finished_and_stale_runs(store: RunStore, clock: FakeClock) -> None:
    # Runs without an owner (recorded before run locks existed) live by their heartbeat.
    stale = store.create_run(engine="duckdb", database="db", claim=False)
    clock.advance(minutes=9)
    live = store.create_run(engine="duckdb", database="db", claim=False)
    done = store.create_run(engine="duckdb", database="db", claim=False)
    stuck = store.create_run(engine="duckdb", database="db", claim=False)
    store.update_run(done.run_id, status="completed")
    store.update_run(stuck.run_id, status="needs_attention")
    assert store.active_run_ids() == {stale.run_id, live.run_id}

    clock.advance(minutes=2)  # stale's last sign of life is now 11 minutes old
    assert store.active_run_ids() == {live.run_id}
    store.heartbeat(stale.run_id)
    assert store.active_run_ids() == {stale.run_id, live.run_id}
    assert store.active_run_ids(stale_after=timedelta(seconds=30)) == {stale.run_id}


def test_a_held_run_is_active_however_old_its_heartbeat(store: RunStore, clock: FakeClock) -> None:
    held = store.create_run(engine="duckdb", database="db")  # this process holds its lock
    clock.advance(hours=5)  # a long step: no event for hours
    assert store.active_run_ids() == {held.run_id}
    store.release(held.run_id)  # as a dead process would
    assert store.active_run_ids() == set()


def test_reopened_store_sees_the_same_data(tmp_path: Path) -> None:
    with RunStore(tmp_path) as store:
        run = store.create_run(engine="duckdb", database="db", prompt="p", claim=False)
        run = store.update_run(run.run_id, status="validating", usage={"calls": 3})
        event = store.add_event(run.run_id, "validating", "checks started")
        artifact = store.save_artifact(run.run_id, "spec.json", "{}", kind="spec")
    with RunStore(tmp_path) as reopened:
        assert reopened.get_run(run.run_id) == run
        assert reopened.events(run.run_id) == [event]
        assert reopened.artifacts(run.run_id) == [artifact]
        assert reopened.add_event(run.run_id, "validating", "more").seq == 2


def test_default_root_is_dot_datamorph_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with RunStore() as store:
        run = store.create_run(engine="duckdb", database="db")
        store.save_artifact(run.run_id, "spec.json", "{}", kind="spec")
    assert (tmp_path / ".datamorph" / "runs.db").is_file()
    assert (tmp_path / ".datamorph" / "artifacts" / run.run_id / "spec.json").is_file()


def test_a_damaged_store_is_one_line_saying_what_to_do(tmp_path: Path) -> None:
    from datamorph.errors import ConfigurationError

    (tmp_path / "runs.db").write_bytes(b"this is not a database" * 100)
    with pytest.raises(ConfigurationError) as broken:
        RunStore(tmp_path)
    assert "is damaged" in broken.value.message and "mv " in (broken.value.hint or "")
