"""Kill a real `datamorph run` process at a chosen moment, then resume it, and judge the result.

Shared by tests/test_resume.py (a few kills) and bench/kill_resume.py (fifty). A trial passes
when, right after the kill, the target is either exactly the old table or exactly the new
answer (never a mix, never missing), and after `run --resume` (not run when the store says the
run completed before the kill landed: the job is done) it is exactly the new answer, published
once: the engine's publish log holds at most one row per run, and no run of the
store is left going.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

TARGET = "customer_order_summary"


def cli(*args: str, home: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "datamorph.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "DATAMORPH_HOME": str(home), **env},
    )


def finish(proc: subprocess.Popen[str], timeout: float = 300) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def rows(database: Path) -> list[tuple[object, ...]] | None:
    """The target's rows in a stable order, None when there is no target."""
    with duckdb.connect(str(database), read_only=True) as con:
        names = {n for (n,) in con.sql("SELECT table_name FROM duckdb_tables()").fetchall()}
        if TARGET not in names:
            return None
        return sorted(con.sql(f"SELECT * FROM {TARGET}").fetchall(), key=repr)


def publishes(database: Path) -> dict[str, int]:
    """How many publish-log rows each run has (the key forbids more than one)."""
    with duckdb.connect(str(database), read_only=True) as con:
        names = {n for (n,) in con.sql("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "_dm_publish_log" not in names:
            return {}
        found = con.sql("SELECT run_id, count(*) FROM _dm_publish_log GROUP BY 1").fetchall()
        return {run_id: count for run_id, count in found}


@dataclass
class Trial:
    delay: float
    killed: bool  # False: the run ended before the kill came
    after_kill: str  # old | new | damaged
    status_after_kill: str  # the run's status once the store was opened again ("" = none)
    died_in: str  # the step the store says the run died in
    resumed: bool
    final: str  # new | old | damaged
    published_once: bool
    error: str = ""

    @property
    def ok(self) -> bool:
        return (
            self.after_kill in ("old", "new")
            and self.final == "new"
            and self.published_once
            and not self.error
        )


def judge(found: list[tuple[object, ...]] | None, old: object, new: object) -> str:
    if found == new:
        return "new"
    if found == old:
        return "old"
    return "damaged"


def kill_and_resume(
    database: Path, home: Path, spec: Path, delay: float, *, old: object, new: object
) -> Trial:
    """Kill the run `delay` seconds after it is recorded (its lock file appears): a moment
    inside the run's own work, not in the interpreter's start."""
    earlier = set(_run_ids(home))
    proc = cli("run", "--spec", str(spec), "--database", str(database), "--json", home=home)
    locks = home / "locks"
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline and not _locked(locks):
        time.sleep(0.005)
    time.sleep(delay)
    killed = proc.poll() is None
    if killed:
        proc.send_signal(signal.SIGKILL)
    finish(proc)
    after_kill = judge(rows(database), old, new)
    code, out, err = finish(cli("runs", "list", "--json", "--limit", "1", home=home))
    latest = json.loads(out)[0] if code == 0 and out.strip() not in ("", "[]") else {}
    if latest.get("run_id") in earlier:
        latest = {}  # killed before the new run was recorded
    status, died_in = latest.get("status", ""), _died_in(latest.get("message") or "")
    if status == "completed":  # the kill came after the run ended: the job is done, and
        code, err = 0, ""  # `--resume` would start a new run (an append would add again)
    else:
        code, _, err = finish(
            cli("run", "--spec", str(spec), "--database", str(database), "--resume", "--json",
                home=home)
        )  # fmt: skip
    error = "" if code == 0 else f"resume exit {code}: {err.strip()[-300:]}"
    counts = publishes(database)
    going = _going(home)
    if going:
        error += f" runs left going: {going}"
    return Trial(
        delay=delay,
        killed=killed,
        after_kill=after_kill,
        status_after_kill=status,
        died_in=died_in,
        resumed=status == "interrupted",
        final=judge(rows(database), old, new),
        published_once=all(n == 1 for n in counts.values()),
        error=error.strip(),
    )


def _locked(folder: Path) -> bool:
    return folder.is_dir() and any(folder.glob("*.lock"))


def run_seconds(home: Path) -> float:
    """How long the newest run of the store took, from its record to its last update."""
    _, out, _ = finish(cli("runs", "list", "--json", "--limit", "1", home=home))
    latest = json.loads(out)[0]
    from datetime import datetime

    created, updated = (datetime.fromisoformat(latest[k]) for k in ("created_at", "updated_at"))
    return (updated - created).total_seconds()


def _died_in(message: str) -> str:
    marker = "interrupted in step "
    return message.split(marker, 1)[1].split(":", 1)[0] if marker in message else ""


def _run_ids(home: Path) -> list[str]:
    if not home.exists():
        return []
    _, out, _ = finish(cli("runs", "list", "--json", "--limit", "100", home=home))
    return [r["run_id"] for r in json.loads(out or "[]")]


def _going(home: Path) -> list[str]:
    _, out, _ = finish(cli("runs", "list", "--json", "--limit", "100", home=home))
    terminal = {"completed", "failed", "needs_attention", "interrupted", "cancelled"}
    return [r["run_id"] for r in json.loads(out or "[]") if r["status"] not in terminal]
