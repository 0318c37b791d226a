"""Resume after a crash: dead runs are noticed by their free lock, continued from their last
finished step, re-validated, and never published twice; the store upgrades an older schema."""

from __future__ import annotations

import json
import random
import shutil
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from datamorph import run
from datamorph.demo.showcase import demo_spec
from datamorph.errors import ConfigurationError, UsageError
from datamorph.faults import CRASH_EXIT_CODE
from datamorph.resume import resume
from datamorph.runs import RunStatus, RunStore
from datamorph.runs.liveness import RunBusy
from datamorph.runs.migrations import CURRENT
from kill_trials import cli, finish, kill_and_resume, publishes, rows, run_seconds


def write_spec(path: Path, threshold: int, mode: str = "replace") -> Path:
    data = demo_spec().model_dump(mode="json")
    data["having"] = [f"total_amount > {threshold}"]
    data["target_table"]["mode"] = mode
    path.write_text(json.dumps(data))
    return path


def run_cli(*args: str, home: Path, **env: str) -> tuple[int, str, str]:
    return finish(cli(*args, home=home, **env))


@pytest.fixture
def published(retail_db: Path, tmp_path: Path, isolated_home: Path) -> tuple[Path, object]:
    """The retail database with the target already published once (the 'old' table)."""
    assert run(write_spec(tmp_path / "old.json", 1000), database=str(retail_db)).ok
    return retail_db, rows(retail_db)


def expected_rows(retail_db: Path, spec: Path, tmp_path: Path) -> object:
    """What the new spec publishes, from an uninterrupted run on a copy."""
    copy = tmp_path / "reference.duckdb"
    shutil.copy(retail_db, copy)
    with RunStore(tmp_path / "ref-home") as elsewhere:
        assert run(spec, database=str(copy), store=elsewhere, replace_source=True).ok
    return rows(copy)


@pytest.mark.parametrize("crash_at", ["after_staging", "mid_publish", "after_publish"])
@pytest.mark.parametrize("mode", ["replace", "append"])
def test_crash_then_resume_publishes_once(
    crash_at: str, mode: str, published: tuple[Path, object], tmp_path: Path, isolated_home: Path
) -> None:
    database, old = published
    spec = write_spec(tmp_path / "new.json", 5000, mode)
    new = expected_rows(database, spec, tmp_path)
    code, _, _ = run_cli(
        "run", "--spec", str(spec), "-d", str(database), home=isolated_home,
        DATAMORPH_CRASH_AT=crash_at,
    )  # fmt: skip
    assert code == CRASH_EXIT_CODE
    # committed in the database only at after_publish; before that the old table is whole
    assert rows(database) == (new if crash_at == "after_publish" else old)

    with RunStore(isolated_home) as store:
        dead = store.list_runs(limit=1)[0]
        assert dead.status is RunStatus.INTERRUPTED
        assert "interrupted in step publishing" in (dead.message or "")

    if crash_at == "mid_publish":  # the CLI's way, once; the library's elsewhere
        code, out, err = run_cli(
            "run", "--spec", str(spec), "-d", str(database), "--resume", "--json",
            home=isolated_home,
        )  # fmt: skip
        assert code == 0, err
        assert json.loads(out)["run_id"] == dead.run_id  # the same run, continued
    else:
        assert resume(dead.run_id).status == "completed"
    assert rows(database) == new
    assert publishes(database)[dead.run_id] == 1
    with RunStore(isolated_home) as store:
        assert store.get_run(dead.run_id).status is RunStatus.COMPLETED
        assert len(store.list_runs()) == 2  # the old publish and the resumed run, nothing else


@pytest.mark.slow
def test_random_kills_leave_old_or_new_and_resume_to_new(
    published: tuple[Path, object], tmp_path: Path, isolated_home: Path
) -> None:
    """The test-suite version of bench/kill_resume.py (which kills 50 times)."""
    database, old = published
    spec = write_spec(tmp_path / "new.json", 5000)
    new = expected_rows(database, spec, tmp_path)
    base = tmp_path / "base.duckdb"
    shutil.copy(database, base)
    run_cli("run", "--spec", str(spec), "-d", str(tmp_path / "reference.duckdb"),
            "--replace-source", "--json", home=tmp_path / "timing")  # fmt: skip
    whole = run_seconds(tmp_path / "timing")
    rng = random.Random(15)
    trials = []
    home = isolated_home.with_name("base-home")
    shutil.copytree(isolated_home, home)  # the store that published the old target
    for i in range(4):
        # the same database path each time: the store knows it published the old target there
        shutil.copy(base, database)
        trial_home = tmp_path / f"home-{i}"
        shutil.copytree(home, trial_home)
        delay = rng.uniform(0, whole)
        trials.append(kill_and_resume(database, trial_home, spec, delay, old=old, new=new))
    assert [t for t in trials if not t.ok] == []
    assert any(t.resumed for t in trials), "no kill landed inside a run; the test proves nothing"


def test_ctrl_c_leaves_run_interrupted_and_resumable(
    published: tuple[Path, object], tmp_path: Path, isolated_home: Path
) -> None:
    database, old = published
    spec = write_spec(tmp_path / "new.json", 5000)
    proc = cli("run", "--spec", str(spec), "-d", str(database), home=isolated_home,
               DATAMORPH_PAUSE_AT="after_staging")  # fmt: skip
    # wait until the run is staged and waiting, then interrupt it as a terminal's Ctrl-C does
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not _staged(isolated_home):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    code, _, err = finish(proc)
    assert code == 130, err
    assert "Traceback" not in err
    with RunStore(isolated_home) as store:
        record = store.list_runs(limit=1)[0]
    assert record.status is RunStatus.INTERRUPTED, record.message
    assert rows(database) == old
    result = resume(record.run_id)
    assert result.status == "completed"


def _staged(home: Path) -> bool:
    with RunStore(home) as store:
        latest = store.list_runs(limit=1)
        return (
            bool(latest)
            and not latest[0].status.terminal
            and any(e.message.startswith("staged") for e in store.events(latest[0].run_id))
        )


def test_a_live_run_is_not_marked_interrupted(isolated_home: Path) -> None:
    with RunStore(isolated_home) as holder:
        record = holder.create_run(engine="duckdb", database="x.duckdb")
        with RunStore(isolated_home) as other:  # another opener sees the lock held
            assert other.interrupted == []
            assert record.run_id in other.active_run_ids()
            with pytest.raises(RunBusy):
                other.claim(record.run_id)
    with RunStore(isolated_home) as later:  # the holder closed without ending the run
        assert later.interrupted == [record.run_id]
        assert later.get_run(record.run_id).status is RunStatus.INTERRUPTED


def test_a_killed_process_is_noticed_by_the_next_opener(
    retail_db: Path, tmp_path: Path, isolated_home: Path
) -> None:
    spec = write_spec(tmp_path / "s.json", 1000)
    proc = cli("run", "--spec", str(spec), "-d", str(retail_db), home=isolated_home,
               DATAMORPH_CRASH_AT="after_staging")  # fmt: skip
    assert finish(proc)[0] == CRASH_EXIT_CODE
    with RunStore(isolated_home) as store:
        (found,) = store.interrupted
        record = store.get_run(found)
        events = store.events(found)
    assert record.status is RunStatus.INTERRUPTED
    assert events[-1].metadata == {"interrupted_in": "publishing"}
    assert record.owner and record.owner.endswith(f":{proc.pid}")


def test_resume_refuses_runs_that_are_not_interrupted(
    retail_db: Path, tmp_path: Path, isolated_home: Path
) -> None:
    done = run(write_spec(tmp_path / "s.json", 1000), database=str(retail_db))
    with pytest.raises(UsageError, match="ended completed"):
        resume(done.run_id)
    code, _, err = run_cli("runs", "resume", done.run_id, home=isolated_home)
    assert code == 2 and "rerun" in err and "Traceback" not in err
    code, _, err = run_cli("runs", "resume", "nosuchrun", home=isolated_home)
    assert code == 2 and "Traceback" not in err


def test_declined_plan_is_cancelled_not_failed(retail_db: Path, isolated_home: Path) -> None:
    result = run(
        prompt="total order amount per customer",
        database=str(retail_db),
        confirm=lambda _spec, _reading: False,
    )
    assert result.status == "cancelled"
    with RunStore(isolated_home) as store:
        assert store.get_run(result.run_id).status is RunStatus.CANCELLED


def test_resume_of_an_unconfirmed_plan_asks_again(retail_db: Path, isolated_home: Path) -> None:
    def walk_away(_spec: object, _reading: str) -> bool:
        raise KeyboardInterrupt  # the person left the question unanswered and pressed Ctrl-C

    with pytest.raises(KeyboardInterrupt):
        run(prompt="total order amount per customer", database=str(retail_db), confirm=walk_away)
    with RunStore(isolated_home) as store:
        record = store.list_runs(limit=1)[0]
    assert record.status is RunStatus.INTERRUPTED
    with pytest.raises(UsageError, match="waiting for its plan to be confirmed"):
        resume(record.run_id)
    declined = resume(record.run_id, confirm=lambda _s, _r: False)
    assert declined.status == "cancelled"


def test_an_older_store_is_upgraded_in_place(isolated_home: Path) -> None:
    with RunStore(isolated_home) as store:
        old_run = store.create_run(engine="duckdb", database="x.duckdb", claim=False)
        store.update_run(old_run.run_id, status="completed")
    db = sqlite3.connect(isolated_home / "runs.db")
    db.execute("ALTER TABLE runs DROP COLUMN owner")  # the store as version 1 made it
    db.execute("ALTER TABLE runs DROP COLUMN request")
    db.execute("DROP TABLE store_version")
    db.commit()
    db.close()
    with RunStore(isolated_home) as store:
        assert store.upgraded == (1, CURRENT)
        assert store.get_run(old_run.run_id).status is RunStatus.COMPLETED
        assert store.create_run(engine="duckdb", database="y").owner
    with RunStore(isolated_home) as store:
        assert store.upgraded == (CURRENT, CURRENT)


def test_a_newer_store_is_refused(isolated_home: Path) -> None:
    RunStore(isolated_home).close()
    db = sqlite3.connect(isolated_home / "runs.db")
    db.execute("UPDATE store_version SET version = 99")
    db.commit()
    db.close()
    with pytest.raises(ConfigurationError, match="schema version 99"):
        RunStore(isolated_home)
    code, _, err = run_cli("runs", "list", home=isolated_home)
    assert code == 2 and "newer" in err and "Traceback" not in err


def test_a_run_overtaken_by_a_newer_publish_is_not_resumed(
    published: tuple[Path, object], tmp_path: Path, isolated_home: Path
) -> None:
    database, _ = published
    stale = write_spec(tmp_path / "stale.json", 5000)
    code, _, _ = run_cli(
        "run", "--spec", str(stale), "-d", str(database), home=isolated_home,
        DATAMORPH_CRASH_AT="after_staging",
    )  # fmt: skip
    assert code == CRASH_EXIT_CODE
    newer = run(write_spec(tmp_path / "newer.json", 2000), database=str(database))
    assert newer.ok
    published_by_newer = rows(database)
    with RunStore(isolated_home) as store:
        (dead,) = [r for r in store.list_runs() if r.status is RunStatus.INTERRUPTED]
    with pytest.raises(UsageError, match="overtaken"):
        resume(dead.run_id)
    assert rows(database) == published_by_newer  # the newer answer stays
    # `run --resume` passes it over and starts a new run instead
    code, out, err = run_cli(
        "run", "--spec", str(stale), "-d", str(database), "--resume", "--json", home=isolated_home
    )
    assert code == 0, err
    assert json.loads(out)["run_id"] not in (dead.run_id, newer.run_id)
