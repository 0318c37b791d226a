"""Resume with PostgreSQL: a shared run store sees a dead worker through its advisory lock (no
lock file, no clock), and a run killed after the database committed its publish is completed
from the publish log, not published again; an old store in PostgreSQL is upgraded in place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import psycopg
import pytest

from datamorph.demo.showcase import demo_spec
from datamorph.engines import open_engine
from datamorph.faults import CRASH_EXIT_CODE
from datamorph.resume import resume
from datamorph.runs import RunStatus, RunStore
from datamorph.runs.migrations import CURRENT
from kill_trials import cli, finish

pytestmark = pytest.mark.xdist_group("postgres_resume")


@pytest.fixture(scope="module")
def store_url(postgres: Any) -> str:
    with psycopg.connect(postgres.dsn(), autocommit=True) as con:
        con.execute("DROP DATABASE IF EXISTS dm_resume_store")
        con.execute("CREATE DATABASE dm_resume_store")
    return (
        f"postgresql://postgres:{postgres.password}@{postgres.host}:{postgres.port}/dm_resume_store"
    )


def append_spec(path: Path, target: str) -> Path:
    data = demo_spec().model_dump(mode="json")
    data["target_table"] = {"name": target, "mode": "append", "keys": []}
    path.write_text(json.dumps(data))
    return path


def target_count(url: str, target: str) -> int:
    engine = open_engine(url)
    try:
        return int(engine.query(f"SELECT count(*) AS n FROM {target}").rows[0][0])
    finally:
        engine.close()


def test_killed_after_commit_is_completed_once_with_a_shared_store(
    store_url: str, pg_retail: str, tmp_path: Path
) -> None:
    spec = append_spec(tmp_path / "s.json", "resume_append")
    home = tmp_path / "home"
    args = ("--store", store_url, "run", "--spec", str(spec), "-d", pg_retail, "--json")
    assert finish(cli(*args, home=home))[0] == 0
    once = target_count(pg_retail, "resume_append")
    code, _, err = finish(cli(*args, home=home, DATAMORPH_CRASH_AT="after_publish"))
    assert code == CRASH_EXIT_CODE, err
    assert target_count(pg_retail, "resume_append") == 2 * once  # committed before the kill

    # another process's view of the same PostgreSQL store (artifacts on this machine's disk;
    # across machines they would be in S3, see test_artifacts_s3.py)
    with RunStore(home, store_url) as store:
        dead = store.list_runs(limit=1)[0]
        assert dead.status is RunStatus.INTERRUPTED
        assert "interrupted in step publishing" in (dead.message or "")
        result = resume(dead.run_id, database=pg_retail, store=store)
    assert result.status == "completed"
    assert target_count(pg_retail, "resume_append") == 2 * once  # not appended a third time
    engine = open_engine(pg_retail)
    try:
        logged = engine.query(
            f"SELECT count(*) FROM _dm_publish_log WHERE run_id = '{dead.run_id}'"
        ).rows[0][0]
    finally:
        engine.close()
    assert logged == 1


def test_a_live_run_in_a_shared_store_is_not_taken_for_dead(store_url: str, tmp_path: Path) -> None:
    with RunStore(tmp_path / "a", store_url) as holder:
        record = holder.create_run(engine="duckdb", database="x.duckdb")
        with RunStore(tmp_path / "b", store_url) as other:
            assert record.run_id not in other.interrupted
            assert record.run_id in other.active_run_ids()
    with RunStore(tmp_path / "c", store_url) as later:
        assert later.get_run(record.run_id).status is RunStatus.INTERRUPTED


def test_an_older_postgres_store_is_upgraded(postgres: Any, tmp_path: Path) -> None:
    with psycopg.connect(postgres.dsn(), autocommit=True) as con:
        con.execute("DROP DATABASE IF EXISTS dm_old_store")
        con.execute("CREATE DATABASE dm_old_store")
    url = f"postgresql://postgres:{postgres.password}@{postgres.host}:{postgres.port}/dm_old_store"
    with RunStore(tmp_path, url) as store:
        kept = store.create_run(engine="duckdb", database="x", claim=False)
    with psycopg.connect(postgres.dsn(dbname="dm_old_store"), autocommit=True) as con:
        con.execute("ALTER TABLE runs DROP COLUMN owner, DROP COLUMN request")
        con.execute("DROP TABLE store_version")
    with RunStore(tmp_path, url) as store:
        assert store.upgraded == (1, CURRENT)
        assert store.get_run(kept.run_id).run_id == kept.run_id
