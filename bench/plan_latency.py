"""Planning from English on demo databases of several sizes: in-process steps and whole process.

In process: open the database, read the catalog with profiles (what `datamorph plan` reads),
plan. Whole process: `datamorph plan REQUEST -d DB --json` from the shell, a fresh interpreter
each time, with a private DATAMORPH_HOME and DATAMORPH_CACHE. The first whole-process run of a
database starts from an empty cache ("cold"); the later ones find the profile cached ("warm").

Build the databases first (10M takes minutes):

    .venv/bin/datamorph demo --scale 10000000 --database /tmp/plan_10000000.duckdb
    .venv/bin/python bench/plan_latency.py /tmp/plan_10000.duckdb /tmp/plan_10000000.duckdb
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench")]

from common import append_report, machine  # noqa: E402
from datamorph.catalog import Catalog  # noqa: E402
from datamorph.engines import open_engine  # noqa: E402
from datamorph.planning.rules import RulePlanner  # noqa: E402
from datamorph.planning.sources import sources_only  # noqa: E402

REQUESTS = [
    "Total completed order amount per customer, customers above 1000",
    "total order amount per customer, keep customers above 1000",
    "number of orders per status in 2024",
    "top 10 customers by total order amount",
    "customers in Paris",
]


def _timed(step: Callable[[], object], runs: int) -> list[float]:
    found = []
    for _ in range(runs):
        started = time.perf_counter()
        step()
        found.append(time.perf_counter() - started)
    return found


def _fmt(seconds: list[float]) -> str:
    ms = [s * 1000 for s in seconds]
    return f"{statistics.median(ms):.1f} ({min(ms):.1f}-{max(ms):.1f}, N={len(ms)})"


def in_process(database: str, runs: int) -> dict[str, list[float]]:
    """Each step on its own, the catalog read from the database each time: "cold" with an
    empty cache directory each time, "warm" with one the first read filled."""
    scratch = Path(tempfile.mkdtemp(prefix="dm_plan_latency_"))
    warm = scratch / "warm"

    def catalog(profile: bool, cache: Path | None = None) -> Catalog:
        os.environ["DATAMORPH_CACHE"] = str(cache or Path(tempfile.mkdtemp(dir=scratch)))
        engine = open_engine(database, None, read_only=True)
        try:
            return engine.catalog(samples=3, profile=profile)
        finally:
            engine.close()

    planner = RulePlanner()
    profiled = catalog(True, warm)
    steps: dict[str, Callable[[], object]] = {
        "open+close": lambda: open_engine(database, None, read_only=True).close(),
        "catalog, no profile": lambda: catalog(False),
        "catalog+profile, cold": lambda: catalog(True),
        "catalog+profile, warm": lambda: catalog(True, warm),
    }
    try:
        found = {name: _timed(step, runs) for name, step in steps.items()}
    finally:
        os.environ.pop("DATAMORPH_CACHE", None)
        shutil.rmtree(scratch, ignore_errors=True)
    for request in REQUESTS:
        found[f"plan: {request[:40]}"] = _timed(
            lambda r=request: planner.plan(r, sources_only(profiled, r, set())[0]), runs
        )
    return found


def whole_process(database: str, runs: int) -> dict[str, list[float]]:
    home = Path(tempfile.mkdtemp(prefix="dm_plan_latency_"))
    env = {
        **os.environ,
        "DATAMORPH_HOME": str(home),
        "DATAMORPH_CACHE": str(home / "cache"),
        "DATAMORPH_DAEMON": "off",
    }  # each a fresh process: a warm server would hide start-up
    exe = str(Path(sys.executable).parent / "datamorph")
    found: dict[str, list[float]] = {}
    try:
        for index, request in enumerate(REQUESTS):
            for attempt in range(runs + (1 if index == 0 else 0)):
                started = time.perf_counter()
                subprocess.run(
                    [exe, "plan", request, "-d", database, "--json"],
                    env=env,
                    check=True,
                    capture_output=True,
                )
                elapsed = time.perf_counter() - started
                key = "cold" if index == 0 and attempt == 0 else f"warm: {request[:40]}"
                found.setdefault(f"process {key}", []).append(elapsed)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("databases", nargs="+")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-report", action="store_true")
    args = parser.parse_args()
    lines = [
        f"\n## Planning latency from English ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)\n",
        f"{machine()}; milliseconds, median (min-max, N).\n",
        "| database | step | ms |",
        "|---|---|---|",
    ]
    for database in args.databases:
        size = Path(database).stat().st_size / 2**20
        label = f"{Path(database).name} ({size:.0f} MiB)"
        timings = {**in_process(database, args.runs), **whole_process(database, args.runs)}
        for step, seconds in timings.items():
            row = f"| {label} | {step} | {_fmt(seconds)} |"
            print(row, flush=True)
            lines.append(row)
    if not args.no_report:
        append_report([*lines, ""])


if __name__ == "__main__":
    main()
