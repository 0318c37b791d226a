"""A run killed between building staging and the swap, or in the middle of the swap, leaves the
previous target intact and queryable; the next run cleans the leftovers and succeeds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from datamorph.demo.showcase import demo_spec
from datamorph.faults import CRASH_EXIT_CODE
from datamorph.runs import RunStore

pytestmark = pytest.mark.slow


def datamorph(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "datamorph.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def write_spec(path: Path, threshold: int) -> Path:
    data = demo_spec().model_dump(mode="json")
    data["having"] = [f"total_amount > {threshold}"]
    path.write_text(json.dumps(data))
    return path


def target_rows(database: Path) -> list[tuple[object, ...]]:
    with duckdb.connect(str(database), read_only=True) as con:
        return con.sql("SELECT * FROM customer_order_summary ORDER BY customer_id").fetchall()


def leftover_tables(database: Path) -> list[str]:
    with duckdb.connect(str(database), read_only=True) as con:
        return [
            name
            for (name,) in con.sql("SELECT table_name FROM duckdb_tables()").fetchall()
            if name.startswith("_dm_") and name not in ("_dm_publish_log", "_dm_staging_log")
        ]


@pytest.mark.parametrize("crash_at", ["after_staging", "mid_publish"])
def test_crash_keeps_old_target_and_next_run_recovers(
    crash_at: str, retail_db: Path, tmp_path: Path, isolated_home: Path
) -> None:
    first = datamorph(
        "run",
        "--spec",
        str(write_spec(tmp_path / "a.json", 1000)),
        "--database",
        str(retail_db),
        "--json",
    )
    assert first.returncode == 0, first.stderr
    before = target_rows(retail_db)
    assert before

    # A different threshold gives a different table, so a leak of the new rows would show.
    changed = write_spec(tmp_path / "b.json", 5000)
    crashed = datamorph(
        "run",
        "--spec",
        str(changed),
        "--database",
        str(retail_db),
        "--json",
        env={"DATAMORPH_CRASH_AT": crash_at},
    )
    assert crashed.returncode == CRASH_EXIT_CODE
    assert target_rows(retail_db) == before  # intact and queryable
    if crash_at == "after_staging":
        assert leftover_tables(retail_db)  # the crash left its staging table behind

    # The next run's store sees the crashed run's lock free: the run is marked interrupted
    # (resumable, tests/test_resume.py), and its leftovers are dropped before staging.
    again = datamorph("run", "--spec", str(changed), "--database", str(retail_db), "--json")
    assert again.returncode == 0, again.stderr
    after = target_rows(retail_db)
    assert after != before and len(after) < len(before)
    assert leftover_tables(retail_db) == []
    with RunStore(isolated_home) as store:
        statuses = sorted(str(r.status) for r in store.list_runs())
    assert statuses == ["completed", "completed", "interrupted"]
