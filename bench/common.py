"""What every benchmark script shares: the machine line and the report they append to."""

from __future__ import annotations

import os
import platform
from pathlib import Path

import duckdb

REPORT = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
_HEADER = "# Benchmarks\n\nAppended by the scripts in `bench/`; newest last.\n"


def machine() -> str:
    """Cores, memory and engine version: figures mean little without them."""
    cores = os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cores} cores, {memory:.0f} GiB, {platform.machine()}, DuckDB {duckdb.__version__}"


def append_report(lines: list[str]) -> None:
    """Append a section to docs/benchmarks.md, creating the file the first time."""
    REPORT.parent.mkdir(exist_ok=True)
    if not REPORT.exists():
        REPORT.write_text(_HEADER)
    with REPORT.open("a") as report:
        report.write("\n".join(lines))
