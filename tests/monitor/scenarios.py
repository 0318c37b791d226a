"""Real faults, each provoked for real; shared by tests/monitor and bench/monitor_faults.py.

Each scenario takes a private copy of a demo database and a scratch directory, provokes its
fault, runs the pipeline through `datamorph.run` (so the shipped classifier, the gate and the
strategies all act for real), and returns the result.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

import datamorph
from datamorph.monitor.monitor import MonitorConfig
from datamorph.monitor.strategies import Backoff
from datamorph.runner import RunResult

DEMO_SPEC = Path(datamorph.__file__).parent / "demo" / "customer_order_summary.json"
BIG_ORDERS = 300_000  # enough for an aggregation to outgrow 8 MB


def quick() -> MonitorConfig:
    """Short backoff: the waits are real, just not minutes long."""
    return MonitorConfig(backoff=Backoff(base=0.2, cap=1.0))


def memory_too_small(db: Path, scratch: Path) -> RunResult:
    return datamorph.run(
        DEMO_SPEC,
        database=str(db),
        settings={"memory_limit": "8MB", "temp_directory": ""},  # no spilling either
        monitor=quick(),
    )


def late_file(db: Path, scratch: Path, delay: float = 0.5) -> RunResult:
    staged = scratch / "orders-export.csv"
    _copy_out(db, "orders", staged)
    landing = scratch / "landing"
    landing.mkdir()

    def land() -> None:
        time.sleep(delay)
        shutil.copy(staged, landing / "orders.csv")

    lander = threading.Thread(target=land)
    lander.start()
    try:
        return datamorph.run(
            DEMO_SPEC,
            database=str(db),
            sources={"orders": str(landing / "orders.csv")},
            monitor=quick(),
        )
    finally:
        lander.join()


def duplicate_keys(db: Path, scratch: Path) -> RunResult:
    customers = scratch / "customers.csv"
    _copy_out(db, "customers", customers)
    with customers.open() as handle:
        rows = list(csv.reader(handle))
    name = rows[0].index("customer_name")
    updated = [[*row[:name], row[name] + " (updated)", *row[name + 1 :]] for row in rows[1:4]]
    with customers.open("a", newline="") as handle:  # a change feed sent three customers twice
        csv.writer(handle, lineterminator="\n").writerows(updated)
    return datamorph.run(
        DEMO_SPEC,
        database=str(db),
        sources={"customers": str(customers)},
        approve=("deduplicate",),
        monitor=quick(),
    )


@contextmanager
def locked(db: Path) -> Iterator[None]:
    """Another process holds the database file's write lock."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
            "print('locked', flush=True); time.sleep(120)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.kill()
        holder.wait()


def locked_database(db: Path, scratch: Path) -> RunResult:
    with locked(db):
        return datamorph.run(DEMO_SPEC, database=str(db), monitor=quick())


def corrupt_source(db: Path, scratch: Path) -> RunResult:
    broken = scratch / "orders.parquet"
    broken.write_bytes(b"PAR1" + b"\x00garbage, not a parquet footer\x00" * 20)
    return datamorph.run(
        DEMO_SPEC, database=str(db), sources={"orders": str(broken)}, monitor=quick()
    )


DRIFT_PROMPT = "total order amount per customer"


def renamed_column(db: Path, scratch: Path) -> tuple[RunResult, RunResult]:
    """Run once from the prompt, rename a column the spec uses, run the stored spec again."""
    first = datamorph.run(prompt=DRIFT_PROMPT, database=str(db))
    con = duckdb.connect(str(db))
    con.execute("ALTER TABLE orders RENAME COLUMN amount TO order_amount")
    con.close()
    return first, datamorph.rerun(first.run_id, monitor=quick())


def _copy_out(db: Path, table: str, path: Path) -> None:
    con = duckdb.connect(str(db), read_only=True)
    con.execute(f"COPY (SELECT * FROM {table}) TO '{path}' (HEADER)")
    con.close()
