"""Running a broken pipeline through datamorph.run and judging it against the correct result."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import math
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from datamorph.catalog import Catalog
from datamorph.codegen.sql import compile_sql
from datamorph.spec import Spec

from .fault_tools import DIALECT, FaultContext, parse
from .faults import ERROR_FAULTS, FAULTS, RESULT_FAULTS

# ---- results ----------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value


def _sort_key(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """Orders rows of mixed values (None first); floats to 6 significant digits, so that
    last-bit differences do not reorder rows."""
    key: list[tuple[int, float, str]] = []
    for value in row:
        if value is None:
            key.append((0, 0.0, ""))
        elif isinstance(value, bool):
            key.append((1, float(value), ""))
        elif isinstance(value, int | float):
            key.append((1, float(f"{value:.6g}"), ""))
        else:
            key.append((2, 0.0, str(value)))
    return tuple(key)


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, int | float) and isinstance(b, int | float) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)


@dataclass
class Result:
    """A query's output: column names and the rows as a sorted multiset of plain values."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    @classmethod
    def of(cls, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> Result:
        plain = [tuple(_plain(v) for v in row) for row in rows]
        return cls(tuple(columns), sorted(plain, key=_sort_key))

    def same_as(self, other: Result) -> bool:
        """Same column names (in order) and the same multiset of rows, numbers compared with
        a relative tolerance of 1e-9."""
        if [c.lower() for c in self.columns] != [c.lower() for c in other.columns]:
            return False
        if len(self.rows) != len(other.rows):
            return False
        return all(
            len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
            for a, b in zip(self.rows, other.rows, strict=True)
        )


def fetch(engine_or_con: Any, sql: str) -> Result:
    """Run a SELECT on a DuckDBEngine or a duckdb connection."""
    cursor = engine_or_con.execute(sql)
    columns = [d[0] for d in cursor.description or []]
    return Result.of(columns, cursor.fetchall())


def expected_rows(engine_or_con: Any, spec: Spec, catalog: Catalog) -> Result:
    """The correct output of `spec`: its compiled SQL run on the database."""
    return fetch(engine_or_con, compile_sql(spec, catalog, DIALECT))


# ---- injection --------------------------------------------------------------------------------


@dataclass
class Case:
    """One broken pipeline: the spec (correct), the broken code, and the correct output."""

    pipeline: str
    kind: str
    spec: Spec
    broken_sql: str
    correct_sql: str
    expected: Result
    engine_error: str | None = None  # what the engine said about the broken code, if it refused

    @property
    def family(self) -> str:
        return "error" if self.kind in ERROR_FAULTS else "result"


def inject(
    engine: Any,
    name: str,
    spec: Spec,
    catalog: Catalog,
    kinds: Sequence[str] | None = None,
) -> list[Case]:
    """Every fault (or those of `kinds`) that applies to the pipeline and behaves as its family
    says on this database: an error fault's code must be refused, a result fault's code must
    run and give another output (other names or other rows)."""
    sql = compile_sql(spec, catalog, DIALECT)
    expected = fetch(engine, sql)
    ctx = FaultContext(name, spec, catalog, sql)
    cases = []
    for kind in kinds or FAULTS:
        broken = FAULTS[kind](parse(sql), ctx)
        if broken is None or broken.strip() == sql.strip():
            continue
        try:
            output: Result | None = fetch(engine, broken)
            error = None
        except Exception as refused:  # the engine's error type (EngineError, duckdb.Error)
            output, error = None, str(getattr(refused, "message", refused))
        if kind in ERROR_FAULTS and output is not None:
            continue  # the engine accepted it: not the mistake this kind is about
        if kind in RESULT_FAULTS and (output is None or output.same_as(expected)):
            continue  # refused, or no change on this data
        cases.append(Case(name, kind, spec, broken, sql, expected, error))
    return cases


# ---- the harness: run a broken pipeline through `datamorph.run` and judge it ------------------

SENTINEL = "previous target"  # what the target holds before each run; a failed run keeps it


@dataclass
class Outcome:
    """What healing made of one broken pipeline."""

    case: Case
    status: str  # the run's status: completed | failed | needs_attention
    healed: bool  # completed, and the published table equals the correct output
    target_ok: bool  # the target holds the correct output, or (not completed) what it held
    iterations: int
    seconds: float  # the whole run, wall clock
    fixes: list[dict[str, Any]]  # healing/iteration-N.json, in order
    message: str | None
    # Each remediation iteration, wall clock from the run's events: the fix, then executing
    # and validating the corrected code again.
    iteration_seconds: list[float] = field(default_factory=list)

    @property
    def regenerated(self) -> bool:
        return any(f.get("regenerated") for f in self.fixes)

    @property
    def last_failure(self) -> str:
        """The failure the healer saw last (kind: message), or the run's message."""
        if self.fixes:
            failure = self.fixes[-1].get("failure") or {}
            checks = ", ".join(failure.get("failed_checks") or [])
            detail = f"failed checks {checks}" if checks else failure.get("message", "")
            return f"{failure.get('kind', '?')}: {detail}"
        return self.message or ""


def iteration_artifacts(store: Any, run_id: str) -> list[dict[str, Any]]:
    """The run's `healing/iteration-N.json` artifacts, in iteration order."""
    found = []
    for artifact in store.artifacts(run_id):
        match = re.fullmatch(r"healing/iteration-(\d+)\.json", artifact.name)
        if match:
            found.append(
                (int(match.group(1)), json.loads(store.read_artifact(run_id, artifact.name)))
            )
    return [data for _, data in sorted(found, key=lambda pair: pair[0])]


def iteration_times(store: Any, run_id: str) -> list[float]:
    """Seconds of each remediation iteration: from its "remediating started" event to the next
    one, or to publishing (or the run's last event) for the last iteration."""
    events = store.events(run_id)
    starts = [
        i for i, e in enumerate(events) if e.step == "remediating" and e.message.endswith("started")
    ]
    times = []
    for n, start in enumerate(starts):
        if n + 1 < len(starts):
            end = starts[n + 1]
        else:
            after = [i for i in range(start, len(events)) if events[i].step == "publishing"]
            end = after[0] if after else len(events) - 1
        times.append((events[end].time - events[start].time).total_seconds())
    return times


def run_case(database: Path, store: Any, case: Case, number: int) -> Outcome:
    """Run the broken code through validate-and-heal (`datamorph.run`, code given), then read
    the target: a completed run must have published the correct output, any other run must
    have left the target as it was (a sentinel table written just before)."""
    import datamorph
    from datamorph.engines.duckdb import DuckDBEngine

    target = case.spec.target_table.name
    sentinel = Result.of(("sentinel", "case_number"), [(SENTINEL, number)])
    with DuckDBEngine(database) as engine:
        engine.execute(
            f'CREATE OR REPLACE TABLE "{target}" AS '
            f"SELECT '{SENTINEL}' AS sentinel, {number} AS case_number"
        )
    started = time.perf_counter()
    # the sentinel stands for an earlier output this store did not record: replacing it is meant
    result = datamorph.run(
        case.spec, code=case.broken_sql, database=str(database), store=store, replace_source=True
    )
    seconds = time.perf_counter() - started
    with DuckDBEngine(database) as engine:
        published = (
            fetch(engine, f'SELECT * FROM "{target}"') if engine.table_exists(target) else None
        )
    completed = result.status == "completed"
    healed = completed and published is not None and published.same_as(case.expected)
    kept = published is not None and published.same_as(sentinel)
    return Outcome(
        case=case,
        status=result.status,
        healed=healed,
        target_ok=healed if completed else kept,
        iterations=result.iterations,
        seconds=seconds,
        fixes=iteration_artifacts(store, result.run_id),
        message=result.message,
        iteration_seconds=iteration_times(store, result.run_id),
    )
