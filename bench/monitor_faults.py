"""Time from failure to verified green (or to escalation), per strategy, on real faults.

The scenarios are tests/monitor/scenarios.py; the clock runs from the run's first error event
to its last event (completed, or needs_attention for the escalations).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from datamorph.demo.showcase import build_demo_database  # noqa: E402
from datamorph.runner import RunResult  # noqa: E402
from datamorph.runs import RunStore  # noqa: E402
from monitor import scenarios  # noqa: E402

Scenario = Callable[[Path, Path], RunResult]
SCENARIOS: list[tuple[str, Scenario, int]] = [
    ("memory too small (scale)", scenarios.memory_too_small, scenarios.BIG_ORDERS),
    ("file lands late (retry)", scenarios.late_file, 20_000),
    ("duplicate keys (deduplicate)", scenarios.duplicate_keys, 20_000),
    ("column renamed (refresh_catalog)", lambda db, s: scenarios.renamed_column(db, s)[1], 20_000),
    ("database locked (retry, then escalate)", scenarios.locked_database, 20_000),
    ("corrupt source (escalate)", scenarios.corrupt_source, 20_000),
]


def time_to_green() -> list[tuple[str, float, int, str]]:
    rows = []
    with tempfile.TemporaryDirectory() as scratch_root:
        root = Path(scratch_root)
        os.environ["DATAMORPH_HOME"] = str(root / ".datamorph")
        for index, (name, scenario, orders) in enumerate(SCENARIOS):
            scratch = root / f"s{index}"
            scratch.mkdir()
            db = scratch / "demo.duckdb"
            build_demo_database(db, orders=orders, seed=5)
            result = scenario(db, scratch)
            seconds, count = _measure(root / ".datamorph", result.run_id)
            rows.append((name, seconds, count, result.status))
    return rows


def _measure(home: Path, run_id: str) -> tuple[float, int]:
    with RunStore(home) as store:
        events = store.events(run_id)
        decisions = store.incidents.decisions(run_id)
    first_error = next(e.time for e in events if e.level == "error")
    return (events[-1].time - first_error).total_seconds(), len(decisions)
